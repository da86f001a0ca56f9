"""Goal graphs (frappe.utils.goal): not for the app's DocTypes."""

import frappe
from frappe import _

from party_care.guards.visibility import is_app_doctype


@frappe.whitelist()
def get_monthly_goal_graph_data(
	title: str,
	doctype: str,
	docname: str,
	goal_value_field: str,
	goal_total_field: str,
	goal_history_field: str,
	goal_doctype: str,
	goal_doctype_link: str,
	goal_field: str,
	date_field: str,
	aggregation: str = "sum",
	filters: str | dict | list | None = None,
	**kwargs,
):
	"""Frappe aggregates any field of any DocType here, unscoped and by any SQL function (a
	`group_concat` of hardship situations, say). The app has no goal graphs: refuse its DocTypes."""
	from frappe.utils.goal import get_monthly_goal_graph_data as frappe_goal_graph

	for dt in (doctype, goal_doctype):
		if is_app_doctype(dt):
			frappe.throw(_("Goal graphs are not available for {0}.").format(_(dt)), frappe.PermissionError)
	return frappe.call(
		frappe_goal_graph,
		title,
		doctype,
		docname,
		goal_value_field,
		goal_total_field,
		goal_history_field,
		goal_doctype,
		goal_doctype_link,
		goal_field,
		date_field,
		aggregation,
		filters,
		**kwargs,
	)
