# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""The political birthdays of a month, for the secretary's subtree: who, which anniversary,
whether it is a round one (5, 10, 20, …) and whether the greeting has gone out. Uses the
indexed Member.joined_month_day ("MM-…" prefix)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import cint, getdate, today

from party_care.honours.birthdays import is_round_anniversary
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.reports import (
	col,
	link_col,
	organization_col,
	scoped_query,
	summary_columns,
	summary_or_details,
)
from party_care.utils.dates import anniversary


def execute(filters=None):
	filters = frappe._dict(filters or {})
	day = getdate(today())
	year = cint(filters.year) or day.year
	month = cint(filters.month) or day.month
	org = filters.get("party_organization")
	is_summary, rows, message = summary_or_details(
		counts(year, month, org), "members", filters, lambda limit: data(year, month, org, limit)
	)
	if is_summary:
		return (
			summary_columns(
				"members",
				_("Members"),
				[
					col("greeted", _("Greeted"), "Int", 100),
				],
			),
			rows,
			message,
		)
	return columns(), rows, message


def columns():
	return [
		col("birthday", _("Political Birthday"), "Date", 120),
		link_col("member", _("Member"), "Member"),
		col("full_name", _("Full Name"), width=120),
		organization_col(),
		col("date_joined", _("Date Joined"), "Date"),
		col("years", _("Years Since Joining"), "Int"),
		col("round_anniversary", _("Round Anniversary"), "Check"),
		link_col("greeting", _("Greeting"), "Political Birthday Greeting", 160),
	]


def counts(year: int, month: int, party_organization: str | None = None) -> list[dict]:
	"""Members with a political birthday in the month, and those greeted, per organisation."""
	found = _query(year, month, party_organization).as_("found")
	return (
		frappe.qb.from_(found)
		.select(found.party_organization, Count("*").as_("members"), Count(found.greeting).as_("greeted"))
		.groupby(found.party_organization)
		.run(as_dict=True)
	)


def data(
	year: int, month: int, party_organization: str | None = None, limit: int | None = None
) -> list[dict]:
	query = _query(year, month, party_organization)
	rows = (query.limit(int(limit)) if limit else query).run(as_dict=True)
	for row in rows:
		row.birthday = anniversary(row.date_joined, year)
		row.years = year - getdate(row.date_joined).year
		row.round_anniversary = int(is_round_anniversary(row.years))
	rows.sort(key=lambda r: r.birthday)
	return rows


def _query(year: int, month: int, party_organization: str | None = None):
	if not 1 <= month <= 12:
		frappe.throw(_("Month must be between 1 and 12."), title=_("Invalid Value"))
	member = frappe.qb.DocType("Member")
	greeting = frappe.qb.DocType("Political Birthday Greeting")
	query, org = scoped_query(member, party_organization)
	query = (
		query.left_join(greeting)
		.on((greeting.member == member.name) & (greeting.year == year))
		.select(
			member.name.as_("member"),
			member.full_name,
			member.party_organization,
			member.date_joined,
			greeting.name.as_("greeting"),
		)
		.where(
			member.joined_month_day.like(f"{month:02d}-%")
			& member.member_status.isin(ACTIVE_MEMBER_STATUSES)
			& (member.date_joined < f"{year}-01-01")
		)
		.orderby(member.joined_month_day)
		.orderby(org.lft)
	)
	return query
