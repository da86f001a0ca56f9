"""frappe.desk.reportview (the desk's list, report and export views): the request's filters,
group-by and order-by for an app DocType are checked before Frappe runs it (as
party_care/overrides/client.py). Frappe's methods read their arguments from the request
(`get_form_params`), so these only look and delegate: the signature names what they read, typed,
so the request guard checks it (party_care/guards/arguments.py: without a `doctype` Frappe failed
with a TypeError, a 500); **kwargs takes the rest of what the client sent.

Frappe runs its four methods with @frappe.read_only() (served by the MariaDB replica when the site
sets `read_from_replica`); so do these, so that the check's own reads (the DocType's module, its
meta, the user's roles and permission levels) are made on the replica too, not on the primary
before Frappe switches. The check only reads; Frappe's decorator inside sees the switch already
made and leaves it (tests/test_replica.py counts the primary's statements)."""

import frappe
from frappe import _, bold
from frappe.desk import reportview

from party_care.guards import read_log
from party_care.guards.arguments import filters_arg, invalid, json_arg
from party_care.overrides.client import JSON, check_list_request, fields_arg


def check_form() -> None:
	form = frappe.form_dict
	fields_arg(form.get("fields"))
	filters, or_filters = filters_arg(form.get("filters")), filters_arg(form.get("or_filters"), "or_filters")
	json_arg(form.get("applied_filters"), "applied_filters", (list, dict))
	json_arg(form.get("selected_items"), "selected_items", list, items=str)  # export_query's
	check_list_request(
		form.get("doctype"),
		filters,
		or_filters,
		form.get("group_by"),
		form.get("order_by"),
		form.get("parent_doctype") or form.get("parent"),
	)


@frappe.whitelist()
@frappe.read_only()
def get(
	doctype: str,
	fields: JSON = None,
	filters: JSON = None,
	or_filters: JSON = None,
	order_by: str | None = None,
	group_by: str | None = None,
	**kwargs,
):
	check_form()
	data = reportview.get()
	if isinstance(data, dict) and data.get("values"):
		form = frappe.form_dict
		read_log.note_rows(
			form.get("doctype"),
			data["values"],
			"List or Report",
			fields=form.get("fields"),
			query=form.get("filters"),
			keys=data.get("keys"),
		)
	return data


@frappe.whitelist()
@frappe.read_only()
def get_list(
	doctype: str,
	fields: JSON = None,
	filters: JSON = None,
	or_filters: JSON = None,
	order_by: str | None = None,
	group_by: str | None = None,
	**kwargs,
):
	check_form()
	rows = reportview.get_list()
	form = frappe.form_dict
	read_log.note_rows(
		form.get("doctype"), rows, "List or Report", fields=form.get("fields"), query=form.get("filters")
	)
	return rows


@frappe.whitelist()
@frappe.read_only()
def get_count(doctype: str, fields: JSON = None, filters: JSON = None, or_filters: JSON = None, **kwargs):
	check_form()
	return reportview.get_count()


EXPORT_FORMATS = ("CSV", "Excel")  # what Frappe's export writes (another: an UnboundLocalError, a 500)


@frappe.whitelist()
@frappe.read_only()
def export_query(
	doctype: str,
	file_format_type: str,
	fields: JSON,  # required: Frappe 16 reads it unasked (a KeyError, a 500, without it)
	filters: JSON = None,
	or_filters: JSON = None,
	order_by: str | None = None,
	selected_items: JSON = None,
	**kwargs,
):
	if file_format_type not in EXPORT_FORMATS:
		invalid(_("{0} must be one of {1}.").format(bold("file_format_type"), ", ".join(EXPORT_FORMATS)))
	check_form()
	result = reportview.export_query()
	form = frappe.form_dict
	read_log.note_export(
		form.get("doctype"),
		form.get("fields"),
		frappe.response.get("filecontent"),
		form.get("file_format_type"),
		query=form.get("filters"),
	)
	return result
