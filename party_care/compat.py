"""Frappe 15 and Frappe 16: the one place where the app meets a difference between the two lines.

The app runs unchanged on Frappe 15.44–15.75 and 16.9 (README, "Versions"). Where the two lines
answer the same question differently, the answer lives here, under a name that says what it
means, and the rest of the app asks this module — nowhere else tests Frappe's version.

Each entry names the Frappe source that differs (v15 = 15.44.2, v16 = 16.9.0).
"""

import importlib

import frappe

FRAPPE_MAJOR = int(frappe.__version__.split(".", 1)[0])
V16 = FRAPPE_MAJOR >= 16

# --- has_permission hooks ---------------------------------------------------------------------
# `frappe.permissions.has_controller_permissions` reads a hook's answer differently:
# * v15: `if controller_permission is not None: return bool(controller_permission)` — None means
#   "no objection, ask the next hook / the DocType permissions"; True ends the check (and skips the
#   hooks still to run, e.g. Frappe's own File hook after the app's);
# * v16: `if not controller_permission: return bool(controller_permission)` — None is a denial;
#   True means "no objection, ask the next hook".
# No one value means "no objection" on both, so every app hook returns NO_OBJECTION for it and
# False (or raises) to refuse.
NO_OBJECTION = True if V16 else None


def no_objection_if(allowed: bool) -> bool | None:
	"""A has_permission hook's answer: NO_OBJECTION when `allowed`, else a denial (False)."""
	return NO_OBJECTION if allowed else False


# --- aggregate columns in frappe.get_list ----------------------------------------------------------
# v16's query engine refuses SQL functions given as strings in `fields` ("SQL functions are not
# allowed as strings in SELECT: count(*) as total", frappe/database/query.py
# `_validate_select_field`) and takes `{"COUNT": "*", "as": alias}`; v15 does not take a dict.


def count_field(alias: str = "total") -> str | dict:
	"""A `fields` entry counting the rows of a get_list, read back as row[alias]."""
	return {"COUNT": "*", "as": alias} if V16 else f"count(*) as {alias}"


# --- the desk's address ----------------------------------------------------------------------------
# v15 serves the desk at /app, v16 at /desk (/app redirects there). Links are built with Frappe's
# own helpers (frappe.utils.get_url_to_form / get_url_to_report / get_absolute_url in Python,
# frappe.utils.get_form_link in JavaScript), which know their line's prefix; DESK_PREFIX is only
# for what no helper builds (a route a test opens).
DESK_PREFIX = "/desk" if V16 else "/app"


def desk_path(*parts: str) -> str:
	"""`/app/…` on v15, `/desk/…` on v16: a desk route relative to the site."""
	from urllib.parse import quote

	return "/".join([DESK_PREFIX, *(quote(str(p), safe="") for p in parts)])


# --- where list queries are built (the list guard's point) ---------------------------------------
# v15: frappe.get_list/get_all and frappe.desk.reportview build through
# `frappe.model.db_query.DatabaseQuery` (the guard wraps `build_conditions`); v16 builds them through
# `frappe.model.qb_query.DatabaseQuery` → `frappe.database.query.Engine.get_query`
# (frappe/__init__.py get_list), and db_query's class is off that path. A Frappe that routes
# around the point named here fails the start-up self-check (party_care/guards/selfcheck.py).


def list_query_guard_point() -> tuple[type, str]:
	"""(class, method name) every permission-checked list query of this Frappe is built through."""
	if V16:
		from frappe.database.query import Engine

		return Engine, "get_query"
	from frappe.model.db_query import DatabaseQuery

	return DatabaseQuery, "build_conditions"


# --- nested filter logic --------------------------------------------------------------------------
# v16's query engine (frappe/database/query.py `apply_filters`) also takes filters as nested logic —
# [condition, "and"/"or", condition, …], a condition a row or such a list — and filter objects
# inside a list; v15 takes rows ([field, operator, value] / [doctype, field, operator, value]) and
# {field: value} only. The app's argument check (guards/arguments.py `filters_arg`) takes what the
# line takes.
NESTED_FILTERS = V16


# --- a request body that is not JSON ---------------------------------------------------------------
# `frappe.app.make_form_dict` fails on it before any app hook runs: v15 with a 500 (the decoder's
# error escapes), v16 with a 417 (`frappe.throw(_("Invalid request body"), frappe.DataError)`).
# party_care/guards/request.py `rewrite_malformed_body` turns either into a translated 400.
MALFORMED_BODY_STATUS = 417 if V16 else 500


# --- endpoints one line no longer has --------------------------------------------------------------
# The app answers for Frappe 15's `frappe.geo.utils.get_coords` and
# `frappe.templates.includes.likes.likes.like` (hooks' override_whitelisted_methods: they refuse
# the app's DocTypes); Frappe 16 removed both modules, so past the app's own refusal there is
# nothing to delegate to — a translated 404, not an ImportError (a 500).


def frappe_endpoint(dotted: str):
	"""Frappe's whitelisted function `dotted` on this line, or a translated 404 when it has none."""
	module, _dot, name = dotted.rpartition(".")
	try:
		return getattr(importlib.import_module(module), name)
	except (ImportError, AttributeError):
		frappe.throw(
			frappe._("This version of Frappe has no {0}.").format(frappe.bold(dotted)),
			frappe.DoesNotExistError,
			title=frappe._("Not Found"),
		)
