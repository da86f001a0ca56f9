# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""The annual hardship ledger (困难党员台账): one row per case, the columns a secretary prints,
totals by type. One query with the member's age and standing computed in SQL; scoped to the
viewer's organisations; income only for roles that may read the sensitive fields, and each run
(or export) that hands it over is logged, one row with the number of cases (party_care/guards/read_log.py)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from party_care.guards import read_log
from party_care.reports import (
	by_committee,
	committee_columns,
	committee_view,
	line_sql,
	org_condition,
	roll_up,
	scope_bounds,
)
from party_care.utils.dates import reference_date


def execute(filters=None):
	filters = frappe._dict(filters or {})
	sensitive = 1 in frappe.get_meta("Hardship Case").get_permlevel_access("read")
	if by_committee(filters):
		lines = committee_view(filters)  # counted by line in SQL (reports.line_sql)
		rows = roll_up(counts(filters, lines), filters, COUNTS, lines=lines)
		return committee_columns(count_columns()), rows, None, None, committee_summary(rows)
	rows = data(filters, sensitive)
	if sensitive:
		# the log names the filters of the run, never their values
		query = {key: None for key, value in filters.items() if value}
		read_log.note_report("Hardship Case", rows, fields=["name", "per_capita_income"], query=query)
	return columns(sensitive), rows, None, chart(rows), summary(rows)


# the register's summary per committee (汇总层级: 党委): counts only, never a member's details
COUNTS = ("cases", "open_cases", "no_helper", "review_overdue", "urgent")


def count_columns():
	def col(fieldname, label):
		return {"fieldname": fieldname, "label": _(label), "fieldtype": "Int", "width": 100}

	return [
		{
			"fieldname": "party_organization",
			"label": _("Committee"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 180,
		},
		col("cases", "Cases"),
		col("open_cases", "Open Cases"),
		col("no_helper", "No Helper Yet"),
		col("review_overdue", "Review Overdue"),
		col("urgent", "Urgent"),
	]


def counts(filters, lines: list | None = None) -> list[dict]:
	"""The register's cases per organisation, or per by-committee line (its number; one aggregate
	query, the register's filters)."""
	clauses, values = _clauses(filters)
	key = line_sql(lines) if lines is not None else "c.party_organization"
	return frappe.db.sql(
		f"""select {key} party_organization, count(*) cases, sum(c.status != 'Closed') open_cases,
			sum(c.status != 'Closed' and c.is_unpaired = 1) no_helper,
			sum(c.status != 'Closed' and c.next_review_date < %(today)s) review_overdue,
			sum(c.hardship_level = 'Urgent') urgent
		from `tabHardship Case` c
		join `tabParty Organization` org on org.name = c.party_organization
		where {" and ".join(clauses)}
		group by {key}""",
		values,
		as_dict=True,
	)


def committee_summary(rows) -> list[dict]:
	return [
		{"label": _("Cases"), "value": sum(r.cases for r in rows), "datatype": "Int", "indicator": "blue"},
		{"label": _("Open Cases"), "value": sum(r.open_cases for r in rows), "datatype": "Int"},
	]


def columns(sensitive: bool):
	cols = [
		{
			"fieldname": "name",
			"label": _("Hardship Case"),
			"fieldtype": "Link",
			"options": "Hardship Case",
			"width": 130,
		},
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 170,
		},
		{"fieldname": "member_name", "label": _("Member Name"), "fieldtype": "Data", "width": 90},
		{"fieldname": "age", "label": _("Age"), "fieldtype": "Int", "width": 60},
		{
			"fieldname": "party_standing",
			"label": _("Party Standing (Years)"),
			"fieldtype": "Int",
			"width": 90,
		},
		{"fieldname": "hardship_type", "label": _("Hardship Type"), "fieldtype": "Data", "width": 120},
		{"fieldname": "hardship_level", "label": _("Hardship Level"), "fieldtype": "Data", "width": 80},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
	]
	if sensitive:
		cols.append(
			{
				"fieldname": "per_capita_income",
				"label": _("Per-Capita Income"),
				"fieldtype": "Currency",
				"width": 110,
			}
		)
	cols += [
		{"fieldname": "helpers", "label": _("Helpers"), "fieldtype": "Data", "width": 140},
		{"fieldname": "last_review", "label": _("Last Review Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "next_review_date", "label": _("Next Review Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "flags", "label": _("Attention"), "fieldtype": "Data", "width": 140},
	]
	return cols


def _clauses(filters) -> tuple[list[str], dict]:
	condition, values = org_condition(scope_bounds(party_organization=filters.get("party_organization")))
	clauses = [condition]
	for field in ("hardship_type", "hardship_level", "status"):
		if filters.get(field):
			clauses.append(f"c.{field} = %({field})s")
			values[field] = filters[field]
	if filters.get("year"):
		year = cint(filters.year)
		clauses.append(
			"c.registered_on <= %(year_end)s and (c.status != 'Closed' or c.closing_date >= %(year_start)s)"
		)
		values.update(year_start=f"{year}-01-01", year_end=f"{year}-12-31")
	values["ref"] = reference_date()
	values["today"] = getdate(today())
	if filters.get("attention") == "No Helper Yet":
		clauses.append("c.status != 'Closed' and c.is_unpaired = 1")
	elif filters.get("attention") == "Review Overdue":
		clauses.append("c.status != 'Closed' and c.next_review_date < %(today)s")
	return clauses, values


def data(filters, sensitive: bool = False) -> list[dict]:
	clauses, values = _clauses(filters)
	rows = frappe.db.sql(
		f"""select c.name, c.party_organization, c.member_name, c.hardship_type, c.hardship_level, c.status,
			c.per_capita_income, c.next_review_date, c.is_unpaired,
			timestampdiff(year, m.date_of_birth, %(ref)s) as age,
			if(m.member_status = 'Probationary' or m.date_full_member is null, 0,
				timestampdiff(year, m.date_full_member, %(ref)s)) as party_standing,
			(select group_concat(h.helper_name order by h.idx separator '、') from `tabHardship Helper` h
				where h.parent = c.name and h.parenttype = 'Hardship Case') as helpers,
			greatest(coalesce(c.last_review_date, '1900-01-01'), coalesce((select max(l.log_date)
				from `tabHardship Help Log` l where l.parent = c.name and l.parenttype = 'Hardship Case'), '1900-01-01'))
				as last_review
		from `tabHardship Case` c
		join `tabMember` m on m.name = c.member
		join `tabParty Organization` org on org.name = c.party_organization
		where {" and ".join(clauses)}
		order by org.lft, c.member_name""",
		values,
		as_dict=True,
	)
	# option values are few: translate each once, not once per row (10,000 cases in a city)
	translated = {}

	def tr(value, context=None):
		if (value, context) not in translated:
			translated[value, context] = _(value, context=context) if value else value
		return translated[value, context]

	no_helper, review_overdue = _("No Helper Yet"), _("Review Overdue")
	for row in rows:
		if str(row.last_review) == "1900-01-01":
			row.last_review = None
		flags = []
		if row.status != "Closed" and row.is_unpaired:
			flags.append(no_helper)
		if (
			row.status != "Closed"
			and row.next_review_date
			and getdate(row.next_review_date) < values["today"]
		):
			flags.append(review_overdue)
		row.flags = "、".join(flags)
		for field in ("hardship_type", "hardship_level"):
			row[field] = tr(row[field])
		row.status = tr(row.status, "Hardship Case")
		if not sensitive:
			row.pop("per_capita_income", None)
	return rows


def chart(rows) -> dict:
	by_type: dict[str, int] = {}
	for row in rows:
		by_type[row.hardship_type] = by_type.get(row.hardship_type, 0) + 1
	return {
		"data": {
			"labels": list(by_type),
			"datasets": [{"name": _("Cases"), "values": list(by_type.values())}],
		},
		"type": "bar",
	}


def summary(rows) -> list[dict]:
	"""Totals by type (and overall) above the table."""
	by_type: dict[str, int] = {}
	for row in rows:
		by_type[row.hardship_type] = by_type.get(row.hardship_type, 0) + 1
	out = [{"label": _("Cases"), "value": len(rows), "datatype": "Int", "indicator": "blue"}]
	out += [{"label": label, "value": count, "datatype": "Int"} for label, count in by_type.items()]
	return out
