"""The organisation tree: type rules, secretaries, and what may not be deleted."""

import frappe
import pytest

from party_care.exceptions import InvalidOrganizationError, OrganizationInUseError
from tests.support.factories import make_member, make_organization


@pytest.mark.parametrize(
	"organization_type,parent_key",
	[
		("Branch", None),  # a branch needs a committee or general branch above it
		("Party Group", "committee"),
		("Party Group", "general_branch"),
		("General Branch", "branch_a"),
		("General Branch", None),
		("Committee", "branch_a"),
		("Branch", "group_a"),
	],
)
def test_type_rules_refuse_wrong_parents(world, organization_type, parent_key):
	parent = world.orgs[parent_key] if parent_key else None
	with pytest.raises(InvalidOrganizationError):
		make_organization("测试错误组织", organization_type, parent)
	assert not frappe.db.exists("Party Organization", "测试错误组织")


@pytest.mark.parametrize(
	"organization_type,parent_key",
	[
		("Branch", "committee"),
		("Branch", "general_branch"),
		("Party Group", "branch_a"),
		("General Branch", "committee"),
	],
)
def test_type_rules_accept_right_parents(world, organization_type, parent_key):
	org = make_organization("测试新组织", organization_type, world.orgs[parent_key])
	assert org.lft > 0 and org.rgt > org.lft
	assert org.is_group == (0 if organization_type == "Party Group" else 1)


def test_cannot_delete_organization_with_members(world):
	with pytest.raises(OrganizationInUseError, match="members"):
		frappe.delete_doc("Party Organization", world.orgs.group_a)
	assert frappe.db.exists("Party Organization", world.orgs.group_a)


def test_cannot_delete_organization_with_children(world):
	with pytest.raises(OrganizationInUseError):
		frappe.delete_doc("Party Organization", world.orgs.general_branch)


def test_empty_organization_can_be_deleted(world):
	make_organization("测试空支部", "Branch", world.orgs.committee)
	frappe.delete_doc("Party Organization", "测试空支部")
	assert not frappe.db.exists("Party Organization", "测试空支部")


def test_branch_with_members_cannot_become_general_branch(world):
	branch = frappe.get_doc("Party Organization", world.orgs.branch_b)
	branch.organization_type = "General Branch"
	with pytest.raises(InvalidOrganizationError):
		branch.save()


def test_secretary_must_belong_to_the_subtree(world):
	branch = frappe.get_doc("Party Organization", world.orgs.branch_b)
	branch.secretary = world.members.mem_a  # a member of branch A
	with pytest.raises(frappe.ValidationError, match="secretary"):
		branch.save()


def test_secretary_must_be_full_member(world):
	probationer = make_member(world.orgs.branch_b, member_status="Probationary", date_full_member=None)
	branch = frappe.get_doc("Party Organization", world.orgs.branch_b)
	branch.secretary = probationer.name
	with pytest.raises(frappe.ValidationError, match="full member"):
		branch.save()


def _secretary_permissions(user):
	return set(
		frappe.get_all(
			"User Permission", filters={"user": user, "allow": "Party Organization"}, pluck="for_value"
		)
	)


def test_setting_secretary_grants_user_permission_and_role(world):
	assert _secretary_permissions(world.users.sec_a) == {world.orgs.branch_a}
	assert "Branch Secretary" in frappe.get_roles(world.users.sec_a)


def test_changing_secretary_moves_the_user_permission(world):
	branch = frappe.get_doc("Party Organization", world.orgs.branch_b)
	branch.secretary = world.members.mem_b
	branch.save()
	assert _secretary_permissions(world.users.mem_b) == {world.orgs.branch_b}
	assert _secretary_permissions(world.users.sec_b) == set()
	assert "Branch Secretary" not in frappe.get_roles(world.users.sec_b)
	assert "Branch Secretary" in frappe.get_roles(world.users.mem_b)


def test_relinking_secretary_member_to_another_user_moves_permission(world):
	from tests.support.factories import make_user

	new_user = make_user("sec-b-new@party-care.test", roles=[])
	member = frappe.get_doc("Member", world.members.sec_b)
	member.user = new_user.name
	member.save()
	assert _secretary_permissions(new_user.name) == {world.orgs.branch_b}
	assert _secretary_permissions(world.users.sec_b) == set()
