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


# --- whose batch, plan and standard it is (issue 22) ----------------------------------------------
# A batch and an allowance plan belong to the committee of their fund (or, for a fund of no
# committee, the organisation's nearest committee): set by the app, fixed once the record is on
# its way; only that committee's people (and those above) take their steps. A care standard
# belongs to a committee too: the batches and plans of that committee and those below use it.


def record_committee(care_fund: str | None, party_organization: str | None) -> str | None:
	from party_care.care_fund.permissions import fund_committee
	from party_care.organization import tree

	return fund_committee(care_fund) or tree.committee_of(party_organization)


def check_fund_and_standard(doc) -> None:
	"""The fund pays members of its committee's subtree only; a standard serves its committee's."""
	from frappe import _, bold

	from party_care.care_fund.permissions import fund_committee
	from party_care.organization import tree

	owner = fund_committee(doc.get("care_fund"))
	if owner and doc.get("party_organization") and not tree.is_under_any(doc.party_organization, [owner]):
		frappe.throw(
			_("Care fund {0} belongs to {1}; it cannot pay the members of {2}.").format(
				bold(doc.care_fund), bold(owner), bold(doc.party_organization)
			),
			frappe.ValidationError,
			title=_("Invalid Care Fund"),
		)
	standard = doc.get("care_standard")
	owner = frappe.db.get_value("Care Standard", standard, "committee") if standard else None
	if owner and not (doc.get("committee") and tree.is_under_any(doc.committee, [owner])):
		frappe.throw(
			_(
				"Care standard {0} belongs to {1}; only its batches and those of the committees below it use it."
			).format(bold(standard), bold(owner)),
			frappe.ValidationError,
			title=_("Invalid Care Standard"),
		)


def standard_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Everyone with the role reads the standards; only their committee's officers (and those above)
	change one."""
	from party_care import roles
	from party_care.care_fund.permissions import READ_PTYPES
	from party_care.permissions import acts_for_committee

	if ptype in READ_PTYPES:
		return NO_OBJECTION
	committee = doc.get("committee")
	if doc.get("name") and frappe.db.exists("Care Standard", doc.name):  # as stored, not as sent
		committee = frappe.db.get_value("Care Standard", doc.name, "committee")
	return no_objection_if(acts_for_committee(committee, {roles.ORGANIZATION_OFFICER}, user))
