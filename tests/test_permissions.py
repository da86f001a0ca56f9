"""Scoping in-process: who reads which members (the same rules the REST tests prove over HTTP)."""

import frappe
import pytest

from party_care.permissions import ALL, SELF, SUBTREE, get_scope
from tests.support.world import members_under


def _visible_members(user):
	frappe.set_user(user)
	try:
		return set(frappe.get_list("Member", pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")


def test_scopes(world):
	assert get_scope(world.users.officer) == ALL
	assert get_scope(world.users.committee) == ALL
	assert get_scope(world.users.auditor) == ALL
	assert get_scope(world.users.sec_a) == SUBTREE
	assert get_scope(world.users.mem_a) == SELF


def test_branch_secretary_lists_his_subtree_only(world):
	m = world.members
	seen_a = _visible_members(world.users.sec_a)
	assert seen_a == members_under(world.orgs.branch_a) >= {m.sec_a, m.gb_sec, m.mem_a, m.other_a}
	assert not seen_a & {m.sec_b, m.mem_b, m.other_b}
	assert _visible_members(world.users.sec_b) == members_under(world.orgs.branch_b)


def test_general_branch_secretary_sees_branches_under_him(world):
	assert _visible_members(world.users.gb_sec) == members_under(world.orgs.general_branch)


def test_party_member_sees_only_himself(world):
	assert _visible_members(world.users.mem_a) == {world.members.mem_a}


@pytest.mark.parametrize("role_user", ["officer", "committee", "auditor"])
def test_officers_committee_and_auditor_see_all(world, role_user):
	assert set(world.members.values()) <= _visible_members(world.users[role_user])


def test_secretary_role_without_organization_sees_only_himself(world):

	frappe.get_doc("User", world.users.mem_b).add_roles("Branch Secretary")
	assert _visible_members(world.users.mem_b) == {world.members.mem_b}


def test_secretary_cannot_read_or_write_other_branch_member(world):
	doc = frappe.get_doc("Member", world.members.mem_b)
	assert not frappe.has_permission("Member", "read", doc=doc, user=world.users.sec_a)
	assert not frappe.has_permission("Member", "write", doc=doc, user=world.users.sec_a)
	own = frappe.get_doc("Member", world.members.mem_a)
	assert frappe.has_permission("Member", "write", doc=own, user=world.users.sec_a)


def test_auditor_cannot_write(world):
	doc = frappe.get_doc("Member", world.members.mem_a)
	assert frappe.has_permission("Member", "read", doc=doc, user=world.users.auditor)
	assert not frappe.has_permission("Member", "write", doc=doc, user=world.users.auditor)


def test_secretary_cannot_create_member_in_other_branch(world):
	from tests.support.factories import member_values

	frappe.set_user(world.users.sec_a)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(member_values(world.orgs.branch_b)).insert()


def test_secretary_cannot_link_a_member_to_a_login(world):
	from tests.support.factories import make_user

	officer_like = make_user("unlinked-user@party-care.test", []).name
	frappe.set_user(world.users.sec_a)
	member = frappe.get_doc("Member", world.members.other_a)
	member.user = officer_like
	with pytest.raises(frappe.PermissionError):
		member.save()
	frappe.set_user(world.users.officer)
	member = frappe.get_doc("Member", world.members.other_a)
	member.user = officer_like
	member.save()
	assert frappe.db.get_value("Member", world.members.other_a, "user") == officer_like
