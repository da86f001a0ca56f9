"""Shared pieces of the app's Script Reports: organisation scope, period filters.

A Script Report's SQL runs without Frappe's user permissions, so every report narrows its
rows to the viewer's scope here (the same model as party_care/permissions.py)."""

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.utils import getdate, today

from party_care.permissions import ALL, SUBTREE, get_scope, scope_organizations


def viewer_bounds(user: str | None = None) -> list[tuple[int, int]] | None:
	"""None when the user sees every organisation, else the (lft, rgt) ranges he may see
	(empty for a plain member)."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return None
	orgs = scope_organizations(user) if scope == SUBTREE else []
	if not orgs:
		return []
	return [
		tuple(r)
		for r in frappe.get_all(
			"Party Organization", filters={"name": ["in", orgs]}, fields=["lft", "rgt"], as_list=True
		)
	]


def in_scope(party_organization: str, user: str | None = None) -> bool:
	"""Whether an organisation lies inside the user's scope."""
	bounds = viewer_bounds(user)
	if bounds is None:
		return True
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"]) or (0, -1)
	return any(a <= lft and rgt <= b for a, b in bounds)


def organization_condition(
	org_table, party_organization: str | None = None, scoped: bool = True, user: str | None = None
):
	"""A frappe.qb condition on a joined Party Organization table: inside the viewer's scope
	(when `scoped`) and, when given, inside the subtree of `party_organization`. None means no
	condition."""
	conditions = []
	if party_organization:
		lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"]) or (0, -1)
		conditions.append((org_table.lft >= lft) & (org_table.rgt <= rgt))
	bounds = viewer_bounds(user) if scoped else None
	if bounds is not None:
		if not bounds:
			conditions.append(org_table.lft < 0)  # nothing
		else:
			conditions.append(
				Criterion.any([(org_table.lft >= lft) & (org_table.rgt <= rgt) for lft, rgt in bounds])
			)
	return Criterion.all(conditions) if conditions else None


def scope_bounds(
	user: str | None = None, party_organization: str | None = None
) -> list[tuple[int, int]] | None:
	"""The (lft, rgt) ranges of organisations the viewer may see, within an optional filter.
	None means everything; an empty list means nothing (a plain member sees no report rows)."""
	bounds = viewer_bounds(user)
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


def in_tree_order(rows: dict) -> list:
	"""Rows keyed by organisation, returned in the order of the organisation tree."""
	order = dict(
		frappe.get_all(
			"Party Organization",
			filters={"name": ["in", list(rows) or [""]]},
			fields=["name", "lft"],
			as_list=True,
		)
	)
	return [rows[name] for name in sorted(rows, key=lambda n: order.get(n, 0))]


# --- lists that can grow without bound --------------------------------------------------------------

# A report ships at most this many detail rows; beyond that it opens on one line per organisation
# (with the count), and choosing an organisation drills down to its rows.
DETAIL_LIMIT = 1000


def has_children(party_organization: str) -> bool:
	return bool(frappe.db.exists("Party Organization", {"parent_party_organization": party_organization}))


def summary_or_details(
	counts: list[dict], count_field: str, filters, details
) -> tuple[bool, list, str | None]:
	"""Decide between the rows themselves and a summary per organisation.

	`counts` are the per-organisation counts of the viewer's scope (one SQL aggregate);
	`details(limit)` fetches at most `limit` rows. Details when they are few, or when the filter
	selects an organisation without children; otherwise the summary. Returns (is_summary, rows,
	message)."""
	total = sum(int(r[count_field] or 0) for r in counts)
	org = filters.get("party_organization")
	if total <= DETAIL_LIMIT or (org and not has_children(org)):
		rows = details(DETAIL_LIMIT + 1) if total else []
		if len(rows) > DETAIL_LIMIT:
			return (
				False,
				rows[:DETAIL_LIMIT],
				_("Showing the first {0} of {1} rows.").format(DETAIL_LIMIT, total),
			)
		return False, rows, None
	rows = in_tree_order({r.party_organization: r for r in counts})
	for row in rows:
		row.is_summary = 1
	message = _(
		"{0} rows in {1} organisations: one line per organisation. Click an organisation to see its rows."
	).format(total, len(rows))
	return True, rows, message


def summary_columns(count_field: str, label: str, extra: list | None = None) -> list[dict]:
	return [
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 220,
		},
		{"fieldname": count_field, "label": label, "fieldtype": "Int", "width": 120},
		*(extra or []),
		{"fieldname": "drill_down", "label": _("Details"), "fieldtype": "Data", "width": 100},
	]
