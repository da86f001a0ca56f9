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
from party_care.reports import summary_columns, summary_or_details


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
			extra.append(
				{"fieldname": "nominated", "label": _("Nominated"), "fieldtype": "Int", "width": 100}
			)
		return summary_columns("candidates", _("Candidates"), extra), rows, message
	return columns(kind), rows, message


def columns(kind):
	since = {
		eligibility.MEDAL: _("Date Made Full Member"),
		eligibility.WORKERS: _("In Party Work Since"),
		eligibility.STANDING: _("Date Made Full Member"),
	}[kind]
	cols = [
		{"fieldname": "member", "label": _("Member"), "fieldtype": "Link", "options": "Member", "width": 120},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 180,
		},
		{"fieldname": "since", "label": since, "fieldtype": "Date", "width": 130},
		{"fieldname": "years", "label": _("Years"), "fieldtype": "Int", "width": 80},
		{"fieldname": "reaches_on", "label": _("Reaches On"), "fieldtype": "Date", "width": 120},
	]
	if kind in eligibility.AWARD_OF_LIST:
		cols.append(
			{
				"fieldname": "nomination",
				"label": _("Nomination"),
				"fieldtype": "Link",
				"options": "Commendation",
				"width": 150,
			}
		)
	return cols
