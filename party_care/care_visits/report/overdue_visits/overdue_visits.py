# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Planned visits and talks past their due date — through frappe.get_list, so Frappe's own
permissions and the viewer's organisation scope apply."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today


def execute(filters=None):
	filters = frappe._dict(filters or {})
	day = getdate(today())
	list_filters = {"status": "Planned", "due_date": ["<", day]}
	if filters.get("party_organization"):
		list_filters["party_organization"] = ["descendants of (inclusive)", filters.party_organization]
	if filters.get("visit_type"):
		list_filters["visit_type"] = filters.visit_type
	rows = frappe.get_list(
		"Visit",
		filters=list_filters,
		fields=["name", "member", "member_name", "party_organization", "visit_reason", "visit_type", "due_date"],
		order_by="due_date asc",
		limit_page_length=0,
	)
	for row in rows:
		row.days_overdue = date_diff(day, row.due_date)
		row.visit_reason = _(row.visit_reason)
		row.visit_type = _(row.visit_type)
	return columns(), rows


def columns():
	return [
		{"fieldname": "name", "label": _("Visit"), "fieldtype": "Link", "options": "Visit", "width": 150},
		{"fieldname": "member_name", "label": _("Member Name"), "fieldtype": "Data", "width": 100},
		{"fieldname": "party_organization", "label": _("Party Organization"), "fieldtype": "Link",
			"options": "Party Organization", "width": 180},
		{"fieldname": "visit_reason", "label": _("Reason"), "fieldtype": "Data", "width": 180},
		{"fieldname": "visit_type", "label": _("Kind"), "fieldtype": "Data", "width": 70},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 100},
	]
