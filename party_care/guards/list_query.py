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

import re

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils.data import get_filter

from party_care.guards.visibility import hidden_fields, is_app_doctype, readable_table_fields

# Metadata and framework columns every reader of a row may filter on.
_STANDARD = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "parent",
	"parentfield", "parenttype", "_user_tags", "_assign", "_comments", "_liked_by", "_seen"}
_COLUMN = re.compile(r"`?tab([^`.]+)`?\.`?([A-Za-z0-9_]+)`?")
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_PLAIN = re.compile(r"[A-Za-z0-9_]+")
_IDENT = re.compile(r"`?([A-Za-z_][A-Za-z0-9_]*)`?")


def install() -> None:
	if getattr(DatabaseQuery, "_party_care_guard", None):
		return
	original = DatabaseQuery.build_conditions

	def build_conditions(self):
		original(self)
		if not self.flags.ignore_permissions and self.user != "Administrator":
			guard(self)

	DatabaseQuery.build_conditions = build_conditions
	DatabaseQuery._party_care_guard = original








def refuse(doctype: str, fieldname: str):
	df = frappe.get_meta(doctype).get_field(fieldname)
	label = _(df.label) if df and df.label else fieldname
	frappe.throw(
		_("You may not filter, group or sort {0} by {1}: you cannot read that field.").format(
			_(doctype), frappe.bold(label)),
		frappe.PermissionError,
	)


def guard(query: DatabaseQuery) -> None:
	main = query.doctype
	tables = {t.strip("`")[3:] for t in query.tables}
	app_tables = {dt for dt in tables if is_app_doctype(dt)}
	if not app_tables:
		return
	parent = query.parent_doctype if frappe.get_meta(main).istable else None
	hidden = {}

	def is_hidden(doctype: str, fieldname: str) -> bool:
		if doctype not in app_tables or fieldname in _STANDARD:
			return False
		if doctype not in hidden:
			if doctype == main:
				hidden[doctype] = hidden_fields(main, parent, query.user)
			elif frappe.get_meta(doctype).istable:
				hidden[doctype] = hidden_fields(doctype, main, query.user)
			else:
				hidden[doctype] = hidden_fields(doctype, user=query.user)
		return fieldname in hidden[doctype]

	# 1. filters: every condition names a field the user may read
	for filters in (query.filters, query.or_filters):
		for f in filters or []:
			if isinstance(f, str):  # a raw SQL condition (Frappe's own stats build some)
				for doctype, fieldname in _columns(f, main):
					if is_hidden(doctype, fieldname):
						refuse(doctype, fieldname)
				continue
			f = get_filter(main, f)
			# a filter's field may be an expression such as ifnull(`field`, '')
			named = [(f.doctype, f.fieldname)] if _PLAIN.fullmatch(f.fieldname) else _columns(f.fieldname, f.doctype)
			for doctype, fieldname in named:
				if is_hidden(doctype, fieldname):
					refuse(doctype, fieldname)

	# ... and so does every column of the group-by and the order-by
	for clause in (query.group_by, query.order_by):
		if not clause or not isinstance(clause, str):
			continue
		for doctype, fieldname in _columns(clause, main):
			if is_hidden(doctype, fieldname):
				refuse(doctype, fieldname)

	# 2. selected columns: Frappe 15 strips unreadable ones while iterating over the list it pops
	# from, so the field after a stripped one slips through (["age", "id_number"] returned the ID
	# number to an auditor). Strip them here, once, before it looks: the main DocType's hidden and
	# virtual columns (also inside functions), and refuse child columns of unreadable tables.
	strip_unreadable_columns(query, main, is_hidden)

	# 3. an app child table listed on its own: the parent's scope and readable table fields only
	if main in app_tables and frappe.get_meta(main).istable:
		scope_child_query(query, parent)


def strip_unreadable_columns(query: DatabaseQuery, main: str, is_hidden) -> None:
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


def scope_child_query(query: DatabaseQuery, parent: str | None) -> None:
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
