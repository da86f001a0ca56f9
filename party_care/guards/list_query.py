"""One guard on Frappe's list query for the app's DocTypes (see README, "Permissions").

Every generic read endpoint of Frappe 15 that takes a doctype with filters, fields, a search
field, a group-by or an order-by — `frappe.client.get_list/get_value/get_count`, `/api/resource`,
`reportview.get/get_count/export_query`, `listview.get_group_by_count`, sidebar stats, search,
link previews, calendars, data export, number cards — ends in one place:
`frappe.model.db_query.DatabaseQuery`. Frappe there strips the *selected* fields a user may not
read at their permlevel, but it still lets him

* filter, group and sort on those fields — so counts and "is there a row" answers rebuild an ID
  number digit by digit or find another branch's visit notes (`notes like '%…%'`);
* list a child table with only a doctype-level check on the parent: the rows of every parent
  come back, outside the parent's user permissions and permission query conditions, and whatever
  the permlevel of the parent's table field.

Frappe has no hook for either, so this module wraps `DatabaseQuery.build_conditions` (the step
that turns filters into SQL, after the tables of the query are known) once per process —
`install()` runs from the `before_request` hook and is idempotent. For queries that check
permissions (never for the app's own `ignore_permissions` reads) on an app DocType it

1. refuses (PermissionError → HTTP 403, translated) a filter, group-by or order-by on a field the
   user may not read at its permlevel — also a field of a child table whose table field in the
   parent is on a level the user may not read — also inside a raw SQL string condition;
2. refuses a selected child-table column whose table the user may not read at its level;
3. for a query on an app child table itself, adds the parent's full scope: rows whose parent is
   one the user could list (`frappe.get_list` of the parent, as a sub-query) and only through
   table fields the user may read.
"""

import inspect
import re

import frappe
from frappe import _
from frappe.utils.data import get_filter

from party_care.guards.visibility import hidden_fields, is_app_doctype, readable_table_fields

# Metadata and framework columns every reader of a row may filter on.
_STANDARD = {
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
	"idx",
	"parent",
	"parentfield",
	"parenttype",
	"_user_tags",
	"_assign",
	"_comments",
	"_liked_by",
	"_seen",
}
_COLUMN = re.compile(r"`?tab([^`.]+)`?\.`?([A-Za-z0-9_]+)`?")
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_PLAIN = re.compile(r"[A-Za-z0-9_]+")
_IDENT = re.compile(r"`?([A-Za-z_][A-Za-z0-9_]*)`?")


def refuse(doctype: str, fieldname: str):
	df = frappe.get_meta(doctype).get_field(fieldname)
	label = _(df.label) if df and df.label else fieldname
	frappe.throw(
		_("You may not filter, group or sort {0} by {1}: you cannot read that field.").format(
			_(doctype), frappe.bold(label)
		),
		frappe.PermissionError,
	)


class Visibility:
	"""Which fields of the DocTypes a query names `user` may not read (a child table's fields
	through the parent's table field, the query's `parent` for its main DocType)."""

	def __init__(self, main: str, parent: str | None, user: str | None):
		self.main, self.parent, self.user = main, parent, user or frappe.session.user
		self.hidden: dict[str, set[str]] = {}

	def is_hidden(self, doctype: str, fieldname: str) -> bool:
		if fieldname in _STANDARD or not is_app_doctype(doctype):
			return False
		if doctype not in self.hidden:
			if doctype == self.main:
				self.hidden[doctype] = hidden_fields(self.main, self.parent, self.user)
			elif frappe.get_meta(doctype).istable:
				self.hidden[doctype] = hidden_fields(doctype, self.main, self.user)
			else:
				self.hidden[doctype] = hidden_fields(doctype, user=self.user)
		return fieldname in self.hidden[doctype]

	def check(self, doctype: str, fieldname: str) -> None:
		if self.is_hidden(doctype, fieldname):
			refuse(doctype, fieldname)


def check_query(
	doctype: str,
	*,
	filters=None,
	or_filters=None,
	group_by=None,
	order_by=None,
	parent: str | None = None,
	user: str | None = None,
) -> Visibility:
	"""Refuse (PermissionError → 403, translated) a filter, group-by or order-by of a query on
	`doctype` that names a field `user` may not read at its permlevel — also a child table's field
	whose table field in the parent is on a level he may not read, also inside an expression such
	as ifnull(`field`, '') or a raw SQL string condition. The one check every guarded entry point
	(party_care/overrides/client.py, reportview.py) and the query-builder guard run."""
	seen = Visibility(doctype, parent, user)
	for given in (filters, or_filters):
		for f in _filter_items(given):
			if isinstance(f, str):  # a raw SQL condition (Frappe's own stats build some)
				for dt, fieldname in _columns(f, doctype):
					seen.check(dt, fieldname)
				continue
			if isinstance(f, list | tuple) and not all(isinstance(x, str) for x in f[:-2]):
				continue  # a term Frappe's own code built (v16 calendar: IfNull(...)); a client's JSON has none
			try:
				f = get_filter(doctype, f)
			except frappe.ValidationError:  # not a filter Frappe reads either: it refuses it itself
				continue
			if not isinstance(f.fieldname, str):
				continue
			# a filter's field may be an expression such as ifnull(`field`, '')
			named = (
				[(f.doctype, f.fieldname)]
				if _PLAIN.fullmatch(f.fieldname)
				else _columns(f.fieldname, f.doctype)
			)
			for dt, fieldname in named:
				seen.check(dt, fieldname)
	# ... and so does every column of the group-by and the order-by
	for clause in (group_by, order_by):
		if clause and isinstance(clause, str):
			for dt, fieldname in _columns(clause, doctype):
				seen.check(dt, fieldname)
	return seen


def _filter_items(filters) -> list:
	"""The conditions of a filters argument as Frappe takes it: a dict, a list, or their JSON."""
	if isinstance(filters, str):
		try:
			filters = frappe.parse_json(filters)
		except ValueError:
			return [filters]
	if isinstance(filters, dict):
		return [{key: value} for key, value in filters.items()]
	if isinstance(filters, list | tuple):
		return [f for f in filters if isinstance(f, list | tuple | dict | str)]
	return []


# --- the query builder's guard point (installed by party_care.guards.install) --------------------
# Frappe 15 builds every list query in `frappe.model.db_query.DatabaseQuery`; the guard wraps its
# `build_conditions` (the step that turns filters into SQL, after the tables of the query are
# known). Frappe 16 builds them in `frappe.database.query.Engine.get_query`, which itself checks
# the field permissions of filters, fields, group-bys and order-bys and scopes a child table
# through its parent; the guard there adds the app's checks on the arguments (expressions, raw
# conditions) before Frappe builds. Either wrapper notes that it was reached, which is what the
# start-up canary (party_care.guards.install.self_check) proves.

REACHED = "party_care_list_guard_reached"


def guard_db_query(query) -> None:
	"""Frappe 15: the checks on a `DatabaseQuery` whose tables, filters and fields are parsed."""
	main = query.doctype
	tables = {t.strip("`")[3:] for t in query.tables}
	if not any(is_app_doctype(dt) for dt in tables):
		return
	parent = query.parent_doctype if frappe.get_meta(main).istable else None
	# 1. filters, group-by and order-by name only fields the user may read
	seen = check_query(
		main,
		filters=query.filters,
		or_filters=query.or_filters,
		group_by=query.group_by,
		order_by=query.order_by,
		parent=parent,
		user=query.user,
	)

	# 2. selected columns: Frappe 15 strips unreadable ones while iterating over the list it pops
	# from, so the field after a stripped one slips through (["age", "id_number"] returned the ID
	# number to an auditor). Strip them here, once, before it looks: the main DocType's hidden and
	# virtual columns (also inside functions), and refuse child columns of unreadable tables.
	strip_unreadable_columns(query, main, seen.is_hidden)

	# 3. an app child table listed on its own: the parent's scope and readable table fields only
	if is_app_doctype(main) and frappe.get_meta(main).istable:
		scope_child_query(query, parent)


def install_db_query_guard(cls) -> None:
	"""Frappe 15: wrap `DatabaseQuery.build_conditions` (idempotent)."""
	if getattr(cls, "_party_care_guard", None):
		return
	original = cls.build_conditions

	def build_conditions(self):
		original(self)
		if is_app_doctype(self.doctype):
			frappe.local.flags[REACHED] = True
		if not self.flags.ignore_permissions and self.user != "Administrator":
			guard_db_query(self)

	cls.build_conditions = build_conditions
	cls._party_care_guard = original


def install_engine_guard(cls) -> None:
	"""Frappe 16: wrap `Engine.get_query` (idempotent)."""
	if getattr(cls, "_party_care_guard", None):
		return
	original = cls.get_query
	signature = inspect.signature(original)

	def get_query(self, *args, **kwargs):
		bound = signature.bind(self, *args, **kwargs)
		args_ = bound.arguments
		table = args_.get("table")
		child_fields = None
		if isinstance(table, str) and is_app_doctype(table):
			frappe.local.flags[REACHED] = True
			user = args_.get("user") or frappe.session.user
			if not args_.get("ignore_permissions", True) and user != "Administrator":
				parent = args_.get("parent_doctype") if frappe.get_meta(table).istable else None
				check_query(
					table,
					filters=args_.get("filters"),
					or_filters=args_.get("or_filters"),
					group_by=args_.get("group_by"),
					order_by=args_.get("order_by"),
					parent=parent,
					user=user,
				)
				if parent:
					child_fields = child_table_fields(table, parent, user)
		query = original(self, *args, **kwargs)
		if child_fields is not None:
			# Frappe 16 scopes a child table's rows by the parent's permissions, not by the permlevel of
			# the parent's table field: only rows of table fields the user may read
			query = query.where(frappe.qb.DocType(table).parentfield.isin(child_fields))
		return query

	cls.get_query = get_query
	cls._party_care_guard = original


def child_table_fields(child: str, parent: str, user: str | None) -> list[str]:
	"""The parent's table fields of `child` the user may read at their level; refused if none."""
	levels = set(frappe.get_meta(parent).get_permlevel_access("read", user=user))
	fields = readable_table_fields(parent, child, levels)
	if not fields:
		frappe.throw(_("You cannot read {0}.").format(_(child)), frappe.PermissionError)
	return fields


def install() -> None:
	"""Wrap this Frappe's list query builder (party_care/compat.py names it; idempotent)."""
	from party_care.compat import list_query_guard_point

	cls, method = list_query_guard_point()
	{"build_conditions": install_db_query_guard, "get_query": install_engine_guard}[method](cls)


def uninstall(cls, method: str) -> None:
	"""Put Frappe's own method back (tests: the self-check must then refuse)."""
	original = cls.__dict__.get("_party_care_guard")
	if original:
		setattr(cls, method, original)
		del cls._party_care_guard


def strip_unreadable_columns(query, main: str, is_hidden) -> None:
	virtual = {df.fieldname for df in frappe.get_meta(main).fields if df.get("is_virtual")}
	kept = []
	for field in query.fields or []:
		if isinstance(field, str) and field.strip() != "*":
			named = list(_columns(field, main))
			unreadable = [col for dt, col in named if dt == main and (col in virtual or is_hidden(dt, col))]
			if unreadable:
				if query.as_list:  # rows as lists: keep the other columns in their places
					kept.append("''")  # an empty literal: Frappe's own pass leaves it alone
				continue
			for doctype, fieldname in named:
				if doctype != main and is_hidden(doctype, fieldname):
					refuse(doctype, fieldname)
		kept.append(field)
	query.fields = kept


def scope_child_query(query, parent: str | None) -> None:
	levels = set(frappe.get_meta(parent).get_permlevel_access("read", user=query.user)) if parent else set()
	fields = readable_table_fields(parent, query.doctype, levels) if parent else []
	if not fields:
		frappe.throw(_("You cannot read {0}.").format(_(query.doctype)), frappe.PermissionError)
	table = f"`tab{query.doctype}`"
	if frappe.get_meta(parent).issingle:  # a Single's rows (settings): its read right is the scope
		if not frappe.has_permission(parent, "read", user=query.user):
			frappe.throw(_("You cannot read {0}.").format(_(query.doctype)), frappe.PermissionError)
		query.conditions.append(f"({table}.`parenttype` = {frappe.db.escape(parent)})")
		return
	parents = frappe.get_list(parent, fields=["name"], order_by=None, user=query.user, run=False)
	query.conditions.append(
		f"({table}.`parenttype` = {frappe.db.escape(parent)}"
		f" and {table}.`parentfield` in ({', '.join(frappe.db.escape(f) for f in fields)})"
		f" and {table}.`parent` in ({parents}))"
	)


def _columns(clause: str, main: str):
	"""(doctype, fieldname) of every column named in an order-by, group-by or SQL condition."""
	yield from _COLUMN.findall(clause)
	rest = _LITERAL.sub(" ", _COLUMN.sub(" ", clause))
	for word in _IDENT.findall(rest):
		yield main, word
