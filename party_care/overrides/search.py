"""Link search (frappe.desk.search): never unscoped for the app's DocTypes, and the app's own
link queries answer with a 403 rather than Frappe's 404 on a refusal; a search that shows a
sensitive field (Frappe's search shows the `searchfield` and `filter_fields`) is logged."""

import json
import re

import frappe
from frappe import _
from frappe.desk import search as frappe_search

from party_care.guards import read_log
from party_care.guards.arguments import filters_arg, json_arg
from party_care.guards.visibility import is_app_doctype

# The organisation tree itself is readable by every role; a Link to it may still look beyond
# the user's subtree where the DocType says so (e.g. the awarding committee of a nomination).
OPEN_TO_ALL = {"Party Organization"}


def _scoped_search_args(doctype, ignore_user_permissions):
	"""`ignore_user_permissions=1` makes Frappe search with ignore_permissions — no scope, no
	permission query conditions, no field levels. Never for the app's DocTypes."""
	if is_app_doctype(doctype) and doctype not in OPEN_TO_ALL:
		return False
	return ignore_user_permissions


QUERY_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,139}")


def check_query(query) -> None:
	"""A link search's `query` names a whitelisted Python function by its dotted path; anything else
	(a huge or garbled string) is a translated 4xx, never the import error behind Frappe's page."""
	if query and not (isinstance(query, str) and QUERY_PATH.fullmatch(query)):
		frappe.throw(_("Invalid search query."), title=_("Invalid Request"))


def _standard_query(doctype, query) -> str | None:
	"""The app's own link query for one of its DocTypes (hooks' `standard_queries`), when the
	client names none. Called here directly, so a refusal reaches the client as a 403: Frappe's
	search_widget turns a PermissionError inside a query into a 404 "Method not found" page."""
	if query or not is_app_doctype(doctype):
		return None
	return (frappe.get_hooks("standard_queries") or {}).get(doctype, [None])[-1]


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
	**kwargs,
):
	filters = filters_arg(filters)
	check_query(query)
	if _standard_query(doctype, query):
		results = search_widget(
			doctype,
			(txt or "").strip(),
			query,
			searchfield=searchfield,
			page_length=page_length,
			filters=filters,
			reference_doctype=reference_doctype,
			**kwargs,
		)
		return frappe_search.build_for_autosuggest(results, doctype=doctype)
	results = frappe.call(
		frappe_search.search_link,
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_scoped_search_args(doctype, ignore_user_permissions),
		**kwargs,
	)
	read_log.note_search(doctype, [searchfield], results)  # a sensitive field searched is shown
	return results


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields: str | list | None = None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
	**kwargs,
):
	filters = filters_arg(filters)
	check_query(query)
	filter_fields = json_arg(filter_fields, "filter_fields", list, items=str)
	if standard := _standard_query(doctype, query):
		return frappe.call(
			standard,
			doctype,
			txt,
			searchfield,
			start,
			page_length,
			filters,
			as_dict=as_dict,
			reference_doctype=reference_doctype,
		)
	results = frappe.call(
		frappe_search.search_widget,
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=json.dumps(filter_fields) if filter_fields else None,  # Frappe json.loads it
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_scoped_search_args(doctype, ignore_user_permissions),
		**kwargs,
	)
	# the searched field and the filter fields are columns of the answer: a sensitive one is logged
	read_log.note_search(doctype, [searchfield, *(filter_fields or [])], results)
	return results


@frappe.whitelist()
def get_link_title(doctype: str, docname: str, **kwargs):
	"""Frappe returns any record's title (a member's name) to anyone who guesses its name."""
	if is_app_doctype(doctype) and not frappe.has_permission(doctype, "read", doc=docname):
		return None
	return frappe.call(frappe_search.get_link_title, doctype, docname, **kwargs)
