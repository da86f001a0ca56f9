"""frappe.desk.query_report: a custom report's linked column over an app DocType."""

import frappe
from frappe import _, bold
from frappe.desk import query_report
from frappe.utils import escape_html

from party_care.guards import read_log
from party_care.guards.arguments import invalid, is_column, json_arg
from party_care.guards.visibility import hidden_fields, is_app_doctype


@frappe.whitelist()
def get_data_for_custom_field(doctype: str, field: str, names: str | list | None = None, **kwargs):
	"""{name: value of `field`} for the named records. A field the user may not read at its level
		comes back blank, on both lines: Frappe 15 through the list guard (an empty column), while
		Frappe 16 drops the column from its rows and fails building the answer (a 500). The values of a
	sensitive field it hands over are logged (party_care/guards/read_log.py)."""
	if not field or not field.isidentifier() or not is_column(doctype, field):  # Frappe: an SQL error (a 500)
		invalid(_("{0} has no field {1}.").format(bold(_(doctype)), bold(escape_html(field[:80]))))
	names = json_arg(names, "names", list, items=str)
	if is_app_doctype(doctype) and field in hidden_fields(doctype):
		return {name: "" for name in query_report.get_data_for_custom_field(doctype, "name", names)}
	values = frappe.call(query_report.get_data_for_custom_field, doctype, field, names=names, **kwargs)
	if values:  # what it hands over of a sensitive field is logged, as a list's column is
		rows = [{"name": name, field: value} for name, value in values.items()]
		read_log.note_rows(doctype, rows, "List or Report", fields=["name", field])
	return values


@frappe.whitelist(methods=["POST"])
def enqueue_json_to_csv_conversion(prepared_report_name: str | None = None):
	"""Frappe 16's CSV of a prepared report, queued for whoever may read that prepared report (its
	report's roles): Frappe queues it for any logged-in user, who then gets a File and a
	notification made from a report he may not run."""
	from party_care.compat import frappe_endpoint

	endpoint = frappe_endpoint(
		"frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion"
	)
	if not isinstance(prepared_report_name, str) or not prepared_report_name.strip():
		invalid(_("Choose a prepared report."))
	if not frappe.db.exists("Prepared Report", prepared_report_name):
		frappe.throw(
			_("{0} {1} not found").format(
				_("Prepared Report"), bold(escape_html(prepared_report_name[:140]))
			),
			frappe.DoesNotExistError,
		)
	frappe.get_doc("Prepared Report", prepared_report_name).check_permission("read")
	return endpoint(prepared_report_name)
