"""Shared pieces of the app's Script Reports: organisation scope, period filters.

A Script Report's SQL runs without Frappe's user permissions, so every report narrows its
rows to the viewer's scope here (the same model as party_care/permissions.py)."""

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.utils import cint, getdate, today

from party_care.permissions import ALL, SUBTREE, get_scope, scope_organizations

# --- columns and rows every report spells the same way ------------------------------------------------


def col(fieldname: str, label: str, fieldtype: str = "Data", width: int = 110, options=None) -> dict:
	"""A report column; `options` (a Link's DocType) only where given."""
	column = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options:
		column["options"] = options
	return column


def link_col(fieldname: str, label: str, doctype: str, width: int = 120) -> dict:
	return col(fieldname, label, "Link", width, doctype)


def organization_col(width: int = 180, label: str | None = None) -> dict:
	"""The Party Organization column (party_organization) most reports open or close with."""
	return link_col("party_organization", label or _("Party Organization"), "Party Organization", width)


def scope_condition(filters, alias: str = "org") -> tuple[str, dict]:
	"""The SQL condition (and its values) of the viewer's scope within the filter's organisation
	(`filters.party_organization`), on `alias`.lft/rgt."""
	return org_condition(scope_bounds(party_organization=filters.get("party_organization")), alias)


def first_members(rows: list) -> tuple[list, str | None]:
	"""A member list fetched with DETAIL_LIMIT + 1 rows: at most DETAIL_LIMIT of them, and the
	message that says so when there were more."""
	if len(rows) <= DETAIL_LIMIT:
		return rows, None
	return rows[:DETAIL_LIMIT], _(
		"Showing the first {0} members: choose an organisation to see the rest."
	).format(DETAIL_LIMIT)


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


def scoped_query(table, party_organization: str | None = None, org_field: str = "party_organization"):
	"""A frappe.qb query from `table` joined to the Party Organization of its `org_field`, narrowed
	to the viewer's scope and, when given, the subtree of `party_organization`. Returns the query and
	the organisation table (to order by its lft)."""
	org = frappe.qb.DocType("Party Organization")
	query = frappe.qb.from_(table).join(org).on(org.name == table[org_field])
	if (condition := organization_condition(org, party_organization)) is not None:
		query = query.where(condition)
	return query, org


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


# --- one line per committee (issue 22) ----------------------------------------------------------------
# An upper committee (a work committee over its institutions' committees) reads its organisation-level
# reports with one line per committee below it (filter `group_by` = "Committee", 汇总层级: 党委): each
# line rolls up that committee's whole subtree, and drills down to the same report filtered to it. The
# report's own figures stay grouped per organisation in SQL; the roll-up maps every organisation of
# the area to its line in one query by the nested-set bounds (no query per committee) and adds up.

BY_COMMITTEE = "Committee"


def by_committee(filters) -> bool:
	"""Whether the report is asked for one line per committee (a bad value is a clear 417)."""
	value = filters.get("group_by")
	if value in (None, ""):
		return False
	if value != BY_COMMITTEE:
		frappe.throw(
			_("{0} must be one of {1}.").format(frappe.bold(_("Summary Level")), _("Committee")),
			title=_("Invalid Filter"),
		)
	return True


def committee_lines(bounds) -> list[frappe._dict]:
	"""The lines of a by-committee view of the area `bounds` (as scope_bounds; None: the whole site).

	For each top of the area (the organisation whose subtree a range is; the roots of the tree when
	the area is the whole site), in tree order: the top itself, then the highest committees inside
	it. A committee's line covers its whole subtree; the top's line covers what lies outside its
	committees' (its own level: own = 1), or its whole subtree when it has none. Two queries on
	Party Organization, whatever the number of committees."""
	org = frappe.qb.DocType("Party Organization")
	fields = (org.name, org.lft, org.rgt, org.organization_type)
	if bounds is None:
		tops = (
			frappe.qb.from_(org)
			.select(*fields)
			.where(org.parent_party_organization.isnull() | (org.parent_party_organization == ""))
			.orderby(org.lft)
			.run(as_dict=True)
		)
	elif not bounds:
		return []
	else:
		ranges = sorted(set(bounds))
		# a range inside another (posts in a committee and in one above it) adds nothing
		ranges = [r for r in ranges if not any(o != r and o[0] <= r[0] and r[1] <= o[1] for o in ranges)]
		tops = (
			frappe.qb.from_(org)
			.select(*fields)
			.where(org.lft.isin([lft for lft, _rgt in ranges]))
			.orderby(org.lft)
			.run(as_dict=True)
		)
	if not tops:
		return []
	condition, values = org_condition([(t.lft, t.rgt) for t in tops], alias="c")
	committees = frappe.db.sql(
		f"""select c.name, c.lft, c.rgt, c.organization_type from `tabParty Organization` c
		where c.organization_type = 'Committee' and {condition} order by c.lft""",
		values,
		as_dict=True,
	)
	top_lfts = {t.lft for t in tops}
	lines = []
	for top in tops:
		children = []
		for c in committees:
			if c.lft in top_lfts or not (top.lft < c.lft and c.rgt < top.rgt):
				continue
			if children and children[-1].lft < c.lft and c.rgt < children[-1].rgt:
				continue  # under a committee already a line
			children.append(c)
		top.own = 1 if children else 0
		lines.append(top)
		lines += children
	return lines


def line_of_organizations(lines: list, names=None) -> dict[str, str]:
	"""Every organisation under the lines (or those of `names`), mapped to its line: the deepest line
	containing it (one query by the nested-set bounds)."""
	if not lines:
		return {}
	only = "and org.name in %(names)s" if names is not None else ""
	if names is not None and not names:
		return {}
	rows = frappe.db.sql(
		f"""select org.name, line.name from `tabParty Organization` line
		join `tabParty Organization` org on org.lft >= line.lft and org.rgt <= line.rgt
		where line.name in %(lines)s {only} order by line.lft""",
		{"lines": tuple(line.name for line in lines), "names": tuple(names or ())},
	)
	return dict(rows)  # ordered by line.lft: a deeper line overwrites its top


def committee_view(filters) -> list:
	"""The lines of the by-committee view for the report's filters (the viewer's area)."""
	return committee_lines(scope_bounds(party_organization=filters.get("party_organization")))


def line_sql(lines: list, alias: str = "org") -> str:
	"""SQL: the number (index in `lines`) of the by-committee line of the organisation `alias`, so
	that a report groups by its line in the query itself (issue 22: no row per organisation leaves
	the database). A line inside another has the greater lft, so it is tested first; an
	organisation under no line gives null."""
	if not lines:
		return "null"
	whens = " ".join(
		f"when {alias}.lft between {cint(line.lft)} and {cint(line.rgt)} then {i}"
		for i, line in sorted(enumerate(lines), key=lambda item: -item[1].lft)
	)
	return f"(case {whens} end)"


def line_qb(lines: list, org_table):
	"""line_sql as a frappe.qb term on the joined Party Organization table."""
	from frappe.query_builder import Case

	if not lines:
		return Case().when(org_table.lft < 0, -1).else_(None)
	case = Case()
	for i, line in sorted(enumerate(lines), key=lambda item: -item[1].lft):
		case = case.when(org_table.lft[cint(line.lft) : cint(line.rgt)], i)
	return case


def roll_up(
	rows, filters, additive, keys=(), org_field: str = "party_organization", lines: list | None = None
) -> list:
	"""The report's per-organisation `rows`, added up into one line per committee of the viewer's
	area (filters: party_organization). `additive` are the fields summed; `keys` more fields a line
	is split by (an award type). A line carries `drill_down` (the organisation the report is filtered
	to when the line is clicked) and `rolled_up` (what it covers).

	With `lines` (committee_view), rows grouped in SQL by line_sql carry their line's number in
	`org_field`; rows still per organisation (a name) are mapped by one query on their names only."""
	if lines is None:
		lines = committee_view(filters)
		line_of = line_of_organizations(lines)
	else:
		line_of = {i: line.name for i, line in enumerate(lines)}
		names = {r.get(org_field) for r in rows if isinstance(r.get(org_field), str)}
		line_of.update(line_of_organizations(lines, names) if names else {})
	out: dict[tuple, frappe._dict] = {}
	for row in rows:
		line = line_of.get(row.get(org_field))
		if line is None:
			continue
		key = (line, *(row.get(k) for k in keys))
		acc = out.get(key)
		if acc is None:
			acc = out[key] = frappe._dict({"party_organization": line, **{k: row.get(k) for k in keys}})
			for f in additive:
				acc[f] = 0
		for f in additive:
			acc[f] += row.get(f) or 0
	whole, own = _("With Everything Below"), _("Own Level Only")
	result = []
	for line in lines:
		for key in [k for k in out if k[0] == line.name]:
			acc = out[key]
			acc.is_committee_line = 1
			acc.rolled_up = own if line.own else whole
			acc.drill_down = None if line.own else line.name
			result.append(acc)
	return result


def committee_columns(columns: list[dict]) -> list[dict]:
	"""A report's columns for the by-committee view: the organisation column says 党委, then what
	the line covers, the figures, and the drill-down cell."""
	out = []
	for col in columns:
		if col.get("fieldname") == "party_organization":
			col = dict(col, label=_("Committee"))
			out += [
				col,
				{"fieldname": "rolled_up", "label": _("Rolled Up"), "fieldtype": "Data", "width": 130},
			]
		else:
			out.append(col)
	out.append({"fieldname": "drill_down", "label": _("Details"), "fieldtype": "Data", "width": 100})
	return out
