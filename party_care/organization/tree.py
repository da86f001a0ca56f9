"""Questions about the organisation tree (Party Organization, a nested set), answered once."""

import frappe


def branch_of(member: str) -> str | None:
	org = frappe.db.get_value("Member", member, "party_organization")
	org_type, parent = frappe.db.get_value(
		"Party Organization", org, ["organization_type", "parent_party_organization"]
	)
	return parent if org_type == "Party Group" else org


def same_branch(member_a: str, member_b: str) -> bool:
	"""Both members sit in the same Branch (a party group counts as its branch)."""
	return branch_of(member_a) == branch_of(member_b)


# --- committees: the nodes of organisation_type Committee, each with its own people ---------------


def roots() -> list[str]:
	"""The organisations at the top of the tree."""
	org = frappe.qb.DocType("Party Organization")
	return (
		frappe.qb.from_(org)
		.select(org.name)
		.where(org.parent_party_organization.isnull() | (org.parent_party_organization == ""))
		.run(pluck=True)
	)


def any_root(organizations) -> bool:
	"""Whether one of the organisations sits at the top of the tree."""
	organizations = [o for o in organizations if o]
	if not organizations:
		return False
	org = frappe.qb.DocType("Party Organization")
	return bool(
		frappe.qb.from_(org)
		.select(org.name)
		.where(
			org.name.isin(organizations)
			& (org.parent_party_organization.isnull() | (org.parent_party_organization == ""))
		)
		.limit(1)
		.run()
	)


def is_under_any(organization: str, ancestors) -> bool:
	"""Whether `organization` is one of `ancestors` or lies under one of them (one query)."""
	ancestors = [a for a in ancestors if a]
	if not organization or not ancestors:
		return False
	org = frappe.qb.DocType("Party Organization")
	top = frappe.qb.DocType("Party Organization").as_("top")
	return bool(
		frappe.qb.from_(org)
		.join(top)
		.on((top.lft <= org.lft) & (top.rgt >= org.rgt))
		.select(org.name)
		.where((org.name == organization) & top.name.isin(ancestors))
		.limit(1)
		.run()
	)


def ancestors(organization: str, inclusive: bool = False) -> list[str]:
	"""The organisations above `organization` (and itself when `inclusive`), top first."""
	bounds = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	if not bounds:
		return []
	lft, rgt = bounds
	org = frappe.qb.DocType("Party Organization")
	query = frappe.qb.from_(org).select(org.name).orderby(org.lft)
	if inclusive:
		query = query.where((org.lft <= lft) & (org.rgt >= rgt))
	else:
		query = query.where((org.lft < lft) & (org.rgt > rgt))
	return query.run(pluck=True)


def committee_of(organization: str | None) -> str | None:
	"""The nearest committee at or above an organisation."""
	if not organization:
		return None
	bounds = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	if not bounds:
		return None
	org = frappe.qb.DocType("Party Organization")
	rows = (
		frappe.qb.from_(org)
		.select(org.name)
		.where((org.lft <= bounds[0]) & (org.rgt >= bounds[1]) & (org.organization_type == "Committee"))
		.orderby(org.lft, order=frappe.qb.desc)
		.limit(1)
		.run(pluck=True)
	)
	return rows[0] if rows else None


def _names_sql(organizations) -> str:
	return ", ".join(frappe.db.escape(o) for o in organizations if o) or "''"


def above_sql(organizations) -> str:
	"""SQL subquery: the organisations at or above any of `organizations`."""
	return (
		"select a.name from `tabParty Organization` a, `tabParty Organization` s "
		f"where s.name in ({_names_sql(organizations)}) and a.lft <= s.lft and a.rgt >= s.rgt"
	)


def under_sql(organizations) -> str:
	"""SQL subquery: the organisations at or under any of `organizations`."""
	return (
		"select d.name from `tabParty Organization` d, `tabParty Organization` s "
		f"where s.name in ({_names_sql(organizations)}) and d.lft >= s.lft and d.rgt <= s.rgt"
	)
