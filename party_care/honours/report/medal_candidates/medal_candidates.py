# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""This year's candidates, computed from the register (party_care/honours/eligibility.py): the
50-year medal, ten years in party work, party-standing milestones. Scoped to the viewer's
subtree. The report's button nominates the ticked candidates (eligibility.create_nominations).
A whole city's list opens on one line per organisation; an organisation drills down to its
candidates (reports.summary_or_details)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from party_care.honours import eligibility
from party_care.reports import col, link_col, organization_col, summary_columns, summary_or_details


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	kind = filters.get("kind") or eligibility.MEDAL
	org = filters.get("party_organization")
	counts = eligibility.candidate_counts(kind, year, org)
	is_summary, rows, message = summary_or_details(
		counts, "candidates", filters, lambda limit: eligibility.get_candidates(kind, year, org, limit)
	)
	if is_summary:
		extra = []
		if kind in eligibility.AWARD_OF_LIST:
			extra.append(col("nominated", _("Nominated"), "Int", 100))
		return summary_columns("candidates", _("Candidates"), extra), rows, message
	return columns(kind), rows, message


def columns(kind):
	since = {
		eligibility.MEDAL: _("Date Made Full Member"),
		eligibility.WORKERS: _("In Party Work Since"),
		eligibility.STANDING: _("Date Made Full Member"),
	}[kind]
	cols = [
		link_col("member", _("Member"), "Member"),
		col("full_name", _("Full Name"), width=120),
		organization_col(),
		col("since", since, "Date", 130),
		col("years", _("Years"), "Int", 80),
		col("reaches_on", _("Reaches On"), "Date", 120),
	]
	if kind in eligibility.AWARD_OF_LIST:
		cols.append(link_col("nomination", _("Nomination"), "Commendation", 150))
	return cols
