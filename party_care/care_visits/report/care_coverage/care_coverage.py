# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care coverage by organisation and period: visits planned, done on time, overdue, talk
coverage, members over 80 visited. One aggregate query per measure, grouped by organisation."""

import frappe
from frappe import _
from frappe.utils import add_years, flt, getdate, today

from party_care.care_visits.visit_months import visit_counts
from party_care.organization import rules
from party_care.reports import (
	by_committee,
	committee_columns,
	committee_view,
	in_tree_order,
	line_sql,
	org_condition,
	period,
	roll_up,
	scope_bounds,
)

ADDITIVE = ("members", "planned", "done", "done_on_time", "overdue", "talked", "elderly", "elderly_visited")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if by_committee(filters):
		rows = by_committees(filters)
		return committee_columns(columns()), rows, None, chart(rows)
	rows = data(filters)
	return columns(), rows, None, chart(rows)


def by_committees(filters) -> list[dict]:
	"""One line per committee of the viewer's area (reports.roll_up), each its whole subtree: the
	queries group by the line themselves (reports.line_sql)."""
	lines = committee_view(filters)
	rows = roll_up(data(filters, lines), filters, ADDITIVE, lines=lines)
	for row in rows:
		row.talk_coverage = round(100.0 * row.talked / row.members, 1) if row.members else 0.0
	return rows


def chart(rows) -> dict:
	"""Visits done against planned, per organisation (short names on the axis)."""
	from party_care.desk.charts import short_org_labels

	return {
		"data": {
			"labels": short_org_labels([r.party_organization for r in rows]),
			"datasets": [
				{"name": _("Visits Planned"), "values": [r.planned for r in rows]},
				{"name": _("Visits Done"), "values": [r.done for r in rows]},
			],
		},
		"type": "bar",
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
		{"fieldname": "members", "label": _("Members"), "fieldtype": "Int", "width": 80},
		{"fieldname": "planned", "label": _("Visits Planned"), "fieldtype": "Int", "width": 100},
		{"fieldname": "done", "label": _("Visits Done"), "fieldtype": "Int", "width": 90},
		{"fieldname": "done_on_time", "label": _("Done On Time"), "fieldtype": "Int", "width": 100},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 80},
		{"fieldname": "talked", "label": _("Members Talked With"), "fieldtype": "Int", "width": 120},
		{"fieldname": "talk_coverage", "label": _("Talk Coverage %"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "elderly", "label": _("Members Aged 80+"), "fieldtype": "Int", "width": 110},
		{"fieldname": "elderly_visited", "label": _("Aged 80+ Visited"), "fieldtype": "Int", "width": 110},
	]


def data(filters, lines: list | None = None) -> list[dict]:
	"""Per organisation; with `lines` (reports.committee_view) per by-committee line, each row's
	party_organization the line's number (reports.roll_up names it)."""
	key = line_sql(lines) if lines is not None else "m.party_organization"
	start, end = period(filters)
	day = getdate(today())
	settings = frappe.get_cached_doc("Party Care Settings")
	elderly_born_before = add_years(day, -(settings.elderly_age or 80))
	condition, values = org_condition(scope_bounds(party_organization=filters.get("party_organization")))
	values.update(start=start, end=end, today=day, elderly=elderly_born_before)

	members = frappe.db.sql(
		f"""select {key} party_organization, count(*) members,
			sum(m.date_of_birth <= %(elderly)s) elderly
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in ('Probationary', 'Full') and {condition}
		group by {key}""",
		values,
		as_dict=True,
	)
	# planned / done / on time / overdue: whole months from the monthly counts, the rest counted
	visits = visit_counts(
		condition,
		values,
		start,
		end,
		day,
		campaign=filters.get("campaign"),
		key=line_sql(lines) if lines is not None else None,
	)
	# members with a talk in the talk period: their last talk (kept from their visits) is recent
	# the talk period of each member's committee (its rules, at the top Party Care Settings)
	talk_start = f"date_sub(%(today)s, interval {rules.rule_sql('talk_period_years', 'org')} year)"
	talked = frappe.db.sql(
		f"""select {key} party_organization, count(*) talked
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in ('Probationary', 'Full') and {condition} and m.last_talk_on >= {talk_start}
		group by {key}""",
		values,
		as_dict=True,
	)
	# members aged 80+ with a visit done in the period: their last visit (kept from their visits)
	# answers when it lies in the period or before it; only a last visit after the period's end
	# (a past period) needs a look at their visits
	visited = """(m.last_visit_on between %(start)s and %(end)s or (m.last_visit_on > %(end)s
		and exists (select 1 from `tabVisit` v where v.member = m.name and v.visit_type = 'Visit'
			and v.status = 'Done' and v.visit_date between %(start)s and %(end)s)))"""
	elderly_visited = frappe.db.sql(
		f"""select {key} party_organization, count(*) elderly_visited
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in ('Probationary', 'Full') and m.date_of_birth <= %(elderly)s and {condition}
			and {visited}
		group by {key}""",
		values,
		as_dict=True,
	)
	rows: dict[str, frappe._dict] = {}
	for source in (members, visits, talked, elderly_visited):
		for r in source:
			rows.setdefault(
				r.party_organization, frappe._dict(party_organization=r.party_organization)
			).update({k: int(v or 0) for k, v in r.items() if k != "party_organization"})
	out = []
	for row in in_tree_order(rows) if lines is None else rows.values():
		for k in ADDITIVE:
			row.setdefault(k, 0)
		row.talk_coverage = round(100.0 * row.talked / row.members, 1) if row.members else 0.0
		out.append(row)
	return out


def totals(rows) -> dict:
	"""Whole-scope figures (used by the annual assessment and the workspace)."""
	total = {
		k: sum(flt(r.get(k)) for r in rows)
		for k in ("members", "planned", "done", "done_on_time", "overdue", "talked")
	}
	total["talk_coverage"] = round(100.0 * total["talked"] / total["members"], 1) if total["members"] else 0.0
	return total
