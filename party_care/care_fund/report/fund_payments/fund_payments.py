# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Payments by purpose and organisation for a year. Raw SQL gets no user permissions from
Frappe, so the report scopes itself: a branch secretary sees his subtree only."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, getdate, today

from party_care.reports import (
	by_committee,
	committee_columns,
	committee_view,
	line_qb,
	organization_condition,
	roll_up,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	if by_committee(filters):  # one line per committee and purpose (汇总层级: 党委), grouped in SQL
		lines = committee_view(filters)
		rows = data(year, filters.get("party_organization"), filters.get("care_fund"), lines)
		rows = roll_up(rows, filters, ("payments", "amount"), keys=("purpose",), lines=lines)
		return committee_columns(columns()), rows, None, chart(rows)
	rows = data(year, filters.get("party_organization"), filters.get("care_fund"))
	return columns(), rows, None, chart(rows)


def chart(rows) -> dict:
	"""Amount paid by purpose (labels already translated)."""
	by_purpose: dict[str, float] = {}
	for row in rows:
		by_purpose[row.purpose] = by_purpose.get(row.purpose, 0) + (row.amount or 0)
	return {
		"data": {
			"labels": list(by_purpose),
			"datasets": [{"name": _("Amount Paid"), "values": list(by_purpose.values())}],
		},
		"type": "donut",
		"fieldtype": "Currency",
	}


def columns():
	return [
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 200,
		},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 200},
		{"fieldname": "payments", "label": _("Payments"), "fieldtype": "Int", "width": 90},
		{"fieldname": "amount", "label": _("Amount Paid"), "fieldtype": "Currency", "width": 130},
	]


def data(year, party_organization=None, care_fund=None, lines: list | None = None):
	"""Per organisation and purpose; with `lines` (reports.committee_view) per by-committee line (its
	number as party_organization) and purpose."""
	app = frappe.qb.DocType("Fund Application")
	org = frappe.qb.DocType("Party Organization")
	key = line_qb(lines, org) if lines is not None else app.party_organization
	condition = (
		(app.docstatus == 1)
		& (app.workflow_state == "Paid")
		& app.paid_on.between(f"{year}-01-01", f"{year}-12-31")
	)
	if care_fund:
		condition &= app.care_fund == care_fund
	if (in_scope := organization_condition(org, party_organization)) is not None:
		condition &= in_scope
	query = (
		frappe.qb.from_(app)
		.join(org)
		.on(org.name == app.party_organization)
		.select(
			key.as_("party_organization"),
			app.purpose,
			Count(app.name).as_("payments"),
			Sum(app.amount_approved).as_("amount"),
		)
		.where(condition)
		.groupby(key, app.purpose)
	)
	if lines is None:
		query = query.orderby(org.lft)
	rows = query.orderby(app.purpose).run(as_dict=True)
	purposes = {}  # a handful of purposes: translate each once, not once per row
	for row in rows:
		if row.purpose not in purposes:
			purposes[row.purpose] = _(row.purpose)
		row.purpose = purposes[row.purpose]
	from party_care.care_batches.report.batch_summary.batch_summary import paid_by_occasion

	return rows + paid_by_occasion(year, party_organization, care_fund)  # holiday batches and allowances
