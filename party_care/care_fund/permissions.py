"""Whose fund it is (issue 22): each Care Fund belongs to a committee. Its people (that committee's
and those of the committees above) manage it and read its ledger; the members and secretaries of
its subtree read it to apply to it; a sister committee reads neither. A fund without a committee
(a site with no committee yet) belongs to the whole site.

The fund's `committee` link ignores User Permissions (a secretary's scope is his branch, below the
fund's committee), so these hooks say who reads what — the same model as party_care/permissions.py."""

import frappe

from party_care import roles
from party_care.compat import NO_OBJECTION, no_objection_if
from party_care.organization import tree
from party_care.permissions import (
	ALL,
	SUBTREE,
	acts_for_committee,
	get_scope,
	member_of_user,
	scope_organizations,
)

READ_PTYPES = (None, "read", "select", "print", "export", "report", "email")


def own_organizations(user: str) -> list[str]:
	"""The organisations a user stands in: his member record's, those he leads, his committees'."""
	orgs = set(scope_organizations(user)) if get_scope(user) == SUBTREE else set()
	member = member_of_user(user)
	if member and (org := frappe.db.get_value("Member", member, "party_organization")):
		orgs.add(org)
	return sorted(orgs)


def readable_committees_sql(user: str) -> str:
	"""SQL: the committees whose funds (and notices) a user reads — those at or above where he
	stands, and, for a committee's people and secretaries, those under their organisations."""
	sql = tree.above_sql(own_organizations(user))
	if get_scope(user) == SUBTREE:
		sql = f"{sql} union {tree.under_sql(scope_organizations(user))}"
	return sql


def fund_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) == ALL:
		return ""
	return (
		f"(ifnull(`tabCare Fund`.`committee`, '') = '' or "
		f"`tabCare Fund`.`committee` in ({readable_committees_sql(user)}))"
	)


def fund_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) == ALL:
		return NO_OBJECTION
	if ptype not in READ_PTYPES:
		return no_objection_if(acts_for_committee(doc.get("committee"), roles.COMMITTEE_ROLES, user))
	if not doc.get("committee"):
		return NO_OBJECTION
	return no_objection_if(
		bool(
			frappe.db.sql(
				f"select 1 from ({readable_committees_sql(user)}) c where c.name = %s", doc.committee
			)
		)
	)


def managed_funds_sql(user: str) -> str:
	"""SQL: the funds of the committees a committee's people manage (theirs and those below)."""
	return (
		f"select f.name from `tabCare Fund` f where f.committee in "
		f"({tree.under_sql(scope_organizations(user))})"
	)


def ledger_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) == ALL:
		return ""
	return f"`tabFund Ledger Entry`.`care_fund` in ({managed_funds_sql(user)})"


def ledger_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) == ALL:
		return NO_OBJECTION
	committee = (
		frappe.db.get_value("Care Fund", doc.get("care_fund"), "committee") if doc.get("care_fund") else None
	)
	return no_objection_if(
		get_scope(user) == SUBTREE
		and bool(committee)
		and tree.is_under_any(committee, scope_organizations(user))
	)


def fund_committee(care_fund: str | None) -> str | None:
	return frappe.db.get_value("Care Fund", care_fund, "committee") if care_fund else None


def managed_funds(user: str | None = None) -> list[str] | None:
	"""The funds whose ledger a user reads (None: all) — for reports that run their own SQL."""
	user = user or frappe.session.user
	if get_scope(user) == ALL:
		return None
	if get_scope(user) != SUBTREE:
		return []
	return frappe.db.sql_list(managed_funds_sql(user))


# --- dues shares handed up (Dues Share) ------------------------------------------------------------
# The receiving fund's committee's people (and those above) read and record them; the unit that
# handed them up reads its own (its secretary, its committee's people); nobody else.


def dues_share_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return ""
	if scope != SUBTREE:
		return "1 = 0"
	under = tree.under_sql(scope_organizations(user))
	return f"(`tabDues Share`.`committee` in ({under}) or `tabDues Share`.`party_organization` in ({under}))"


def dues_share_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return NO_OBJECTION
	if ptype not in READ_PTYPES:
		committee = fund_committee(doc.get("care_fund")) or doc.get("committee")
		return no_objection_if(acts_for_committee(committee, {roles.ORGANIZATION_OFFICER}, user))
	if scope != SUBTREE:
		return False
	orgs = scope_organizations(user)
	return no_objection_if(
		tree.is_under_any(doc.get("committee"), orgs)
		or tree.is_under_any(doc.get("party_organization"), orgs)
	)
