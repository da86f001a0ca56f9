# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Planned visits and talks past their due date, in the viewer's organisation scope
(party_care/reports.py). A city committee may have hundreds of thousands: the report then opens
on one line per organisation (count, oldest due date) and an organisation drills down to its
visits (reports.summary_or_details)."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from party_care.reports import (
	col,
	link_col,
	organization_col,
	scope_condition,
	summary_columns,
	summary_or_details,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	day = getdate(today())
	condition, values = scope_condition(filters)
	values["today"] = day
	clauses = ["v.status = 'Planned'", "v.due_date < %(today)s", condition]
	if filters.get("visit_type"):
		clauses.append("v.visit_type = %(visit_type)s")
		values["visit_type"] = filters.visit_type
	where = " and ".join(clauses)
	counts = frappe.db.sql(
		f"""select v.party_organization, count(*) overdue, min(v.due_date) oldest_due_date
		from `tabVisit` v join `tabParty Organization` org on org.name = v.party_organization
		where {where} group by v.party_organization""",
		values,
		as_dict=True,
	)

	def details(limit):
		rows = frappe.db.sql(
			f"""select v.name, v.member, v.member_name, v.party_organization, v.visit_reason, v.visit_type, v.due_date
			from `tabVisit` v join `tabParty Organization` org on org.name = v.party_organization
			where {where} order by v.due_date, v.name limit {int(limit)}""",
			values,
			as_dict=True,
		)
		for row in rows:
			row.days_overdue = date_diff(day, row.due_date)
			row.visit_reason = _(row.visit_reason)
			row.visit_type = _(row.visit_type)
		return rows

	is_summary, rows, message = summary_or_details(counts, "overdue", filters, details)
	if is_summary:
		for row in rows:
			row.max_days_overdue = date_diff(day, row.oldest_due_date)
		return (
			summary_columns(
				"overdue",
				_("Overdue"),
				[
					col("oldest_due_date", _("Oldest Due Date"), "Date"),
					col("max_days_overdue", _("Most Days Overdue"), "Int", 120),
				],
			),
			rows,
			message,
		)
	return columns(), rows, message


def columns():
	return [
		link_col("name", _("Visit"), "Visit", 150),
		col("member_name", _("Member Name"), width=100),
		organization_col(),
		col("visit_reason", _("Reason"), width=180),
		col("visit_type", _("Kind"), width=70),
		col("due_date", _("Due Date"), "Date", 100),
		col("days_overdue", _("Days Overdue"), "Int", 100),
	]
