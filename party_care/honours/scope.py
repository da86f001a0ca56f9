"""The viewer's organisation scope as SQL conditions, for the Honours reports and lists that
run their own queries (Frappe applies no user permissions to raw SQL)."""

import frappe
from pypika.terms import Criterion

from party_care.permissions import ALL, SUBTREE, get_scope, secretary_organizations


def scope_bounds(user: str | None = None) -> list[tuple[int, int]] | None:
	"""None when the user sees every organisation, else the (lft, rgt) ranges he may see
	(empty for a plain member)."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return None
	orgs = secretary_organizations(user) if scope == SUBTREE else []
	if not orgs:
		return []
	return [
		tuple(r)
		for r in frappe.get_all("Party Organization", filters={"name": ["in", orgs]}, fields=["lft", "rgt"], as_list=True)
	]


def organization_condition(org_table, party_organization: str | None = None, scoped: bool = True,
		user: str | None = None):
	"""A frappe.qb condition on a joined Party Organization table: inside the viewer's scope
	(when `scoped`) and, when given, inside the subtree of `party_organization`. None means no
	condition."""
	conditions = []
	if party_organization:
		lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"]) or (0, -1)
		conditions.append((org_table.lft >= lft) & (org_table.rgt <= rgt))
	bounds = scope_bounds(user) if scoped else None
	if bounds is not None:
		if not bounds:
			conditions.append(org_table.lft < 0)  # nothing
		else:
			conditions.append(Criterion.any([(org_table.lft >= lft) & (org_table.rgt <= rgt) for lft, rgt in bounds]))
	return Criterion.all(conditions) if conditions else None


def in_scope(party_organization: str, user: str | None = None) -> bool:
	"""Whether an organisation lies inside the user's scope."""
	bounds = scope_bounds(user)
	if bounds is None:
		return True
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"]) or (0, -1)
	return any(a <= lft and rgt <= b for a, b in bounds)
