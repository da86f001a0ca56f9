"""Who reads the incentive records (the model in party_care/permissions.py and the README).

Secretaries are scoped by their User Permissions on each record's `party_organization`; these
hooks say what User Permissions cannot: a user who is secretary of nothing (a plain member, or a
Branch Secretary role without an organisation) reads his own records only — the activities he
took part in, his pioneer posts and volunteer service — and no assessment, rectification, team or
pairing. One table, one pair of hooks for every DocType (Frappe passes `doctype` to the query hook)."""

import frappe

from party_care.compat import NO_OBJECTION
from party_care.permissions import SELF, get_scope, member_of_user, own_records_condition

NOBODY = None  # in SELF scope: nothing
# DocType → how a user in SELF scope finds his own records: a member field, a participants table, or NOBODY
OWN_RECORDS = {
	"Party Building Assessment": NOBODY,
	"Party Building Rectification": NOBODY,
	"Volunteer Team": NOBODY,
	"Organization Pairing": NOBODY,
	"Pioneer Post": "member",
	"Volunteer Service": "member",
	"Party Activity": ("participants", "Party Activity Participant"),
	"Honour Arrangement": "member",
}


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return ""
	own = OWN_RECORDS.get(doctype)
	if own is NOBODY:
		return "1 = 0"
	if isinstance(own, tuple):
		child = own[1]
		return (
			f"`tab{doctype}`.`name` in (select `parent` from `tab{child}` where `parenttype` = {frappe.db.escape(doctype)}"
			f" and `member` in (select `name` from `tabMember` where `user` = {frappe.db.escape(user)}))"
		)
	return own_records_condition(doctype, user, own)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return NO_OBJECTION
	own = OWN_RECORDS.get(doc.doctype)
	if own is NOBODY:
		return False
	member = member_of_user(user)
	if not member:
		return False
	if isinstance(own, tuple):
		return any(row.member == member for row in doc.get(own[0]) or [])
	return doc.get(own) == member


def _hook(name: str) -> str:
	return f"party_care.incentive.permissions.{name}"


PERMISSION_QUERY_CONDITIONS = {doctype: _hook("query_conditions") for doctype in OWN_RECORDS}
HAS_PERMISSION = {doctype: _hook("has_permission") for doctype in OWN_RECORDS}
