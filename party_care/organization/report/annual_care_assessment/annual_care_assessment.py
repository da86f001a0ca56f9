# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""The annual care assessment (DOMAIN §6): per organisation and year — hardship members
paired, reviews on time, visits against plan, talk coverage, money paid, honours given. The
figures the year-end review of the branches reads; aggregated in SQL, scoped to the viewer.

With `group_by` = "Committee" (汇总层级: 党委) an upper committee compares the committees below it: one
line per committee (its whole subtree, reports.roll_up), their rates and their rank."""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from party_care.care_visits.report.care_coverage.care_coverage import data as coverage
from party_care.reports import (
	by_committee,
	committee_columns,
	committee_view,
	in_tree_order,
	line_sql,
	org_condition,
	organization_col,
	roll_up,
	scope_bounds,
)

ADDITIVE = (
	"members",
	"hardship_cases",
	"paired",
	"reviews_on_time",
	"planned",
	"done",
	"talked",
	"money_paid",
	"honours",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.get("year")) or getdate(today()).year
	if by_committee(filters):
		lines = committee_view(filters)  # the figures grouped by line in SQL (reports.line_sql)
		return comparison_columns(), compare(
			data(year, filters.get("party_organization"), lines), filters, lines
		)
	return columns(), data(year, filters.get("party_organization"))


def comparison_columns():
	def col(fieldname, label, fieldtype="Percent", width=100):
		# rates, scores and ranks are not added up in the total row
		return {
			"fieldname": fieldname,
			"label": _(label),
			"fieldtype": fieldtype,
			"width": width,
			"disable_total": 1,
		}

	cols = committee_columns(columns())
	drill = cols.pop()
	return [
		*cols,
		col("paired_rate", "Paired %"),
		col("reviews_rate", "Reviews On Time %", width=120),
		col("visits_rate", "Visits Done %"),
		col("score", "Score", "Float", 80),
		col("rank", "Rank", "Int", 70),
		drill,
	]


def _rate(part, whole) -> float | None:
	return round(100.0 * flt(part) / flt(whole), 1) if flt(whole) else None


def compare(rows, filters, lines: list | None = None) -> list[dict]:
	"""One line per committee with its rates — hardship members paired, reviews on time, visits done
	against plan, talk coverage — their mean as the score (rates of nothing to do left out), and the
	committees ranked by it (a line of the upper committee's own level is shown, not ranked)."""
	lines = roll_up(rows, filters, ADDITIVE, lines=lines)
	for line in lines:
		line.talk_coverage = _rate(line.talked, line.members) or 0.0
		line.paired_rate = _rate(line.paired, line.hardship_cases)
		line.reviews_rate = _rate(line.reviews_on_time, line.hardship_cases)
		line.visits_rate = _rate(line.done, line.planned)
		rates = [
			r
			for r in (line.paired_rate, line.reviews_rate, line.visits_rate, _rate(line.talked, line.members))
			if r is not None
		]
		line.score = round(sum(rates) / len(rates), 1) if rates else 0.0
	ranked = sorted((line for line in lines if line.drill_down), key=lambda line: -line.score)
	rank = 0
	for i, line in enumerate(ranked):
		if i == 0 or line.score != ranked[i - 1].score:
			rank = i + 1
		line.rank = rank
	return lines


def columns():
	def col(fieldname, label, fieldtype="Int", width=100):
		return {"fieldname": fieldname, "label": _(label), "fieldtype": fieldtype, "width": width}

	return [
		organization_col(190),
		col("members", "Members", width=70),
		col("hardship_cases", "Hardship Cases", width=90),
		col("paired", "Paired", width=70),
		col("reviews_on_time", "Reviews On Time", width=100),
		col("planned", "Visits Planned", width=90),
		col("done", "Visits Done", width=90),
		col("talk_coverage", "Talk Coverage %", "Percent", 110),
		col("money_paid", "Amount Paid", "Currency", 110),
		col("honours", "Honours Given", width=90),
	]


def data(year: int, party_organization=None, lines: list | None = None) -> list[dict]:
	"""Per organisation; with `lines` per by-committee line (its number as party_organization)."""
	condition, values = org_condition(scope_bounds(party_organization=party_organization))
	values.update(start=f"{year}-01-01", end=f"{year}-12-31", today=getdate(today()))
	rows = {
		r.party_organization: r
		for r in coverage(
			frappe._dict(
				party_organization=party_organization, from_date=values["start"], to_date=values["end"]
			),
			lines,
		)
	}

	def merge(sql, column):
		# grouped by the organisation (`column`), or by the line: its number (reports.line_sql)
		key = line_sql(lines) if lines is not None else column
		for r in frappe.db.sql(sql.format(condition=condition, key=key), values, as_dict=True):
			rows.setdefault(
				r.party_organization, frappe._dict(party_organization=r.party_organization)
			).update({k: v for k, v in r.items() if k != "party_organization"})

	if frappe.db.table_exists("Hardship Case"):
		merge(
			"""select {key} party_organization, count(*) hardship_cases, sum(c.is_unpaired = 0) paired,
				sum(c.next_review_date >= least(%(today)s, %(end)s)) reviews_on_time
			from `tabHardship Case` c join `tabParty Organization` org on org.name = c.party_organization
			where c.registered_on <= %(end)s and (c.status != 'Closed' or c.closing_date >= %(start)s) and {condition}
			group by {key}""",
			"c.party_organization",
		)
	merge(
		"""select {key} party_organization, sum(a.amount_approved) money_paid
		from `tabFund Application` a join `tabParty Organization` org on org.name = a.party_organization
		where a.workflow_state = 'Paid' and a.paid_on between %(start)s and %(end)s and {condition}
		group by {key}""",
		"a.party_organization",
	)
	if frappe.db.table_exists("Commendation"):
		merge(
			"""select {key} party_organization, count(*) honours
			from `tabCommendation` c join `tabParty Organization` org on org.name = c.party_organization
			where c.workflow_state = 'Awarded' and c.year = %(year)s and {condition}
			group by {key}""".replace("%(year)s", str(int(year))),
			"c.party_organization",
		)
	keys = (
		"members",
		"hardship_cases",
		"paired",
		"reviews_on_time",
		"planned",
		"done",
		"money_paid",
		"honours",
	)
	out = []
	for row in in_tree_order(rows) if lines is None else rows.values():
		for k in keys:
			row[k] = row.get(k) or 0
		row.talk_coverage = row.get("talk_coverage") or 0.0
		out.append(row)
	return out
