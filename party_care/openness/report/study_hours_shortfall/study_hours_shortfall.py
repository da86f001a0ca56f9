# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Who is short of the year's study hours (学时不足): collective training against 32 hours (every
current member) and mentor study against 16 (young members), with the months left in the year.
Aggregated in SQL, scoped to the viewer's subtree (party_care/reports.py)."""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from party_care.openness import study
from party_care.reports import (
	DETAIL_LIMIT,
	col,
	first_members,
	link_col,
	organization_col,
	scope_condition,
)

BOTH, COLLECTIVE, YOUNG = "Both", "Collective Training", "Young Members' Study"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.get("year")) or getdate(today()).year
	rows, message = shortfall(filters, year)
	return columns(), rows, message


def columns() -> list[dict]:
	return [
		organization_col(),
		link_col("member", _("Member"), "Member"),
		col("member_name", _("Member Name"), "Data", 90),
		col("age", _("Age"), "Int", 60),
		col("young", _("Young Member"), "Check", 80),
		col("collective_hours", _("Collective Training Hours"), "Float", 120),
		col("collective_short", _("Short of 32 Hours"), "Float", 110),
		col("mentor_study_hours", _("Mentor Study Hours"), "Float", 110),
		col("young_short", _("Short of 16 Hours"), "Float", 110),
		col("mentor_name", _("Mentor Name"), "Data", 90),
		col("months_left", _("Months Left"), "Int", 90),
	]


def shortfall(filters, year: int):
	requirement = filters.get("requirement") or BOTH
	condition, values = scope_condition(filters)
	start, end = study.year_bounds(year)
	day = getdate(today())
	reference = min(max(day, getdate(start)), getdate(end))  # age on today, within the year
	values.update(study.hours_values(year))
	values.update(
		{
			"reference": reference,
			"limit_age": study.age_limit(),
			"active": study.ACTIVE_STATUSES,
			"need_collective": study.COLLECTIVE_HOURS,
			"need_young": study.YOUNG_HOURS,
			"limit": DETAIL_LIMIT + 1,
		}
	)
	short = {
		COLLECTIVE: "collective_hours < %(need_collective)s",
		YOUNG: "(young and mentor_study_hours < %(need_young)s)",
	}
	having = short.get(requirement) or f"({short[COLLECTIVE]} or {short[YOUNG]})"
	rows = frappe.db.sql(
		f"""select m.name as member, m.full_name as member_name, m.party_organization,
			timestampdiff(year, m.date_of_birth, %(reference)s) as age,
			ifnull(timestampdiff(year, m.date_of_birth, %(reference)s) < %(limit_age)s, 0) as young,
			ifnull(h.collective_hours, 0) as collective_hours, ifnull(h.mentor_study_hours, 0) as mentor_study_hours
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		left join ({study.HOURS_SQL.format(members="")}) h on h.member = m.name
		where m.member_status in %(active)s and {condition}
			and ifnull(m.date_joined, %(start)s) <= %(end)s
		having {having}
		order by org.lft, m.full_name
		limit %(limit)s""",
		values,
		as_dict=True,
	)
	rows, message = first_members(rows)
	mentors = dict(
		frappe.db.sql(
			f"""select member, mentor_name from `tab{study.MENTORSHIP}` where member in %(members)s
			and from_date <= %(reference)s and ifnull(to_date, %(reference)s) >= %(reference)s""",
			{"members": [r.member for r in rows] or [""], "reference": reference},
		)
	)
	left = study.months_left(year)
	for r in rows:
		r.young = int(r.young or 0)
		r.collective_hours = flt(r.collective_hours, 2)
		r.mentor_study_hours = flt(r.mentor_study_hours, 2)
		r.collective_short = max(0.0, flt(study.COLLECTIVE_HOURS - r.collective_hours, 2))
		r.young_short = max(0.0, flt(study.YOUNG_HOURS - r.mentor_study_hours, 2)) if r.young else 0.0
		r.mentor_name = mentors.get(r.member)
		r.months_left = left
	return rows, message
