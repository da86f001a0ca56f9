"""Malformed input gets a clear, translated 4xx — never a 500 — on the site's API.

Frappe 15 answers each of these with a 500. `check_request` (a before_request hook) refuses
them before any method runs, with a translated ValidationError (417) — the choice of a hook
over overriding each whitelisted method: one place for every endpoint, Frappe's or the app's:

* a JSON argument that is not JSON (`doc` of apply_workflow and savedocs, `docs`, `filters`,
  `or_filters`, `fields`, `data`), a workflow `doc` that is not a document, a resource body
  that is not an object, a negative page start or length;
* a call of one of the app's methods without a required argument, or with one of another type
  than its signature says (party_care/guards/arguments.py);
* a document of one of the app's DocTypes whose child table is not a list of rows;
* a filter, sort, group or count on a field one of the app's DocTypes does not have.

The same under each of Frappe's REST prefixes: /api/, /api/v1/ and /api/v2/ (api_route).

A request body sent as `application/json` that is not JSON fails inside Frappe
(`frappe.app.make_form_dict`) before any hook of an app runs: `rewrite_malformed_body` (an
after_request hook, which Frappe runs on the error path too, after the transaction was rolled
back) turns that 500 (Frappe 16: a 417 "Invalid request body") into a 400 with a translated message.
"""

import json
from urllib.parse import unquote

import frappe
from frappe import _, bold

from party_care.compat import MALFORMED_BODY_STATUS
from party_care.guards.arguments import check_filter_fields, check_request_arguments, is_column
from party_care.guards.visibility import is_app_doctype

JSON_ARGS = ("doc", "docs", "filters", "or_filters", "fields", "data")
# methods whose argument is always JSON (elsewhere a plain string may be a name: `doc` of the
# print view is a DocType, `filters` of get_value a document name)
JSON_ONLY = {
	"doc": {
		"frappe.model.workflow.apply_workflow",
		"frappe.desk.form.save.savedocs",
		"frappe.client.save",
		"frappe.client.insert",
		"frappe.client.submit",
	},
	"docs": {"frappe.client.insert_many", "frappe.client.bulk_update"},
	"filters": {
		"frappe.client.get_list",
		"frappe.client.get_count",
		"frappe.client.get",
		"frappe.desk.reportview.get",
		"frappe.desk.reportview.get_count",
		"frappe.desk.reportview.export_query",
		"frappe.desk.listview.get_group_by_count",
	},
}


def _is_json(text: str) -> bool:
	try:
		json.loads(text)
	except ValueError:
		return False
	return True


# Frappe 15 serves its REST API under three prefixes (frappe/api/__init__.py): /api/ and /api/v1/
# (frappe/api/v1.py) and /api/v2/ (frappe/api/v2.py, where records are /document/ and a DocType's
# count is /doctype/<doctype>/count). Each is checked alike.
METHOD_PREFIXES = ("/api/method/", "/api/v1/method/", "/api/v2/method/")
RECORD_PREFIXES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")
V2_DOCTYPE_PREFIX = "/api/v2/doctype/"


class Route(frappe._dict):
	"""What an /api/ path calls: `method` (a whitelisted method's dotted name), or `doctype` with
	`name` (records: a list when there is no name; `count` for v2's count)."""


def api_route(path: str) -> Route:
	for prefix in METHOD_PREFIXES:
		if path.startswith(prefix):
			method = unquote(path[len(prefix) :]).strip("/")
			if prefix == "/api/v2/method/" and "/" in method:  # /method/<doctype>/<method>: its controller's
				doctype, method = method.split("/", 1)
				method = controller_method(doctype, method)
			return Route(method=method)
	for prefix in RECORD_PREFIXES:
		if path.startswith(prefix):
			doctype, _slash, name = path[len(prefix) :].partition("/")
			return Route(doctype=unquote(doctype), name=unquote(name).strip("/") or None)
	if path.startswith(V2_DOCTYPE_PREFIX):
		doctype, _slash, what = path[len(V2_DOCTYPE_PREFIX) :].partition("/")
		return Route(doctype=unquote(doctype), count=what.strip("/") == "count")
	return Route()


def frappe_name(method: str | None) -> str | None:
	"""Frappe's name of a method the app overrides, called by the app's own path (the checks by
	method name below hold under both names)."""
	if method and method.startswith("party_care."):
		for name, targets in frappe.get_hooks("override_whitelisted_methods", {}).items():
			if targets and targets[-1] == method:
				return name
	return method


def controller_method(doctype: str, method: str) -> str:
	"""The dotted name v2's `/method/<doctype>/<method>` calls (Frappe: an ImportError, a 500, for
	a DocType that does not exist)."""
	from frappe.modules.utils import get_doctype_module, get_module_name

	if len(doctype) > 140 or frappe.db.get_value("DocType", doctype, "custom") in (
		None,
		1,
	):  # none, or no module
		frappe.throw(
			_("{0} is not a DocType.").format(bold(frappe.utils.escape_html(doctype[:80]))),
			frappe.DoesNotExistError,
			title=_("Invalid Request"),
		)
	return f"{get_module_name(doctype, get_doctype_module(doctype))}.{method}"


def check_request():
	"""before_request: refuse what Frappe would answer with a 500 (see the module's docstring)."""
	request = getattr(frappe.local, "request", None)
	check_csrf(request)
	if not request or not request.path.startswith("/api/"):
		return
	route = api_route(request.path)
	method = frappe_name(route.method)
	if method == "upload_file" and request.path.startswith("/api/v2/"):  # v2 routes it past the override
		from party_care.overrides.files import check_upload

		check_upload()
	listing = request.method == "GET" and route.doctype and (not route.name or route.count)
	for key in JSON_ARGS:
		value = frappe.form_dict.get(key)
		if not isinstance(value, str) or _is_json(value):
			continue
		if (
			value.lstrip()[:1] in ("{", "[")
			or method in JSON_ONLY.get(key, ())
			or (listing and key != "data")
		):
			refuse(key)
	for key in ("limit_start", "limit_page_length", "limit", "start", "page_length"):
		if str(frappe.form_dict.get(key) or "0").strip().startswith("-"):
			frappe.throw(_("{0} cannot be negative.").format(frappe.bold(key)), title=_("Invalid Request"))
	if method:
		check_request_arguments(method)
	if method in JSON_ONLY["doc"] and frappe.form_dict.get("doc") is not None:
		doc = frappe.form_dict.doc
		doc = json.loads(doc) if isinstance(doc, str) else doc
		if not isinstance(doc, dict) or not isinstance(doc.get("doctype"), str):
			refuse("doc")
	writes_record = route.doctype and request.method in ("POST", "PUT", "PATCH")
	if writes_record and not isinstance(frappe.form_dict.get("data", frappe.form_dict), dict | str):
		refuse("data")
	doctype = _doctype_of_request(route)
	if doctype and is_app_doctype(doctype):
		check_fields_in_filters(doctype)
		check_fields_named(doctype, method)
	for doc in _documents_in_request(writes_record, doctype):
		check_document_shape(doc)


def _doctype_of_request(route) -> str | None:
	doctype = route.doctype if route.doctype is not None else frappe.form_dict.get("doctype")
	if not isinstance(doctype, str) or not doctype or len(doctype) > 140:
		return None
	return doctype if _is_doctype(doctype) else None


def _is_doctype(name: str) -> bool:
	"""Whether a DocType of that name exists: its meta from Frappe's cache, no query per request
	(issue 22); a name that is none is asked of the database."""
	try:
		frappe.get_meta(name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return False
	return True


def _documents_in_request(writes_record, doctype):
	"""The documents a request would build: its record body (/api/resource, /api/v2/document),
	or its `doc`/`docs`."""
	if writes_record and doctype:
		data = frappe.form_dict.get("data") or frappe.form_dict
		yield from _as_docs(data, doctype)
	for key in ("doc", "docs"):
		value = frappe.form_dict.get(key)
		if isinstance(value, str) and _is_json(value):
			yield from _as_docs(json.loads(value), None)


def _as_docs(data, doctype):
	if isinstance(data, str):
		data = json.loads(data) if _is_json(data) else {}
	for doc in data if isinstance(data, list) else [data]:
		if isinstance(doc, dict):
			dt = doctype or doc.get("doctype")
			if isinstance(dt, str) and frappe.db.exists("DocType", dt) and is_app_doctype(dt):
				yield frappe._dict(doc, doctype=dt)


def check_document_shape(doc):
	"""Child tables are lists of rows (objects); Frappe fails with a 500 on anything else."""
	for df in frappe.get_meta(doc.doctype).get_table_fields():
		rows = doc.get(df.fieldname)
		if rows is None:
			continue
		if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
			frappe.throw(
				_("{0} must be a list of rows.").format(frappe.bold(_(df.label))),
				frappe.ValidationError,
				title=_("Invalid Request"),
			)


def check_fields_in_filters(doctype: str):
	"""A filter on a field the DocType does not have is a clear error, not an SQL error (500)."""
	for key in ("filters", "or_filters", "current_filters"):
		value = frappe.form_dict.get(key)
		if isinstance(value, str):
			if value.lstrip()[:1] not in ("{", "["):
				continue
			if not _is_json(value):
				refuse(key)
			value = json.loads(value)
		check_filter_fields(doctype, value)


def check_fields_named(doctype: str, method: str | None = None):
	"""Sorting, grouping and counting by a field the DocType does not have: a clear error."""
	named = []
	for key in ("order_by", "group_by", "sort_by"):
		for part in str(frappe.form_dict.get(key) or "").split(","):
			words = part.split()
			if words and (len(words) == 1 or (len(words) == 2 and words[1].lower() in ("asc", "desc"))):
				named.append(words[0])
	if frappe.form_dict.get("field") and method == "frappe.desk.listview.get_group_by_count":
		if frappe.form_dict.field not in ("assigned_to", "owner"):
			named.append(frappe.form_dict.field)
	for fieldname in named:
		if not is_column(doctype, fieldname):
			frappe.throw(
				_("{0} has no field {1}.").format(frappe.bold(_(doctype)), frappe.bold(fieldname)),
				frappe.ValidationError,
				title=_("Invalid Request"),
			)


def refuse(key: str):
	frappe.throw(
		_("{0} is not valid JSON; nothing was saved.").format(frappe.bold(key)),
		frappe.ValidationError,
		title=_("Invalid Request"),
	)


def rewrite_malformed_body(response=None, request=None):
	if (
		response is None
		or request is None
		or response.status_code != MALFORMED_BODY_STATUS
		or not request.is_json
	):
		return
	body = request.get_data(as_text=True)
	if not body or _is_json(body):
		return
	set_language(request)
	message = _("The request body is not valid JSON; nothing was saved.")
	response.status_code = 400
	response.set_data(
		json.dumps(
			{
				"exc_type": "ValidationError",
				"exception": f"frappe.exceptions.ValidationError: {message}",
				"_server_messages": json.dumps(
					[json.dumps({"message": message, "title": _("Invalid Request"), "indicator": "red"})]
				),
			}
		)
	)
	response.headers["Content-Type"] = "application/json"


def set_language(request):
	"""The request failed before Frappe chose a language: take `_lang` or Accept-Language."""
	from frappe.translate import get_all_languages, get_parent_language

	languages = set(get_all_languages())
	for lang in (request.args.get("_lang"), *request.accept_languages.values()):
		for candidate in (lang, lang and get_parent_language(lang), lang and lang.split("-")[0].lower()):
			if candidate in languages:
				frappe.local.lang = candidate
				return


def set_security_headers(response=None, request=None):
	"""after_request: a browser never guesses another type than the one served (an uploaded file
	that claims to be a PDF is never run as a page)."""
	if response is not None:
		response.headers["X-Content-Type-Options"] = "nosniff"


# --- CSRF for every session that can change data ------------------------------------------------
# Frappe 15 makes a session's CSRF token only when the desk (/app) is rendered and checks it only
# when there is one: a member, who never opens /app, had a session whose POSTs any page could
# forge. Every login now gets its token at once (the login request itself, after Frappe's own
# check), the member's pages put it in the page, and an unsafe request of a logged-in cookie
# session that still has none (one opened by an invitation link) is refused once.

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
LOGIN_PATHS = ("/api/method/login", "/api/method/logout")


def check_csrf(request) -> None:
	if (
		not request
		or request.method not in UNSAFE_METHODS
		or frappe.conf.ignore_csrf
		or frappe.session.user == "Guest"
		or frappe.get_request_header("Authorization")  # API key or token: no cookie to forge
		or frappe.session.data.get("csrf_token")
	):
		return
	frappe.sessions.generate_csrf_token()  # this login's token, or the next page load carries it
	if (
		request.path in LOGIN_PATHS
		or frappe.form_dict.get("cmd") == "login"
		or not request.cookies.get("sid")
	):
		return
	frappe.flags.disable_traceback = True
	frappe.throw(
		_("This page has expired: reload it and try again."), frappe.CSRFTokenError, title=_("Page Expired")
	)
