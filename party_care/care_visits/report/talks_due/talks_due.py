# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Who still needs a talk: members with no heart-to-heart talk in the coverage period
(its committee's rules, at the top Party Care Settings; seed 001 says once a year, one text once in three years), and branch
secretaries with no talk from their general-branch secretary this quarter (seed 004).
Scoped to the viewer (party_care/reports.py); each list is one SQL query with an indexed
anti-join on the member's talks. For a whole city the report opens on one line per
organisation and an organisation drills down to its members (reports.summary_or_details)."""

import frappe
from frappe import _
from frappe.utils import get_first_day, getdate, today

from party_care.organization import rules
from party_care.reports import (
	col,
	link_col,
	org_condition,
	organization_col,
	scope_bounds,
	summary_columns,
	summary_or_details,
)

QUARTERLY_REASON = "Quarterly Talk with Branch Secretary"
ACTIVE = "m.member_status in ('Probationary', 'Full')"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	org = filters.get("party_organization")
	counts = {r.party_organization: r for r in _member_counts(org)}
	for r in _secretary_rows(org):
		row = counts.setdefault(
			r.party_organization, frappe._dict(party_organization=r.party_organization, members_due=0)
		)
		row.secretaries_due = (row.get("secretaries_due") or 0) + 1
	for row in counts.values():
		row.secretaries_due = row.get("secretaries_due") or 0
		row.rows_due = row.members_due + row.secretaries_due

	def details(limit):
		rows = members_without_talk(org, limit)
		return rows + secretaries_without_quarterly_talk(org)[: max(0, limit - len(rows))]

	is_summary, rows, message = summary_or_details(list(counts.values()), "rows_due", filters, details)
	if is_summary:
		return (
			summary_columns(
				"members_due",
				_("Members Without a Talk"),
				[
					col("secretaries_due", _("Secretaries Without a Quarterly Talk"), "Int", 150),
				],
			),
			rows,
			message,
		)
	return columns(), rows, message


def columns():
	return [
		link_col("member", _("Member"), "Member", 110),
		col("member_name", _("Member Name"), width=100),
		organization_col(200),
		col("rule", _("Rule"), width=260),
		col("last_talk", _("Last Talk"), "Date", 100),
		# a link per row (talks_due.js) opens a new talk with the member filled in
		col("record_talk", _("Record a Talk")),
	]


def _talk_years_sql() -> str:
	"""The talk period of each row's organisation (its committee's rules, at the top Party Care
	Settings), as SQL on the row's `org`."""
	return rules.rule_sql("talk_period_years", "org")


def _scope(party_organization):
	return org_condition(scope_bounds(party_organization=party_organization))


def _no_talk_since():
	return f"""not exists (select 1 from `tabVisit` t where t.member = m.name and t.visit_type = 'Talk'
		and t.status = 'Done' and t.visit_date >= date_sub(%(today)s, interval {_talk_years_sql()} year))"""


def _member_counts(party_organization=None) -> list[dict]:
	condition, values = _scope(party_organization)
	values["today"] = getdate(today())
	return frappe.db.sql(
		f"""select m.party_organization, count(*) members_due
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where {ACTIVE} and {condition} and {_no_talk_since()}
		group by m.party_organization""",
		values,
		as_dict=True,
	)


def members_without_talk(party_organization=None, limit: int | None = None) -> list[dict]:
	condition, values = _scope(party_organization)
	values["today"] = getdate(today())
	rows = frappe.db.sql(
		f"""select m.name member, m.full_name member_name, m.party_organization,
			{_talk_years_sql()} talk_years,
			(select max(t.visit_date) from `tabVisit` t where t.member = m.name and t.visit_type = 'Talk'
				and t.status = 'Done') last_talk
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where {ACTIVE} and {condition} and {_no_talk_since()}
		order by org.lft, m.name {f"limit {int(limit)}" if limit else ""}""",
		values,
		as_dict=True,
	)
	for row in rows:
		row.rule = _("No talk in the last {0} year(s)").format(row.pop("talk_years"))
	return rows


def _secretary_rows(party_organization=None) -> list[dict]:
	"""Secretaries of branches under a general branch, with no quarterly talk this quarter."""
	day = getdate(today())
	condition, values = _scope(party_organization)
	values.update(
		quarter_start=get_first_day(f"{day.year}-{(day.month - 1) // 3 * 3 + 1:02d}-01"),
		reason=QUARTERLY_REASON,
	)
	return frappe.db.sql(
		f"""select m.name member, m.full_name member_name, m.party_organization,
			(select max(t.visit_date) from `tabVisit` t where t.member = m.name and t.visit_type = 'Talk'
				and t.status = 'Done' and t.visit_reason = %(reason)s) last_talk
		from `tabParty Organization` branch
		join `tabParty Organization` parent on parent.name = branch.parent_party_organization
		join `tabMember` m on m.name = branch.secretary
		join `tabParty Organization` org on org.name = m.party_organization
		where branch.organization_type = 'Branch' and parent.organization_type = 'General Branch'
			and {ACTIVE} and {condition}
			and not exists (select 1 from `tabVisit` t where t.member = m.name and t.visit_type = 'Talk'
				and t.status = 'Done' and t.visit_reason = %(reason)s and t.visit_date >= %(quarter_start)s)
		order by org.lft, m.name""",
		values,
		as_dict=True,
	)


def secretaries_without_quarterly_talk(party_organization=None) -> list[dict]:
	rule = _("No quarterly talk with the general-branch secretary this quarter")
	rows = _secretary_rows(party_organization)
	for row in rows:
		row.rule = rule
		row.quarterly = 1
	return rows
