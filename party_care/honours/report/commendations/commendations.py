# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Commendations by organisation and award for a year: nominated, in progress, awarded,
rejected, and rewards paid. Raw SQL gets no user permissions from Frappe, so the report scopes
itself: a branch secretary sees his subtree only."""

import frappe
from frappe import _
from frappe.query_builder import Case
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

IN_PROGRESS = ("Nominated", "Branch Recommended", "Committee Approved", "Public Notice")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	if by_committee(filters):  # one line per committee (汇总层级: 党委), every award type, grouped in SQL
		lines = committee_view(filters)
		rows = data(year, filters.get("award_type"), filters.get("party_organization"), lines)
		cols = [c for c in columns() if c["fieldname"] != "award_type"]
		return committee_columns(cols), roll_up(rows, filters, ADDITIVE, lines=lines)
	return columns(), data(year, filters.get("award_type"), filters.get("party_organization"))


ADDITIVE = ("nominations", "in_progress", "awarded", "rejected", "rewards")


def columns():
	return [
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 200,
		},
		{
			"fieldname": "award_type",
			"label": _("Award Type"),
			"fieldtype": "Link",
			"options": "Award Type",
			"width": 200,
		},
		{"fieldname": "nominations", "label": _("Nominations"), "fieldtype": "Int", "width": 100},
		{"fieldname": "in_progress", "label": _("In Progress"), "fieldtype": "Int", "width": 100},
		{"fieldname": "awarded", "label": _("Awarded"), "fieldtype": "Int", "width": 90},
		{"fieldname": "rejected", "label": _("Rejected"), "fieldtype": "Int", "width": 90},
		{"fieldname": "rewards", "label": _("Rewards Paid"), "fieldtype": "Currency", "width": 130},
	]


def data(year, award_type=None, party_organization=None, lines: list | None = None):
	"""Per organisation and award type; with `lines` (reports.committee_view) per by-committee line
	(its number as party_organization), every award type together."""
	commendation = frappe.qb.DocType("Commendation")
	org = frappe.qb.DocType("Party Organization")
	key = line_qb(lines, org) if lines is not None else None

	def count_if(condition):
		return Sum(Case().when(condition, 1).else_(0))

	query = (
		frappe.qb.from_(commendation)
		.join(org)
		.on(org.name == commendation.party_organization)
		.select(
			key.as_("party_organization") if key is not None else commendation.party_organization,
			*([commendation.award_type] if key is None else []),
			Count(commendation.name).as_("nominations"),
			count_if(commendation.workflow_state.isin(IN_PROGRESS)).as_("in_progress"),
			count_if(commendation.workflow_state == "Awarded").as_("awarded"),
			count_if(commendation.workflow_state == "Rejected").as_("rejected"),
			Sum(Case().when(commendation.ledger_entry.isnotnull(), commendation.reward_amount).else_(0)).as_(
				"rewards"
			),
		)
		.where(commendation.year == year)
	)
	if key is None:
		query = (
			query.groupby(commendation.party_organization, commendation.award_type)
			.orderby(org.lft)
			.orderby(commendation.award_type)
		)
	else:
		query = query.groupby(key)
	if award_type:
		query = query.where(commendation.award_type == award_type)
	condition = organization_condition(org, party_organization)
	if condition is not None:
		query = query.where(condition)
	return query.run(as_dict=True)
