"""Questions about the organisation tree (Party Organization, a nested set), answered once."""

import frappe


def branch_of(member: str) -> str | None:
	org = frappe.db.get_value("Member", member, "party_organization")
	org_type, parent = frappe.db.get_value("Party Organization", org, ["organization_type", "parent_party_organization"])
	return parent if org_type == "Party Group" else org


def same_branch(member_a: str, member_b: str) -> bool:
	"""Both members sit in the same Branch (a party group counts as its branch)."""
	return branch_of(member_a) == branch_of(member_b)
