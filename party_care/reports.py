"""Shared pieces of the app's Script Reports: organisation scope, period filters.

A Script Report's SQL runs without Frappe's user permissions, so every report narrows its
rows to the viewer's scope here (the same model as party_care/permissions.py)."""

import frappe
from frappe.utils import getdate, today

from party_care.permissions import ALL, get_scope, secretary_organizations


def scope_bounds(user: str | None = None, party_organization: str | None = None) -> list[tuple[int, int]] | None:
	"""The (lft, rgt) ranges of organisations the viewer may see, within an optional filter.
	None means everything; an empty list means nothing (a plain member sees no report rows)."""
	user = user or frappe.session.user
	bounds = None
	scope = get_scope(user)
	if scope != ALL:
		orgs = secretary_organizations(user) if scope == "subtree" else []
		bounds = [tuple(r) for r in frappe.get_all("Party Organization", filters={"name": ["in", orgs or [""]]},
			fields=["lft", "rgt"], as_list=True)]
	if party_organization:
		lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"])
		if bounds is None:
			bounds = [(lft, rgt)]
		else:
			bounds = [(max(lft, a), min(rgt, b)) for a, b in bounds if max(lft, a) < min(rgt, b)]
	return bounds


def org_condition(bounds, alias: str = "org") -> tuple[str, dict]:
	"""SQL condition on `alias`.lft/rgt for the bounds (parameterised)."""
	if bounds is None:
		return "1=1", {}
	if not bounds:
		return "1=0", {}
	parts, values = [], {}
	for i, (lft, rgt) in enumerate(bounds):
		parts.append(f"({alias}.lft >= %(lft{i})s and {alias}.rgt <= %(rgt{i})s)")
		values[f"lft{i}"], values[f"rgt{i}"] = lft, rgt
	return "(" + " or ".join(parts) + ")", values


def period(filters) -> tuple:
	day = getdate(today())
	start = getdate(filters.get("from_date") or f"{day.year}-01-01")
	end = getdate(filters.get("to_date") or f"{day.year}-12-31")
	return start, end
