# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Who still needs a talk: members with no heart-to-heart talk in the coverage period
(Party Care Settings; seed 001 says once a year, one text once in three years), and branch
secretaries with no talk from their general-branch secretary this quarter (seed 004).
Members come from frappe.get_list, so the viewer's scope applies."""

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import add_years, get_first_day, getdate, today

QUARTERLY_REASON = "Quarterly Talk with Branch Secretary"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), members_without_talk(filters.get("party_organization")) + secretaries_without_quarterly_talk(
		filters.get("party_organization")
	)


def columns():
	return [
		{"fieldname": "member", "label": _("Member"), "fieldtype": "Link", "options": "Member", "width": 110},
		{"fieldname": "member_name", "label": _("Member Name"), "fieldtype": "Data", "width": 100},
		{"fieldname": "party_organization", "label": _("Party Organization"), "fieldtype": "Link",
			"options": "Party Organization", "width": 200},
		{"fieldname": "rule", "label": _("Rule"), "fieldtype": "Data", "width": 260},
		{"fieldname": "last_talk", "label": _("Last Talk"), "fieldtype": "Date", "width": 100},
	]


def _member_filters(party_organization):
	filters = {"member_status": ["in", ["Probationary", "Full"]]}
	if party_organization:
		filters["party_organization"] = ["descendants of (inclusive)", party_organization]
	return filters


def _last_talks(members: list[str], reason: str | None = None) -> dict[str, object]:
	if not members:
		return {}
	visit = frappe.qb.DocType("Visit")
	query = (
		frappe.qb.from_(visit)
		.select(visit.member, Max(visit.visit_date))
		.where((visit.visit_type == "Talk") & (visit.status == "Done") & visit.member.isin(members))
		.groupby(visit.member)
	)
	if reason:
		query = query.where(visit.visit_reason == reason)
	return dict(query.run())


def members_without_talk(party_organization=None) -> list[dict]:
	years = frappe.db.get_single_value("Party Care Settings", "talk_period_years") or 1
	since = getdate(add_years(today(), -years))
	members = frappe.get_list("Member", filters=_member_filters(party_organization),
		fields=["name", "full_name", "party_organization"], limit_page_length=0, order_by="party_organization, name")
	last = _last_talks([m.name for m in members])
	rule = _("No talk in the last {0} year(s)").format(years)
	return [
		{"member": m.name, "member_name": m.full_name, "party_organization": m.party_organization, "rule": rule,
			"last_talk": last.get(m.name)}
		for m in members
		if not last.get(m.name) or getdate(last[m.name]) < since
	]


def secretaries_without_quarterly_talk(party_organization=None) -> list[dict]:
	"""Secretaries of branches under a general branch, with no quarterly talk this quarter."""
	day = getdate(today())
	quarter_start = get_first_day(f"{day.year}-{(day.month - 1) // 3 * 3 + 1:02d}-01")
	branch = frappe.qb.DocType("Party Organization")
	parent = frappe.qb.DocType("Party Organization").as_("parent")
	member = frappe.qb.DocType("Member")
	rows = (
		frappe.qb.from_(branch)
		.join(parent).on(parent.name == branch.parent_party_organization)
		.join(member).on(member.name == branch.secretary)
		.select(member.name, member.full_name, member.party_organization)
		.where((branch.organization_type == "Branch") & (parent.organization_type == "General Branch"))
		.run(as_dict=True)
	)
	visible = set(frappe.get_list("Member", filters=_member_filters(party_organization), pluck="name", limit_page_length=0))
	rows = [r for r in rows if r.name in visible]
	last = _last_talks([r.name for r in rows], QUARTERLY_REASON)
	rule = _("No quarterly talk with the general-branch secretary this quarter")
	return [
		{"member": r.name, "member_name": r.full_name, "party_organization": r.party_organization, "rule": rule,
			"last_talk": last.get(r.name)}
		for r in rows
		if not last.get(r.name) or getdate(last[r.name]) < quarter_start
	]
