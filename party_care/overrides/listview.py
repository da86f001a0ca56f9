"""The list view's sidebar counts (frappe.desk.listview)."""

import frappe
from frappe import _
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.model import is_default_field
from frappe.utils import escape_html

from party_care.guards import read_log
from party_care.guards.arguments import filters_arg
from party_care.guards.visibility import is_app_doctype
from party_care.overrides.client import check_list_request


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str | dict | list, field: str, **kwargs):
	"""Frappe counts "assigned to" over an unscoped query of the doctype; for the app's DocTypes
	count over the rows the user may list (with the query guard's filter checks). The field is
	one of the DocType's (Frappe: a ValueError, a 500)."""
	current_filters = filters_arg(current_filters, "current_filters", doctype) or []
	if field != "assigned_to" and not (frappe.get_meta(doctype).has_field(field) or is_default_field(field)):
		frappe.throw(
			_("{0} has no field {1}.").format(frappe.bold(_(doctype)), frappe.bold(escape_html(field[:80]))),
			title=_("Invalid Request"),
		)
	check_list_request(doctype, current_filters, group_by=field if field != "assigned_to" else None)
	if field != "assigned_to" or not is_app_doctype(doctype):
		counts = frappe.call(
			frappe_get_group_by_count, doctype, frappe.as_json(current_filters), field, **kwargs
		)  # (the filters as a text)
		# grouped by a sensitive field, its values are the groups' names: logged
		read_log.note_group_counts(doctype, field, counts, query=current_filters)
		return counts
	names = frappe.get_list(
		doctype, filters=current_filters, pluck="name", limit_page_length=0, order_by=None
	)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (todo.allocated_to == user.name)
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& (todo.reference_name.isin(names))
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)
