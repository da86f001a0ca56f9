"""Committees in the tree, each with its own people (issue 22): a post scopes an officer, a committee
member or an auditor to his committee's subtree with Frappe's User Permissions, kept in step with the
post; the upper committee's people reach every committee below; a committee role without a post,
once the site's committees have posts, reads nothing."""

import frappe
import pytest
from frappe.utils import today

from party_care import roles
from party_care.permissions import ALL, SELF, SUBTREE, get_scope, scope_organizations, unplaced
from tests.support.factories import make_application, make_fund
from tests.support.routes import branch_values, end_notice, fund_act
from tests.support.world import build_committees, make_post, members_under


@pytest.fixture(scope="module")
def two(committed):
	return build_committees(committed)


def user_permissions(user):
	return set(
		frappe.get_all(
			"User Permission", filters={"user": user, "allow": "Party Organization"}, pluck="for_value"
		)
	)


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
	assert not frappe.has_permission(
		"Member", "read", doc=frappe.get_doc("Member", two.members.c1_mem), user=officer
	)
	# a secretary is no committee role: untouched
	assert listed(world.users.sec_b) == members_under(world.orgs.branch_b)


# --- money and decisions at the right level ---------------------------------------------------------------


@pytest.fixture
def funds(two):
	return frappe._dict(
		c1=make_fund("甲党委帮扶资金", 5000, committee=two.orgs.c1).name,
		c2=make_fund("乙党委帮扶资金", 5000, committee=two.orgs.c2).name,
		up=make_fund("工委帮扶资金", 5000, committee=two.orgs.upper).name,
	)


def to_department(two, prefix, fund):
	name = make_application(
		two.members[f"{prefix}_mem"], fund, amount=800, user=two.users[f"{prefix}_sec"]
	).name
	fund_act(name, "Submit", two.users[f"{prefix}_sec"])
	fund_act(name, "Pass Branch Review", two.users[f"{prefix}_sec"], **branch_values())
	return name


def refused(name, action, user, **values):
	with pytest.raises(frappe.PermissionError):
		fund_act(name, action, user, **values)


DECISION = dict(committee_meeting_date=today(), committee_decision="研究同意", amount_approved=800)


def test_an_application_goes_to_its_funds_committee_and_no_other(two, funds):
	name = to_department(two, "c2", funds.c2)
	refused(name, "Accept", two.users.c1_officer, department_opinion="情况属实")
	fund_act(name, "Accept", two.users.c2_officer, department_opinion="情况属实")
	refused(name, "Approve", two.users.c1_committee, **DECISION)
	fund_act(name, "Approve", two.users.c2_committee, **DECISION)
	end_notice("Fund Application", name)
	refused(name, "Close Notice", two.users.c1_officer)
	fund_act(name, "Close Notice", two.users.c2_officer)
	refused(name, "Pay", two.users.c1_officer, payment_method="Signed Receipt")
	fund_act(name, "Pay", two.users.c2_officer, payment_method="Signed Receipt")
	assert frappe.db.get_value("Fund Application", name, "workflow_state") == "Paid"


def test_an_application_to_the_upper_fund_is_the_upper_committees(two, funds):
	"""The member's own committee reads it (his subtree) but acts on no step of the upper fund."""
	name = to_department(two, "c2", funds.up)
	assert frappe.has_permission("Fund Application", "read", doc=name, user=two.users.c2_officer)
	refused(name, "Accept", two.users.c2_officer, department_opinion="情况属实")
	fund_act(name, "Accept", two.users.up_officer, department_opinion="情况属实")
	refused(name, "Approve", two.users.c2_committee, **DECISION)
	fund_act(name, "Approve", two.users.up_committee, **DECISION)


def test_a_member_applies_to_his_own_committees_funds_and_those_above(two, funds):
	with pytest.raises(frappe.ValidationError, match="乙党委帮扶资金"):
		make_application(two.members.c1_mem, funds.c2, amount=500)
	make_application(two.members.c1_mem, funds.c1, amount=500)
	make_application(two.members.c1_mem, funds.up, amount=500)


def test_funds_and_their_ledgers_are_read_up_the_tree_never_sideways(two, funds):
	assert listed(two.users.c1_mem, "Care Fund") & set(funds.values()) == {funds.c1, funds.up}
	assert listed(two.users.c1_sec, "Care Fund") & set(funds.values()) == {funds.c1, funds.up}
	assert listed(two.users.c1_officer, "Care Fund") & set(funds.values()) == {funds.c1, funds.up}
	assert listed(two.users.up_auditor, "Care Fund") >= set(funds.values())
	ledger = {
		f: set(frappe.get_all("Fund Ledger Entry", filters={"care_fund": f}, pluck="name"))
		for f in funds.values()
	}
	assert listed(two.users.c1_auditor, "Fund Ledger Entry") == ledger[funds.c1]
	assert (
		listed(two.users.up_auditor, "Fund Ledger Entry")
		>= ledger[funds.c1] | ledger[funds.c2] | ledger[funds.up]
	)
	assert not frappe.has_permission("Care Fund", "read", doc=funds.c2, user=two.users.c1_auditor)


def test_an_officer_makes_funds_for_his_own_committee_only(two):
	frappe.set_user(two.users.c1_officer)
	try:
		frappe.get_doc(doctype="Care Fund", fund_name="甲党委新资金", committee=two.orgs.c1).insert()
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(doctype="Care Fund", fund_name="乙党委新资金", committee=two.orgs.c2).insert()
	finally:
		frappe.set_user("Administrator")


# --- notices follow the tree ---------------------------------------------------------------------------


def notices_of(user):
	from party_care.care_fund.notice import current_notices

	frappe.set_user(user)
	try:
		return {n["name"] for n in current_notices()}
	finally:
		frappe.set_user("Administrator")


def on_notice(two, prefix, fund, decider):
	name = to_department(two, prefix, fund)
	officer = two.users.up_officer if fund.startswith("工委") else two.users[f"{prefix}_officer"]
	fund_act(name, "Accept", officer, department_opinion="情况属实")
	fund_act(name, "Approve", decider, **DECISION)
	return name


def test_a_member_reads_the_notices_of_his_committee_and_those_above_never_a_sisters(two, funds):
	own = on_notice(two, "c2", funds.c2, two.users.c2_committee)
	upper = on_notice(two, "c2", funds.up, two.users.up_committee)
	assert {own, upper} <= notices_of(two.users.c2_mem)
	assert upper in notices_of(two.users.c1_mem) and own not in notices_of(two.users.c1_mem)
	assert own not in notices_of(two.users.c1_officer) and own not in notices_of(two.users.c1_sec)
	assert {own, upper} <= notices_of(two.users.up_auditor)
	from party_care.care_fund.notice import raise_objection

	frappe.set_user(two.users.c1_mem)
	try:
		with pytest.raises(frappe.ValidationError):
			raise_objection(own, "我认为该申请情况不实")
	finally:
		frappe.set_user("Administrator")
