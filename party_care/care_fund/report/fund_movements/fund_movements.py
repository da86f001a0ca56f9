# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Fund balance and movements by fund, year and month: opening, money in by source, money out,
closing. One aggregate query; the opening balance is the sum of everything before the year.

Filtered by an organisation: the funds of the committees in its subtree. With `group_by` =
"Committee" (汇总层级: 党委): the year of each committee's funds on one line per committee of the
viewer's area (reports.roll_up by the fund's committee), funds of no committee on a line of their
own."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Extract, Sum
from frappe.utils import cint, flt, getdate, today

from party_care.reports import by_committee, col, committee_columns, link_col, roll_up


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	if by_committee(filters):
		rows = by_committees(year, filters)
		return committee_columns(committee_line_columns()), rows, None, chart(rows=[])
	rows = data(year, filters.get("care_fund"), filters.get("party_organization"))
	return columns(), rows, None, chart(rows=rows)


ADDITIVE = ("opening", "dues_share", "donation", "allocation", "total_in", "total_out", "closing")


def committee_line_columns():
	return [
		link_col("party_organization", _("Committee"), "Party Organization", 180),
		col("funds", _("Care Funds"), "Int", 80),
		*[c for c in columns() if c["fieldname"] in ADDITIVE],
	]


def by_committees(year: int, filters) -> list[dict]:
	"""Each fund's year (opening, money in by source, out, closing), rolled up by its committee."""
	per_fund: dict[str, frappe._dict] = {}
	for row in data(year, filters.get("care_fund"), filters.get("party_organization")):
		fund = per_fund.get(row.care_fund)
		if fund is None:  # the rows of a fund come in month order: the first opens the year
			fund = per_fund[row.care_fund] = frappe._dict(
				care_fund=row.care_fund, funds=1, opening=flt(row.opening), closing=0
			)
		for f in ("dues_share", "donation", "allocation", "total_in", "total_out"):
			fund[f] = flt(fund.get(f)) + flt(row.get(f))
		fund.closing = flt(row.closing)
	committees = dict(
		frappe.get_all(
			"Care Fund",
			filters={"name": ["in", list(per_fund) or [""]]},
			fields=["name", "committee"],
			as_list=True,
		)
	)
	for fund in per_fund.values():
		fund.party_organization = committees.get(fund.care_fund)
	lines = roll_up(list(per_fund.values()), filters, (*ADDITIVE, "funds"))
	unplaced = [f for f in per_fund.values() if not f.party_organization]
	if unplaced:  # a site's funds of no committee (before committees) belong to the whole site
		line = frappe._dict(party_organization=None, is_committee_line=1, rolled_up=_("Whole Site"))
		for f in (*ADDITIVE, "funds"):
			line[f] = sum(flt(u.get(f)) for u in unplaced)
		lines.append(line)
	return lines


def columns():
	currency = {"fieldtype": "Currency", "width": 120}
	return [
		link_col("care_fund", _("Care Fund"), "Care Fund", 180),
		# the month as words (a number column would be summed into the total row: "月 24")
		col("month_label", _("Month"), width=70),
		# balances are not summed over months: the total row leaves them blank
		{"fieldname": "opening", "label": _("Opening Balance"), **currency, "disable_total": 1},
		{"fieldname": "dues_share", "label": _("Dues Share"), **currency},
		{"fieldname": "donation", "label": _("Donation"), **currency},
		{"fieldname": "allocation", "label": _("Allocation"), **currency},
		{"fieldname": "total_in", "label": _("Total In"), **currency},
		{"fieldname": "total_out", "label": _("Total Out"), **currency},
		{"fieldname": "closing", "label": _("Closing Balance"), **currency, "disable_total": 1},
	]


def _amount(entry, entry_type):
	from frappe.query_builder import Case

	return Sum(Case().when(entry.entry_type == entry_type, entry.amount_in).else_(0))


def data(year: int, care_fund: str | None = None, party_organization: str | None = None) -> list[dict]:
	from party_care.care_fund.permissions import managed_funds

	entry = frappe.qb.DocType("Fund Ledger Entry")
	base = (entry.docstatus == 1) & (entry.posting_date <= f"{year}-12-31")
	if care_fund:
		base &= entry.care_fund == care_fund
	if party_organization:  # the funds of the committees in its subtree
		from party_care.organization import tree

		funds = frappe.db.sql_list(
			f"select f.name from `tabCare Fund` f where f.committee in ({tree.under_sql([party_organization])})"
		)
		base &= entry.care_fund.isin(funds or [""])
	if (funds := managed_funds()) is not None:  # a committee's people: their committees' funds only
		base &= entry.care_fund.isin(funds or [""])

	opening = dict(
		frappe.qb.from_(entry)
		.select(entry.care_fund, Coalesce(Sum(entry.amount_in), 0) - Coalesce(Sum(entry.amount_out), 0))
		.where(base & (entry.posting_date < f"{year}-01-01"))
		.groupby(entry.care_fund)
		.run()
	)
	month = Extract("month", entry.posting_date)
	rows = (
		frappe.qb.from_(entry)
		.select(
			entry.care_fund,
			month.as_("month"),
			_amount(entry, "Dues Share").as_("dues_share"),
			_amount(entry, "Donation").as_("donation"),
			_amount(entry, "Allocation").as_("allocation"),
			Sum(entry.amount_in).as_("total_in"),
			Sum(entry.amount_out).as_("total_out"),
		)
		.where(base & (entry.posting_date >= f"{year}-01-01"))
		.groupby(entry.care_fund, month)
		.orderby(entry.care_fund)
		.orderby(month)
		.run(as_dict=True)
	)
	out, running = [], dict(opening)
	for row in rows:
		row.month_label = month_label(row.month)
		row.opening = flt(running.get(row.care_fund))
		row.closing = row.opening + flt(row.total_in) - flt(row.total_out)
		running[row.care_fund] = row.closing
		out.append(row)
	# funds with an opening balance but no movement this year still show one line
	for fund, balance in opening.items():
		if not any(r.care_fund == fund for r in rows):
			out.append(
				frappe._dict(
					care_fund=fund,
					month=None,
					opening=balance,
					closing=balance,
					dues_share=0,
					donation=0,
					allocation=0,
					total_in=0,
					total_out=0,
				)
			)
	return out


def month_label(month) -> str:
	return _("Month {0}").format(int(month)) if month else ""


def chart(year=None, care_fund=None, rows=None):
	"""Money in and out per month (from the report's rows when given, else computed)."""
	rows = data(year, care_fund) if rows is None else rows
	months = list(range(1, 13))
	by_month_in = {m: 0.0 for m in months}
	by_month_out = {m: 0.0 for m in months}
	for r in rows:
		if r.month:
			by_month_in[r.month] += flt(r.total_in)
			by_month_out[r.month] += flt(r.total_out)
	from party_care.desk.charts import in_wan

	values, wan = in_wan([by_month_in[m] for m in months] + [by_month_out[m] for m in months])
	unit = _("(10,000 yuan)") if wan else _("(yuan)")
	return {
		"data": {
			"labels": [month_label(m) for m in months],
			"datasets": [
				{"name": _("Total In") + unit, "values": values[:12]},
				{"name": _("Total Out") + unit, "values": values[12:]},
			],
		},
		"type": "bar",
		"fieldtype": "Float",
	}
