# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""The assessment table of a round (述职评议考核汇总表): per organisation its secretary, state, every
indicator's score, the total and the grade, the care part read from the records, and the
rectification. Scoped to the viewer's subtree; grades and scores only for who reads level 1 of the
assessment (the secretaries of the subtree, the committee, the officers)."""

import frappe
from frappe import _
from frappe.utils import cint

from party_care.reports import col, organization_col, scope_condition

LEVEL1 = ("total_score", "grade", "top_grade", "rectification", "rectification_status", "rectification_due")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	indicators = round_indicators(filters.get("assessment_round"))
	rows = data(filters, indicators)
	return columns(indicators), rows


def reads_grades() -> bool:
	return 1 in frappe.get_meta("Party Building Assessment").get_permlevel_access("read")


def round_indicators(assessment_round: str | None) -> list[str]:
	if not assessment_round:
		return []
	return frappe.get_all(
		"Party Building Assessment Indicator",
		filters={"parent": assessment_round, "parenttype": "Party Building Assessment Round"},
		pluck="indicator",
		order_by="idx",
	)


def columns(indicators) -> list[dict]:
	out = [
		organization_col(),
		col("name", _("Party Building Assessment"), "Link", 140, "Party Building Assessment"),
		col("year", _("Year"), "Int", 60),
		col("secretary_name", _("Secretary Name"), width=90),
		col("is_part_time", _("Part-time Secretary"), "Check", 80),
		col("workflow_state", _("Workflow State"), width=100),
		col("report", _("Report Submitted On"), "Date", 110),
	]
	if reads_grades():
		out += [col(f"indicator_{i}", name, "Float", 110) for i, name in enumerate(indicators)]
		out += [
			col("total_score", _("Total Score"), "Float", 80),
			col("grade", _("Grade"), width=70),
			col("top_grade", _("May Be Rated Excellent"), "Check", 110),
			col("rectification", _("Rectification"), "Link", 130, "Party Building Rectification"),
			col("rectification_status", _("Rectification Status"), width=90),
			col("rectification_due", _("Due Date"), "Date", 100),
		]
	out += [
		col("care_members", _("Members"), "Int", 70),
		col("care_paired", _("Paired"), "Int", 70),
		col("care_hardship_cases", _("Hardship Cases"), "Int", 80),
		col("care_visits_done", _("Visits Done"), "Int", 80),
		col("care_visits_planned", _("Visits Planned"), "Int", 80),
		col("care_talk_coverage", _("Talk Coverage %"), "Percent", 100),
		col("care_money_paid", _("Amount Paid"), "Currency", 100),
		col("care_honours", _("Honours Given"), "Int", 80),
	]
	return out


def data(filters, indicators) -> list[dict]:
	condition, values = scope_condition(filters)
	where = [condition]
	if filters.get("assessment_round"):
		where.append("a.assessment_round = %(round)s")
		values["round"] = filters.assessment_round
	if cint(filters.get("year")):
		where.append("a.year = %(year)s")
		values["year"] = cint(filters.year)
	rows = frappe.db.sql(
		f"""select a.name, a.party_organization, a.year, a.secretary_name, a.is_part_time, a.workflow_state,
			a.report_submitted_on report, a.total_score, a.grade, a.assessment_round, a.rectification,
			r.status rectification_status, r.due_date rectification_due,
			a.care_members, a.care_paired, a.care_hardship_cases, a.care_visits_done, a.care_visits_planned,
			a.care_talk_coverage, a.care_money_paid, a.care_honours,
			(select g.is_top_grade from `tabParty Building Assessment Grade` g where g.parent = a.assessment_round
				and g.parenttype = 'Party Building Assessment Round' and g.grade_name = a.grade limit 1) top_grade
		from `tabParty Building Assessment` a
		join `tabParty Organization` org on org.name = a.party_organization
		left join `tabParty Building Rectification` r on r.name = a.rectification
		where {" and ".join(where)}
		order by a.year desc, org.lft""",
		values,
		as_dict=True,
	)
	if not reads_grades():
		for row in rows:
			for fieldname in LEVEL1:
				row.pop(fieldname, None)
		return rows
	for row in rows:
		row.workflow_state = _(row.workflow_state)
		row.rectification_status = _(row.rectification_status) if row.rectification_status else None
		if row.workflow_state != _("Published"):
			row.grade = None  # not decided yet: the score's grade is only a suggestion
	if indicators and rows:
		scores = frappe.db.sql(
			"""select parent, indicator, score from `tabParty Building Assessment Score`
			where parenttype = 'Party Building Assessment' and parent in %(names)s""",
			{"names": [r.name for r in rows]},
			as_dict=True,
		)
		position = {name: i for i, name in enumerate(indicators)}
		by_name = {r.name: r for r in rows}
		for s in scores:
			if s.indicator in position:
				by_name[s.parent][f"indicator_{position[s.indicator]}"] = s.score
	return rows
