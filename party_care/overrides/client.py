"""frappe.client: lists, values and counts of the app's DocTypes are checked before Frappe runs
them (party_care/guards/list_query.py `check_query`: no filter, group-by or order-by on a field
the user may not read), whatever Frappe's query builder does after — the entry-point half of the
list guard, which needs no private Frappe code. Each forwards **kwargs, so a parameter a later
Frappe adds passes through."""

import frappe
from frappe import _, client
from frappe.utils import cint, escape_html

from party_care.compat import count_field, frappe_endpoint
from party_care.guards import read_log
from party_care.guards.arguments import filters_arg, is_column, json_arg
from party_care.guards.list_query import check_query
from party_care.guards.visibility import is_app_doctype
from party_care.overrides.search import check_query as check_search_query

JSON = str | list | dict | None


def check_list_request(doctype, filters=None, or_filters=None, group_by=None, order_by=None, parent=None):
	"""The request's own filters, group-by and order-by for an app DocType (the list guard's checks)."""
	if is_app_doctype(doctype):
		parent = parent if isinstance(parent, str) and frappe.get_meta(doctype).istable else None
		check_query(
			doctype,
			filters=filters,
			or_filters=or_filters,
			group_by=group_by,
			order_by=order_by,
			parent=parent,
		)


def fields_arg(value):
	"""get_list's `fields`: "*" or a JSON list of columns (texts; Frappe 16's aggregates are
	objects). Frappe reads any other text as JSON and fails on it (a 500)."""
	return value if value == "*" else json_arg(value, "fields", list, items=str | dict)


def fieldnames_arg(value):
	"""get_value's `fieldname`: one field's name, or a JSON list of names (Frappe takes a text that
	is not JSON for a name, so `[1,` became a column and an IndexError)."""
	if isinstance(value, str) and value.lstrip()[:1] not in ("[", "{"):
		return value
	return json_arg(value, "fieldname", list, items=str)


@frappe.whitelist()
def get_list(
	doctype: str,
	fields: JSON = None,
	filters: JSON = None,
	group_by: str | None = None,
	order_by: str | None = None,
	parent: str | None = None,
	or_filters: JSON = None,
	**kwargs,
):
	fields, filters, or_filters = (
		fields_arg(fields),
		filters_arg(filters),
		filters_arg(or_filters, "or_filters"),
	)
	check_list_request(doctype, filters, or_filters, group_by, order_by, parent)
	rows = frappe.call(
		client.get_list,
		doctype,
		fields=fields,
		filters=filters,
		group_by=group_by,
		order_by=order_by,
		parent=parent,
		or_filters=or_filters,
		**kwargs,
	)
	read_log.note_rows(doctype, rows, "List or Report", fields=fields, query=filters or or_filters)
	return rows


@frappe.whitelist()
def get_value(doctype: str, fieldname: JSON, filters: JSON = None, parent: str | None = None, **kwargs):
	fieldname = fieldnames_arg(fieldname)  # a name, or a list of names
	by_name = isinstance(filters, str | int) and not str(filters).lstrip().startswith(("{", "["))
	if not by_name:
		filters = filters_arg(filters)  # (Frappe 16 fails on other shapes: a 500)
	check_list_request(doctype, filters, parent=parent)
	value = frappe.call(client.get_value, doctype, fieldname, filters=filters, parent=parent, **kwargs)
	if read_log.is_sensitive(doctype) and value:
		fields = fieldname if isinstance(fieldname, list) else [fieldname]
		name = filters if by_name else None
		row = (
			value
			if isinstance(value, dict)
			else dict(zip(fields, value if isinstance(value, list) else [value], strict=False))
		)
		read_log.note_rows(doctype, [{"name": name, **row}], "REST API", fields=fields, query=filters)
	return value


@frappe.whitelist()
def get(doctype: str, name: str | None = None, filters: JSON = None, parent: str | None = None, **kwargs):
	"""frappe.client.get: the document as Frappe returns it; its sensitive values are logged."""
	doc = frappe.call(client.get, doctype, name=name, filters=filters, parent=parent, **kwargs)
	read_log.note_doc(doc, "REST API")
	return doc


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields: JSON = None, **kwargs):
	"""frappe.client.validate_link: the desk checks a Link's value and fetches the linked record's
	`fields` (its fetch_from); the values it hands over of sensitive fields are logged."""
	fields = _fetched_fields(doctype, fields)
	# Frappe 16 has no validate_link (its desk calls validate_link_and_fetch): a translated 404 there
	values = frappe.call(
		frappe_endpoint("frappe.client.validate_link"), doctype, docname, fields=fields, **kwargs
	)
	if fields and values and read_log.is_sensitive(doctype):
		read_log.note_rows(doctype, [values], "REST API", fields=["name", *fields])
	return values


@frappe.whitelist(methods=["GET", "POST"])
def validate_link_and_fetch(
	doctype: str,
	docname: str,
	fields_to_fetch: JSON = None,
	query: str | None = None,
	filters: JSON = None,
	**kwargs,
):
	"""Frappe 16's frappe.client.validate_link_and_fetch (its desk's check of a typed Link, through
	search_widget, then the linked record's `fields_to_fetch`, its fetch_from): the arguments
	checked as search_widget's and validate_link's are, the values it hands over of sensitive
	fields logged. Frappe 15 has no such method: a translated 404 there."""
	fields_to_fetch = _fetched_fields(doctype, fields_to_fetch, "fields_to_fetch")
	filters = filters_arg(filters)
	check_search_query(query)
	values = frappe.call(
		frappe_endpoint("frappe.client.validate_link_and_fetch"),
		doctype,
		docname,
		fields_to_fetch=fields_to_fetch,
		query=query,
		filters=filters,
		**kwargs,
	)
	if fields_to_fetch and values and read_log.is_sensitive(doctype):
		read_log.note_rows(doctype, [values], "REST API", fields=["name", *fields_to_fetch])
	return values


def _fetched_fields(doctype, fields, name: str = "fields") -> list | None:
	"""A link check's fields to fetch: a JSON list of the DocType's columns (Frappe: an SQL error,
	a 500, on a field the DocType does not have)."""
	fields = json_arg(fields, name, list, items=str)
	for field in fields or []:
		if isinstance(doctype, str) and not is_column(doctype, field):
			frappe.throw(
				_("{0} has no field {1}.").format(
					frappe.bold(_(doctype)), frappe.bold(escape_html(field[:80]))
				),
				title=_("Invalid Request"),
			)
	return fields


@frappe.whitelist()
def get_count(doctype: str, filters: JSON = None, **kwargs):
	"""Frappe 15's frappe.client.get_count counts every row, whatever the user may read.
	For the app's DocTypes, count only what the user could list (permissions, user permissions,
	permission query conditions, readable fields)."""
	filters = filters_arg(filters)
	if not (is_app_doctype(doctype) or doctype == "File"):  # File: its app rows as their records
		return frappe.call(client.get_count, doctype, filters=filters, **kwargs)
	check_list_request(doctype, filters)
	rows = frappe.get_list(
		doctype, filters=filters or None, fields=[count_field()], limit_page_length=0, order_by=None
	)
	return cint(rows[0].total) if rows else 0
