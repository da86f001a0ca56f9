# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Rectifications (整改落实情况): open, reported and closed, the overdue ones first, scoped to the
viewer's subtree (the secretaries concerned, the committee, the officers)."""

import frappe
from frappe import _
from frappe.utils import cint, date_diff, getdate, today

from party_care.reports import col, link_col, organization_col, scope_condition


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns() -> list[dict]:
	return [
		link_col("name", _("Rectification"), "Party Building Rectification", 140),
		organization_col(),
		col("secretary_name", _("Secretary Name"), width=90),
		col("year", _("Year"), "Int", 60),
		col("grade", _("Grade"), width=70),
		col("status", _("Status"), width=80),
		col("due_date", _("Due Date"), "Date", 100),
		col("days_overdue", _("Days Overdue"), "Int", 90),
		col("reported_on", _("Reported On"), "Date", 100),
		col("closed_on", _("Closed On"), "Date", 100),
	]


def data(filters) -> list[dict]:
	condition, values = scope_condition(filters)
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
