"""Goal graphs (frappe.utils.goal): not for the app's DocTypes."""

import frappe
from frappe import _

from party_care.guards.visibility import is_app_doctype


@frappe.whitelist()
def get_monthly_goal_graph_data(title, doctype, docname, goal_value_field, goal_total_field,
	goal_history_field, goal_doctype, goal_doctype_link, goal_field, date_field, aggregation="sum",
	filters=None):
	"""Frappe aggregates any field of any DocType here, unscoped and by any SQL function (a
	`group_concat` of hardship situations, say). The app has no goal graphs: refuse its DocTypes."""
	from frappe.utils.goal import get_monthly_goal_graph_data as frappe_goal_graph

	for dt in (doctype, goal_doctype):
		if is_app_doctype(dt):
			frappe.throw(_("Goal graphs are not available for {0}.").format(_(dt)), frappe.PermissionError)
	return frappe_goal_graph(title, doctype, docname, goal_value_field, goal_total_field, goal_history_field,
		goal_doctype, goal_doctype_link, goal_field, date_field, aggregation, filters)
