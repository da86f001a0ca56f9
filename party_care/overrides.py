"""Whitelisted-method overrides: small fixes where Frappe 15's generic API would bypass the
app's permission model (README, "Permissions"). Filters, group-by and order-by on fields a
user may not read, and child tables outside their parent's scope, are refused once for every
endpoint in `party_care/query_guard.py`; what is left here are the endpoints that do not go
through Frappe's list query or that drop permissions on a client's say-so."""

import json

import frappe
from frappe import _
from frappe.client import get_count as frappe_get_count
from frappe.desk import search as frappe_search
from frappe.desk.form import linked_with as frappe_linked_with
from frappe.desk.form import load as frappe_load
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.utils import cint

from party_care.query_guard import hidden_fields, is_app_doctype

# The organisation tree itself is readable by every role; a Link to it may still look beyond
# the user's subtree where the DocType says so (e.g. the awarding committee of a nomination).
OPEN_TO_ALL = {"Party Organization"}


def _is_app_doctype(doctype: str) -> bool:
	return bool(doctype) and isinstance(doctype, str) and is_app_doctype(doctype)


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""Frappe 15's frappe.client.get_count counts every row, whatever the user may read.
	For the app's DocTypes, count only what the user could list (permissions, user permissions,
	permission query conditions, readable fields)."""
	if not _is_app_doctype(doctype):
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(doctype, filters=frappe.parse_json(filters) if filters else None,
		fields=["count(*) as total"], limit_page_length=0, order_by=None)
	return cint(rows[0].total) if rows else 0


def _scoped_search_args(doctype, ignore_user_permissions):
	"""`ignore_user_permissions=1` makes Frappe search with ignore_permissions — no scope, no
	permission query conditions, no field levels. Never for the app's DocTypes."""
	if _is_app_doctype(doctype) and doctype not in OPEN_TO_ALL:
		return False
	return ignore_user_permissions


def _standard_query(doctype, query) -> str | None:
	"""The app's own link query for one of its DocTypes (hooks' `standard_queries`), when the
	client names none. Called here directly, so a refusal reaches the client as a 403: Frappe's
	search_widget turns a PermissionError inside a query into a 404 "Method not found" page."""
	if query or not _is_app_doctype(doctype):
		return None
	return (frappe.get_hooks("standard_queries") or {}).get(doctype, [None])[-1]


@frappe.whitelist()
def search_link(doctype, txt, query=None, filters=None, page_length=10, searchfield=None,
	reference_doctype=None, ignore_user_permissions=False):
	if _standard_query(doctype, query):
		results = search_widget(doctype, (txt or "").strip(), query, searchfield=searchfield,
			page_length=page_length, filters=filters, reference_doctype=reference_doctype)
		return frappe_search.build_for_autosuggest(results, doctype=doctype)
	return frappe_search.search_link(doctype, txt, query=query, filters=filters, page_length=page_length,
		searchfield=searchfield, reference_doctype=reference_doctype,
		ignore_user_permissions=_scoped_search_args(doctype, ignore_user_permissions))


@frappe.whitelist()
def search_widget(doctype, txt, query=None, searchfield=None, start=0, page_length=10, filters=None,
	filter_fields=None, as_dict=False, reference_doctype=None, ignore_user_permissions=False):
	if standard := _standard_query(doctype, query):
		return frappe.call(standard, doctype, txt, searchfield, start, page_length, filters,
			as_dict=as_dict, reference_doctype=reference_doctype)
	return frappe_search.search_widget(doctype, txt, query=query, searchfield=searchfield, start=start,
		page_length=page_length, filters=filters, filter_fields=filter_fields, as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_scoped_search_args(doctype, ignore_user_permissions))


# --- document history --------------------------------------------------------------------------


@frappe.whitelist()
def getdoc(doctype, name, user=None):  # `user`: Frappe 15.44's signature; 15.75 dropped it (unused)
	result = frappe_load.getdoc(doctype, name)
	_strip_docinfo_versions()
	return result


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	result = frappe_load.get_docinfo(doc, doctype, name)
	_strip_docinfo_versions()
	return result


def _strip_docinfo_versions():
	docinfo = frappe.response.get("docinfo")
	if docinfo and _is_app_doctype(docinfo.get("doctype")):
		docinfo["versions"] = strip_versions(docinfo["doctype"], docinfo.get("versions") or [])


def strip_versions(doctype: str, versions: list[dict]) -> list[dict]:
	"""Version entries with the values of fields (and table rows) the user may not read taken out;
	an entry left with no change is dropped."""
	hidden = hidden_fields(doctype)
	meta = frappe.get_meta(doctype)
	levels = set(meta.get_permlevel_access("read"))
	hidden_tables = {df.fieldname for df in meta.get_table_fields() if df.permlevel not in levels}
	kept = []
	for version in versions:
		try:
			data = json.loads(version.get("data") or "{}")
		except ValueError:
			continue
		data["changed"] = [c for c in data.get("changed") or [] if c[0] not in hidden]
		for key in ("added", "removed", "row_changed"):
			data[key] = [row for row in data.get(key) or [] if row[0] not in hidden_tables]
		if any(data.get(k) for k in ("changed", "added", "removed", "row_changed", "creation", "comment")):
			kept.append({**version, "data": json.dumps(data)})
	return kept


# --- links and counts ----------------------------------------------------------------------------


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str):
	"""Frappe walks every submitted document linked to this one, unscoped. Name only those the
	user may read, and only for a document he may read."""
	if not frappe.has_permission(doctype, "read", doc=name):
		frappe.throw(_("You cannot read {0} {1}.").format(_(doctype), name), frappe.PermissionError)
	result = frappe_linked_with.get_submitted_linked_docs(doctype, name)
	docs = [d for d in result["docs"] if frappe.has_permission(d["doctype"], "read", doc=d["name"])]
	return {"docs": docs, "count": len(docs)}


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str):
	"""Frappe counts "assigned to" over an unscoped query of the doctype; for the app's DocTypes
	count over the rows the user may list (with the query guard's filter checks)."""
	if field != "assigned_to" or not _is_app_doctype(doctype):
		return frappe_get_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), pluck="name",
		limit_page_length=0, order_by=None)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo).from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where((todo.status != "Cancelled") & (todo.allocated_to == user.name)
			& (user.user_type == "System User") & (todo.reference_type == doctype)
			& (todo.reference_name.isin(names)))
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)


@frappe.whitelist()
def get_monthly_goal_graph_data(title, doctype, docname, goal_value_field, goal_total_field,
	goal_history_field, goal_doctype, goal_doctype_link, goal_field, date_field, aggregation="sum",
	filters=None):
	"""Frappe aggregates any field of any DocType here, unscoped and by any SQL function (a
	`group_concat` of hardship situations, say). The app has no goal graphs: refuse its DocTypes."""
	from frappe.utils.goal import get_monthly_goal_graph_data as frappe_goal_graph

	for dt in (doctype, goal_doctype):
		if _is_app_doctype(dt):
			frappe.throw(_("Goal graphs are not available for {0}.").format(_(dt)), frappe.PermissionError)
	return frappe_goal_graph(title, doctype, docname, goal_value_field, goal_total_field, goal_history_field,
		goal_doctype, goal_doctype_link, goal_field, date_field, aggregation, filters)


@frappe.whitelist()
def get_link_title(doctype, docname):
	"""Frappe returns any record's title (a member's name) to anyone who guesses its name."""
	if _is_app_doctype(doctype) and not frappe.has_permission(doctype, "read", doc=docname):
		return None
	return frappe_search.get_link_title(doctype, docname)


@frappe.whitelist()
def get_coords(doctype, filters, type):
	"""The app's DocTypes have no location: a clear refusal, not Frappe's SQL error."""
	from frappe.geo.utils import get_coords as frappe_get_coords

	if _is_app_doctype(doctype):
		frappe.throw(_("{0} has no location fields.").format(_(doctype)))
	return frappe_get_coords(doctype, filters, type)


# Number cards only read. Frappe 15 runs its report and list endpoints with @frappe.read_only()
# (served by the MariaDB replica when the site sets `read_from_replica`), but not the number card
# endpoint: the same endpoint, wrapped, so a large site's workspace reads from the replica.
# (Dashboard charts are left alone: Frappe's chart endpoint writes `last_synced_on`.)
@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc, filters, to_date=None):
	from frappe.desk.doctype.number_card.number_card import get_result

	return get_result(doc, filters, to_date)
