"""The list view's sidebar counts (frappe.desk.listview)."""

import frappe
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count

from party_care.guards.visibility import is_app_doctype
from party_care.overrides.client import check_list_request


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str):
	"""Frappe counts "assigned to" over an unscoped query of the doctype; for the app's DocTypes
	count over the rows the user may list (with the query guard's filter checks)."""
	check_list_request(doctype, current_filters, group_by=field if field != "assigned_to" else None)
	if field != "assigned_to" or not is_app_doctype(doctype):
		return frappe_get_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), pluck="name",
		limit_page_length=0, order_by=None)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo).from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where((todo.status != "Cancelled") & (todo.allocated_to == user.name)
			& (user.user_type == "System User") & (todo.reference_type == doctype)
			& (todo.reference_name.isin(names)))
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)
