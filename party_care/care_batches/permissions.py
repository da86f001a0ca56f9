"""Who reads which batches and lines (see party_care/permissions.py for the model).

Lines link to the member's Party Organization, so a branch secretary's User Permissions already
narrow them to his subtree. The hooks add what User Permissions cannot say: a secretary reads a
batch that covers (or lies under) his organisations, and a user who is secretary of nothing reads
no batch and only lines about himself."""

import frappe

from party_care.compat import NO_OBJECTION, no_objection_if
from party_care.permissions import (
	ALL,
	SUBTREE,
	get_scope,
	member_record_has_permission,
	own_records_condition,
	scope_organizations,
)


def _overlapping_organizations(user: str) -> str:
	"""SQL: the organisations above, at or under the user's organisations (secretary, committee post)."""
	orgs = ", ".join(frappe.db.escape(o) for o in scope_organizations(user)) or "''"
	return (
		"select b.name from `tabParty Organization` b, `tabParty Organization` s "
		f"where s.name in ({orgs}) and ((b.lft <= s.lft and b.rgt >= s.rgt) or (b.lft >= s.lft and b.rgt <= s.rgt))"
	)


def _overlapping_batches_condition(user: str) -> str:
	return f"`tabCare Payment Batch`.`party_organization` in ({_overlapping_organizations(user)})"


def batch_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return ""
	if scope == SUBTREE:
		return _overlapping_batches_condition(user)
	return "1 = 0"


def batch_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return NO_OBJECTION
	if scope != SUBTREE or not doc.party_organization:
		return False
	return no_objection_if(doc.party_organization in frappe.db.sql_list(_overlapping_organizations(user)))


def line_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) in (ALL, SUBTREE):
		return ""
	return own_records_condition("Care Payment Line", user)


def line_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return member_record_has_permission(doc, user)
