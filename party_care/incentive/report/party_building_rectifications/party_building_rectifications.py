# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Rectifications (整改落实情况): open, reported and closed, the overdue ones first, scoped to the
viewer's subtree (the secretaries concerned, the committee, the officers)."""

import frappe
from frappe import _
from frappe.utils import cint, date_diff, getdate, today

from party_care.reports import org_condition, scope_bounds


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Rectification"),
			"fieldtype": "Link",
			"options": "Party Building Rectification",
			"width": 140,
		},
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 180,
		},
		{"fieldname": "secretary_name", "label": _("Secretary Name"), "fieldtype": "Data", "width": 90},
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 60},
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 70},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 80},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 90},
		{"fieldname": "reported_on", "label": _("Reported On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "closed_on", "label": _("Closed On"), "fieldtype": "Date", "width": 100},
	]


def data(filters) -> list[dict]:
	condition, values = org_condition(scope_bounds(party_organization=filters.get("party_organization")))
	where = [condition]
	values["today"] = getdate(today())
	if filters.get("status"):
		where.append("r.status = %(status)s")
		values["status"] = filters.status
	if cint(filters.get("overdue_only")):
		where.append("r.status = 'Open' and r.due_date < %(today)s")
	if cint(filters.get("year")):
		where.append("r.year = %(year)s")
		values["year"] = cint(filters.year)
	rows = frappe.db.sql(
		f"""select r.name, r.party_organization, r.secretary_name, r.year, r.grade, r.status, r.due_date,
			r.reported_on, r.closed_on
		from `tabParty Building Rectification` r join `tabParty Organization` org on org.name = r.party_organization
		where {" and ".join(where)}
		order by (r.status = 'Open' and r.due_date < %(today)s) desc, r.due_date, org.lft
		limit 2000""",
		values,
		as_dict=True,
	)
	for row in rows:
		late = date_diff(values["today"], row.due_date) if row.status == "Open" else 0
		row.days_overdue = late if late > 0 else 0
		row.status = _(row.status)
	return rows
