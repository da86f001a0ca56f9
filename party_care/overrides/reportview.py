"""frappe.desk.reportview (the desk's list, report and export views): the request's filters,
group-by and order-by for an app DocType are checked before Frappe runs it (as
party_care/overrides/client.py). Frappe's methods read their arguments from the request
(`get_form_params`), so these only look and delegate; **kwargs takes whatever the client sent.

Frappe runs its three methods with @frappe.read_only() (served by the MariaDB replica when the site
sets `read_from_replica`); so do these, so that the check's own reads (the DocType's module, its
meta, the user's roles and permission levels) are made on the replica too, not on the primary
before Frappe switches. The check only reads; Frappe's decorator inside sees the switch already
made and leaves it (tests/test_replica.py counts the primary's statements)."""

import frappe
from frappe.desk import reportview

from party_care.guards import read_log
from party_care.overrides.client import check_list_request


def check_form() -> None:
	form = frappe.form_dict
	check_list_request(form.get("doctype"), form.get("filters"), form.get("or_filters"), form.get("group_by"),
		form.get("order_by"), form.get("parent_doctype") or form.get("parent"))


@frappe.whitelist()
@frappe.read_only()
def get(**kwargs):
	check_form()
	data = reportview.get()
	if isinstance(data, dict) and data.get("values"):
		form = frappe.form_dict
		read_log.note_rows(form.get("doctype"), data["values"], "List or Report", fields=form.get("fields"),
			query=form.get("filters"), keys=data.get("keys"))
	return data


@frappe.whitelist()
def get_list(**kwargs):
	check_form()
	rows = reportview.get_list()
	form = frappe.form_dict
	read_log.note_rows(form.get("doctype"), rows, "List or Report", fields=form.get("fields"),
		query=form.get("filters"))
	return rows


@frappe.whitelist()
@frappe.read_only()
def get_count(**kwargs):
	check_form()
	return reportview.get_count()


@frappe.whitelist()
@frappe.read_only()
def export_query(**kwargs):
	check_form()
	result = reportview.export_query()
	form = frappe.form_dict
	read_log.note_export(form.get("doctype"), form.get("fields"), frappe.response.get("filecontent"),
		form.get("file_format_type"), query=form.get("filters"))
	return result
