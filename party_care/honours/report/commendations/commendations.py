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
	col,
	committee_columns,
	link_col,
	organization_col,
	roll_up,
	scoped_query,
)

IN_PROGRESS = ("Nominated", "Branch Recommended", "Committee Approved", "Public Notice")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	rows = data(year, filters.get("award_type"), filters.get("party_organization"))
	if by_committee(filters):  # one line per committee (汇总层级: 党委), every award type
		cols = [c for c in columns() if c["fieldname"] != "award_type"]
		return committee_columns(cols), roll_up(rows, filters, ADDITIVE)
	return columns(), rows


ADDITIVE = ("nominations", "in_progress", "awarded", "rejected", "rewards")


def columns():
	return [
		organization_col(200),
		link_col("award_type", _("Award Type"), "Award Type", 200),
		col("nominations", _("Nominations"), "Int", 100),
		col("in_progress", _("In Progress"), "Int", 100),
		col("awarded", _("Awarded"), "Int", 90),
		col("rejected", _("Rejected"), "Int", 90),
		col("rewards", _("Rewards Paid"), "Currency", 130),
	]


def data(year, award_type=None, party_organization=None):
	commendation = frappe.qb.DocType("Commendation")

	def count_if(condition):
		return Sum(Case().when(condition, 1).else_(0))

	query, org = scoped_query(commendation, party_organization)
	query = (
		query.select(
			commendation.party_organization,
			commendation.award_type,
			Count(commendation.name).as_("nominations"),
			count_if(commendation.workflow_state.isin(IN_PROGRESS)).as_("in_progress"),
			count_if(commendation.workflow_state == "Awarded").as_("awarded"),
			count_if(commendation.workflow_state == "Rejected").as_("rejected"),
			Sum(Case().when(commendation.ledger_entry.isnotnull(), commendation.reward_amount).else_(0)).as_(
				"rewards"
			),
		)
		.where(commendation.year == year)
		.groupby(commendation.party_organization, commendation.award_type)
		.orderby(org.lft)
		.orderby(commendation.award_type)
	)
	if award_type:
		query = query.where(commendation.award_type == award_type)
	return query.run(as_dict=True)
