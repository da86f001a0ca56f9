# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Holiday money and allowances per occasion and organisation for a year: members listed, amount,
paid, and lines not paid with their reasons. Scoped like every report (a secretary: his subtree)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, flt, getdate, today

from party_care.reports import col, organization_col, scoped_query


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(
		cint(filters.year) or getdate(today()).year,
		filters.get("occasion"),
		filters.get("party_organization"),
	)


def columns():
	return [
		col("occasion", _("Occasion"), width=120),
		organization_col(),
		col("members", _("Members"), "Int", 90),
		col("amount", _("Amount"), "Currency", 120, "CNY"),
		col("paid_members", _("Lines Paid"), "Int", 90),
		col("paid", _("Amount Paid"), "Currency", 120, "CNY"),
		col("skipped", _("Lines Skipped"), "Int", 90),
		col("skip_reasons", _("Reason Not Paid"), width=260),
	]


def tables():
	"""Care Payment Line, Care Payment Batch, Fund Ledger Entry, Party Organization."""
	return (
		frappe.qb.DocType("Care Payment Line"),
		frappe.qb.DocType("Care Payment Batch"),
		frappe.qb.DocType("Fund Ledger Entry"),
		frappe.qb.DocType("Party Organization"),
	)


def scoped_lines(condition, party_organization: str | None, with_entry: bool = False):
	"""Care Payment Lines joined to their batch (and, `with_entry`, their ledger entry) and their
	organisation, where `condition` holds, within the viewer's scope and the filter's subtree."""
	line, batch, entry, _org = tables()
	query, _org = scoped_query(line, party_organization)
	query = query.join(batch).on(batch.name == line.batch)
	if with_entry:
		query = query.join(entry).on(entry.name == line.ledger_entry)
	return query.where(condition)


def data(year: int, occasion: str | None = None, party_organization: str | None = None) -> list[dict]:
	line, batch, _entry, org = tables()
	condition = (
		(line.year == year)
		& line.status.isin(("Proposed", "Confirmed", "Paid", "Skipped"))
		& (batch.workflow_state != "Rejected")
	)
	if occasion:
		condition &= batch.occasion == occasion
	rows = (
		scoped_lines(condition, party_organization)
		.select(
			batch.occasion,
			line.party_organization,
			line.status,
			line.skip_reason,
			Count(line.name).as_("lines"),
			Sum(line.amount).as_("amount"),
		)
		.groupby(batch.occasion, line.party_organization, line.status, line.skip_reason)
		.orderby(batch.occasion)
		.orderby(org.lft)
		.run(as_dict=True)
	)
	out: dict[tuple, dict] = {}
	for r in rows:
		row = out.setdefault(
			(r.occasion, r.party_organization),
			frappe._dict(
				occasion=_(r.occasion),
				party_organization=r.party_organization,
				members=0,
				amount=0.0,
				paid_members=0,
				paid=0.0,
				skipped=0,
				reasons={},
			),
		)
		if r.status == "Skipped":
			row.skipped += r.lines
			row.reasons[r.skip_reason] = row.reasons.get(r.skip_reason, 0) + r.lines
			continue
		row.members += r.lines
		row.amount += flt(r.amount)
		if r.status == "Paid":
			row.paid_members += r.lines
			row.paid += flt(r.amount)
	for row in out.values():
		row.skip_reasons = "; ".join(f"{reason} ×{count}" for reason, count in row.pop("reasons").items())
	return list(out.values())


def paid_by_occasion(year: int, party_organization: str | None = None, care_fund: str | None = None) -> list:
	"""For the yearly Fund Payments report: batch and allowance money paid in the year, per
	organisation and occasion, in its row shape (party_organization, purpose, payments, amount)."""
	line, batch, entry, org = tables()
	condition = (line.status == "Paid") & entry.posting_date.between(f"{year}-01-01", f"{year}-12-31")
	if care_fund:
		condition &= batch.care_fund == care_fund
	rows = (
		scoped_lines(condition, party_organization, with_entry=True)
		.select(
			line.party_organization,
			batch.occasion.as_("purpose"),
			Count(line.name).as_("payments"),
			Sum(line.amount).as_("amount"),
		)
		.groupby(line.party_organization, batch.occasion)
		.orderby(org.lft)
		.run(as_dict=True)
	)
	for row in rows:
		row.purpose = _("Care money: {0}").format(_(row.purpose))
	return rows
