"""Committees in the tree, each with its own people (issue 22): a post scopes an officer, a committee
member or an auditor to his committee's subtree with Frappe's User Permissions, kept in step with the
post; the upper committee's people reach every committee below; a committee role without a post,
once the site's committees have posts, reads nothing."""

import frappe
import pytest

from party_care import roles
from party_care.permissions import ALL, SELF, SUBTREE, get_scope, scope_organizations, unplaced
from tests.support.world import build_committees, make_post, members_under


@pytest.fixture(scope="module")
def two(committed):
	return build_committees(committed)


def user_permissions(user):
	return set(frappe.get_all("User Permission", filters={"user": user, "allow": "Party Organization"},
		pluck="for_value"))


def listed(user, doctype="Member", **filters):
	frappe.set_user(user)
	try:
		return set(frappe.get_list(doctype, filters=filters, pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")


# --- posts and their User Permissions ------------------------------------------------------------------


def test_a_post_gives_its_role_and_the_committee_scope(two):
	user = two.users.c1_officer
	assert roles.ORGANIZATION_OFFICER in frappe.get_roles(user)
	assert user_permissions(user) == {two.orgs.c1}
	assert get_scope(user) == SUBTREE and scope_organizations(user) == [two.orgs.c1]


def test_a_post_at_the_root_sees_all(two):
	assert get_scope(two.users.up_officer) == ALL
	assert get_scope(two.users.up_auditor) == ALL


def test_moving_and_ending_a_post_moves_and_ends_its_scope(two):
	post = frappe.get_doc("Committee Post", {"user": two.users.c1_auditor})
	post.committee = two.orgs.c2
	post.save()
	assert user_permissions(two.users.c1_auditor) == {two.orgs.c2}
	post.delete()
	assert user_permissions(two.users.c1_auditor) == set()
	assert roles.CARE_AUDITOR not in frappe.get_roles(two.users.c1_auditor)


def test_a_secretary_keeps_his_scope_when_a_post_at_the_same_organization_ends(two):
	"""A committee's secretary may also hold a post there: one User Permission, two reasons."""
	sec = two.users.c2_sec
	post = make_post(sec, two.orgs.c2, roles.CARE_AUDITOR)
	assert user_permissions(sec) == {two.orgs.b2, two.orgs.c2}
	post.delete()
	assert user_permissions(sec) == {two.orgs.b2}


def test_a_post_belongs_to_a_committee(two):
	from party_care.exceptions import InvalidOrganizationError

	with pytest.raises(InvalidOrganizationError):
		make_post(two.users.c1_officer, two.orgs.b1, roles.ORGANIZATION_OFFICER)
	with pytest.raises(frappe.DuplicateEntryError):
		make_post(two.users.c1_officer, two.orgs.c1, roles.ORGANIZATION_OFFICER)


def test_a_committee_with_posts_stays_a_committee(two):
	from party_care.exceptions import InvalidOrganizationError

	doc = frappe.get_doc("Party Organization", two.orgs.c2)
	doc.organization_type = "General Branch"
	with pytest.raises(InvalidOrganizationError):
		doc.save()


# --- what each one reads --------------------------------------------------------------------------------


def test_each_committee_reads_its_own_subtree_only(two):
	for key in ("officer", "committee", "auditor"):
		assert listed(two.users[f"c1_{key}"]) == members_under(two.orgs.c1), key
		assert listed(two.users[f"c2_{key}"]) == members_under(two.orgs.c2), key
		assert not listed(two.users[f"c1_{key}"]) & members_under(two.orgs.c2), key
	orgs = listed(two.users.c1_officer, "Party Organization")
	assert orgs == {two.orgs.c1, two.orgs.b1}


def test_the_upper_committee_reads_both(two):
	both = members_under(two.orgs.c1) | members_under(two.orgs.c2)
	for key in ("officer", "committee", "auditor"):
		assert listed(two.users[f"up_{key}"]) >= both, key


def test_a_record_of_the_other_committee_is_refused(two):
	member = frappe.get_doc("Member", two.members.c2_mem)
	for key in ("officer", "committee", "auditor"):
		assert not frappe.has_permission("Member", "read", doc=member, user=two.users[f"c1_{key}"]), key
		assert frappe.has_permission("Member", "read", doc=member, user=two.users[f"up_{key}"]), key


def test_a_committee_role_without_a_post_reads_nothing_once_committees_have_posts(world, two):
	"""The session world's officer holds no post: with posts on the site he is no committee's."""
	officer = world.users.officer
	assert unplaced(officer) and get_scope(officer) == SELF
	assert listed(officer) == set()
	assert listed(officer, "Party Organization") == set()
	assert not frappe.has_permission("Member", "read", doc=frappe.get_doc("Member", two.members.c1_mem), user=officer)
	# a secretary is no committee role: untouched
	assert listed(world.users.sec_b) == members_under(world.orgs.branch_b)
