"""Malformed input gets a clear, translated 4xx — never a 500 — on the site's API.

Frappe 15 turns malformed JSON into a 500 in two places:

* the JSON arguments of whitelisted methods and of /api/resource (`doc` of apply_workflow and
  savedocs, `filters`, `or_filters`, `fields`, `data`): the method's own json.loads raises
  JSONDecodeError. `check_request` (a before_request hook) parses them first and refuses what
  is not JSON with a translated ValidationError (417);
* a request body sent as `application/json` that is not JSON: `frappe.app.make_form_dict`
  fails before any hook of an app runs. `rewrite_malformed_body` (an after_request hook, which
  Frappe runs on the error path too, after the transaction was rolled back) turns that 500
  into a 400 with a translated message.
"""

import json

import frappe
from frappe import _

JSON_ARGS = ("doc", "docs", "filters", "or_filters", "fields", "data")
# methods whose argument is always JSON (elsewhere a plain string may be a name: `doc` of the
# print view is a DocType, `filters` of get_value a document name)
JSON_ONLY = {
	"doc": {"frappe.model.workflow.apply_workflow", "frappe.desk.form.save.savedocs", "frappe.client.save",
		"frappe.client.insert", "frappe.client.submit"},
	"docs": {"frappe.client.insert_many", "frappe.client.bulk_update"},
	"filters": {"frappe.client.get_list", "frappe.client.get_count", "frappe.client.get", "frappe.desk.reportview.get",
		"frappe.desk.reportview.get_count", "frappe.desk.reportview.export_query",
		"frappe.desk.listview.get_group_by_count"},
}


def _is_json(text: str) -> bool:
	try:
		json.loads(text)
	except ValueError:
		return False
	return True


def check_request():
	"""before_request: a JSON argument that is not JSON is refused before the method runs."""
	request = getattr(frappe.local, "request", None)
	if not request or not request.path.startswith("/api/"):
		return
	method = request.path.split("/api/method/", 1)[1] if request.path.startswith("/api/method/") else None
	listing = request.method == "GET" and request.path.startswith("/api/resource/") and request.path.count("/") == 3
	for key in JSON_ARGS:
		value = frappe.form_dict.get(key)
		if not isinstance(value, str) or _is_json(value):
			continue
		if value.lstrip()[:1] in ("{", "[") or method in JSON_ONLY.get(key, ()) or (listing and key == "filters"):
			refuse(key)


def refuse(key: str):
	frappe.throw(
		_("{0} is not valid JSON; nothing was saved.").format(frappe.bold(key)),
		frappe.ValidationError,
		title=_("Invalid Request"),
	)


def rewrite_malformed_body(response=None, request=None):
	if response is None or request is None or response.status_code != 500 or not request.is_json:
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
