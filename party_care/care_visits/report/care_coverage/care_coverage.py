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
	col,
	committee_columns,
	in_tree_order,
	organization_col,
	period,
	roll_up,
	scope_condition,
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
	"""One line per committee of the viewer's area (reports.roll_up), each its whole subtree."""
	rows = roll_up(data(filters), filters, ADDITIVE)
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
		organization_col(200),
		col("members", _("Members"), "Int", 80),
		col("planned", _("Visits Planned"), "Int", 100),
		col("done", _("Visits Done"), "Int", 90),
		col("done_on_time", _("Done On Time"), "Int", 100),
		col("overdue", _("Overdue"), "Int", 80),
		col("talked", _("Members Talked With"), "Int", 120),
		col("talk_coverage", _("Talk Coverage %"), "Percent"),
		col("elderly", _("Members Aged 80+"), "Int"),
		col("elderly_visited", _("Aged 80+ Visited"), "Int"),
	]


def data(filters) -> list[dict]:
	start, end = period(filters)
	day = getdate(today())
	settings = frappe.get_cached_doc("Party Care Settings")
	elderly_born_before = add_years(day, -(settings.elderly_age or 80))
	condition, values = scope_condition(filters)
	values.update(start=start, end=end, today=day, elderly=elderly_born_before)

	members = frappe.db.sql(
		f"""select m.party_organization, count(*) members,
			sum(m.date_of_birth <= %(elderly)s) elderly
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in ('Probationary', 'Full') and {condition}
		group by m.party_organization""",
		values,
		as_dict=True,
	)
	# planned / done / on time / overdue: whole months from the monthly counts, the rest counted
	visits = visit_counts(condition, values, start, end, day, campaign=filters.get("campaign"))
	# members with a talk in the talk period: their last talk (kept from their visits) is recent
	# the talk period of each member's committee (its rules, at the top Party Care Settings)
	talk_start = f"date_sub(%(today)s, interval {rules.rule_sql('talk_period_years', 'org')} year)"
	talked = frappe.db.sql(
		f"""select m.party_organization, count(*) talked
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in ('Probationary', 'Full') and {condition} and m.last_talk_on >= {talk_start}
		group by m.party_organization""",
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
		f"""select m.party_organization, count(*) elderly_visited
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in ('Probationary', 'Full') and m.date_of_birth <= %(elderly)s and {condition}
			and {visited}
		group by m.party_organization""",
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
	for row in in_tree_order(rows):
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
