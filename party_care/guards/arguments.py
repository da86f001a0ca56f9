"""The arguments of the app's whitelisted methods are what their signatures say — checked before the
method runs, with a translated 417 and nothing done (issue 19, item 5).

* Types: each annotated parameter of an app method (or of the app's override of a Frappe method)
  is validated the way `frappe.whitelist` validates it (Frappe's own `transform_parameter_types`,
  pydantic underneath), but refused in the user's language (Frappe's FrappeTypeError is English).
  So a signature *is* the check: `txt: str` refuses an object, `year: int` refuses "2026年".
* DocTypes: a parameter named like a DocType (`doctype`, `dt`, `reference_doctype`,
  `goal_doctype`) must name an existing one (Frappe fails with an ImportError or an SQL error, a
  500); an optional one may be empty (the desk sends `reference_doctype: ""`).
* JSON: `json_arg` reads an argument a client may send as JSON text or as the parsed value, and
  refuses what is not JSON or not of the shape the method needs (a list of names, an object).

`check_request_arguments` is called by the request guard (guards/request.py) for every call of a
method; the methods call `json_arg` themselves.
"""

import inspect
import json
import types
import typing

import frappe
from frappe import _, bold

from party_care.compat import NESTED_FILTERS

DOCTYPE_ARGS = ("doctype", "dt", "reference_doctype", "goal_doctype")


def app_function(method: str):
	"""The app's function that answers `method` (through hooks' override_whitelisted_methods), or None."""
	target = (frappe.get_hooks("override_whitelisted_methods", {}).get(method) or [method])[-1]
	if not isinstance(target, str) or not target.startswith("party_care."):
		return None
	try:
		return frappe.get_attr(target)
	except Exception:
		return None  # Frappe answers an unknown method itself


def check_request_arguments(method: str) -> None:
	fn = app_function(method)
	if fn is not None:
		check_form(fn)


def check_form(fn) -> None:
	"""The request's arguments (frappe.form_dict) against `fn`'s signature."""
	fn = inspect.unwrap(fn)
	params = inspect.signature(fn).parameters
	for name, param in params.items():
		if param.kind not in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
			continue
		value = frappe.form_dict.get(name)
		if param.default is inspect.Parameter.empty and value is None:  # an empty text is an argument
			invalid(_("{0} is missing.").format(bold(name)))
		if name not in frappe.form_dict:
			continue
		check_type(fn, name, param, value)
		if name in DOCTYPE_ARGS:
			check_doctype(name, value, required=param.default is inspect.Parameter.empty)


def check_type(fn, name: str, param: inspect.Parameter, value) -> None:
	if param.annotation is inspect.Parameter.empty or (
		value is None and param.default is not inspect.Parameter.empty
	):
		return
	from frappe.utils.typing_validations import transform_parameter_types

	try:
		transform_parameter_types(fn, (), {name: value})
	except TypeError:  # FrappeTypeError
		invalid(_("{0} must be {1}.").format(bold(name), describe(param.annotation)))


def describe(annotation) -> str:
	"""An annotation in words: `str | None` → "a text"."""
	if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
		words = [describe(a) for a in typing.get_args(annotation) if a is not type(None)]
		out = words[0] if words else ""
		for word in words[1:]:
			out = _("{0} or {1}").format(out, word)
		return out
	origin = typing.get_origin(annotation) or annotation
	return {
		str: _("a text"),
		int: _("a whole number"),
		float: _("a number"),
		bool: _("0 or 1"),
		list: _("a list"),
		dict: _("an object"),
	}.get(origin, getattr(origin, "__name__", str(origin)))


def check_doctype(name: str, value, required: bool) -> None:
	if value in (None, "") and not required:
		return
	if not isinstance(value, str) or not value or len(value) > 140 or not frappe.db.exists("DocType", value):
		text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
		frappe.throw(
			_("{0}: {1} is not a DocType.").format(bold(name), bold(frappe.utils.escape_html(text[:80]))),
			frappe.DoesNotExistError,
			title=_("Invalid Request"),
		)


def json_arg(value, name: str, shape: type | tuple = list, items: type | None = None, default=None):
	"""An argument sent as JSON text or already parsed: the parsed value, of `shape` (list, dict or
	both; a list's members of `items`), or a translated 417. None or "" gives `default` (the text
	"null" does not: it is not a list — confirm_lines took it for "all lines")."""
	if value is None or value == "":
		return default
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			invalid(_("{0} is not valid JSON; nothing was saved.").format(bold(name)))
	if not isinstance(value, shape) or (
		items is not None
		and isinstance(value, list)
		and not all(isinstance(v, items) and v != "" for v in value)
	):
		what = {list: _("a list"), dict: _("an object")}.get(shape, _("a list or an object"))
		if items is str:
			what = _("a list of names")
		invalid(_("{0} must be {1}.").format(bold(name), what))
	return value


SCALARS = (str, int, float, bool, type(None))


def filters_arg(value, name: str = "filters", doctype: str | None = None):
	"""Filters as Frappe takes them — {field: value or [operator, value]}, or a list of
	[doctype, field, operator, value] / [field, operator, value] / [field, value] — parsed; any
	other shape a translated 417 (Frappe fails on it inside its query builder: a 500). With a
	`doctype`, each field must be one it has."""
	filters = json_arg(value, name, (dict, list))
	if filters is None:
		return None
	if isinstance(filters, dict):
		ok = _is_filter_dict(filters)
	else:
		rows = [filters] if filters and all(isinstance(v, SCALARS) for v in filters) else filters
		ok = _is_filter_list(rows)
	if not ok:
		invalid(
			_("{0} are not filters: give {{field: value}} or a list of [field, operator, value].").format(
				bold(name)
			)
		)
	if doctype:
		check_filter_fields(doctype, filters)
	return filters


LOGIC = ("and", "or")


def _is_filter_dict(filters: dict) -> bool:
	return all(_is_filter_value(v) or _is_operator_pair(v) for v in filters.values())


def _is_filter_list(rows: list, depth: int = 0) -> bool:
	"""Rows of conditions; where this Frappe takes nested logic (compat.NESTED_FILTERS), also
	[condition, "and"/"or", condition, …] with a condition a row, a filter object or such a list."""
	if not NESTED_FILTERS or depth > 4:
		return all(_is_filter_row(row) for row in rows)

	def condition(r) -> bool:
		return (
			_is_filter_row(r)
			or (isinstance(r, dict) and _is_filter_dict(r))
			or (isinstance(r, list) and bool(r) and _is_filter_list(r, depth + 1))
		)

	if any(isinstance(r, str) for r in rows):
		return len(rows) % 2 == 1 and all(
			(isinstance(r, str) and r.lower() in LOGIC) if i % 2 else condition(r) for i, r in enumerate(rows)
		)
	return all(condition(r) for r in rows)


def _is_filter_value(value) -> bool:
	return isinstance(value, SCALARS) or (
		isinstance(value, list) and all(isinstance(v, SCALARS) for v in value)
	)


def _is_operator_pair(value) -> bool:
	return (
		isinstance(value, list)
		and len(value) == 2
		and isinstance(value[0], str)
		and _is_filter_value(value[1])
	)


def _is_filter_row(row) -> bool:
	return (
		isinstance(row, list)
		and 2 <= len(row) <= 5
		and all(isinstance(v, str) for v in row[: min(len(row) - 1, 3)])
		and all(_is_filter_value(v) for v in row[3:] if len(row) > 3)
		and _is_filter_value(row[-1])
	)


def check_filter_fields(doctype: str, filters) -> None:
	"""Filters (a dict or a list, parsed) name only fields their DocTypes have."""
	for dt, fieldname in _filter_fields(doctype, filters):
		if not is_column(dt, fieldname):
			frappe.throw(
				_("{0} has no field {1} to filter on.").format(bold(_(dt)), bold(fieldname)),
				frappe.ValidationError,
				title=_("Invalid Request"),
			)


def _filter_fields(doctype, filters):
	if isinstance(filters, dict):
		for fieldname in filters:
			yield doctype, fieldname
	elif isinstance(filters, list):
		for f in filters:
			if (
				isinstance(f, list | tuple)
				and len(f) >= 4
				and isinstance(f[0], str)
				and isinstance(f[1], str)
			):
				yield f[0], f[1]
			elif isinstance(f, list | tuple) and len(f) >= 2 and isinstance(f[0], str):
				yield doctype, f[0]


def is_column(doctype: str, fieldname) -> bool:
	from frappe.model import child_table_fields, default_fields, optional_fields

	if not isinstance(fieldname, str):
		return False
	if not fieldname.isidentifier():
		return True  # an expression or a `table`.`field`: Frappe's own checks apply
	if not frappe.db.exists("DocType", doctype):
		return False
	meta = frappe.get_meta(doctype)
	return fieldname in (*default_fields, *child_table_fields, *optional_fields) or bool(
		meta.get_field(fieldname)
	)


def text_arg(value, name: str, limit: int, required: bool = True) -> str:
	"""A name-like text (a tag, a subject): not empty when required, at most `limit` characters."""
	value = (value or "").strip() if isinstance(value, str) or value is None else value
	if not isinstance(value, str):
		invalid(_("{0} must be {1}.").format(bold(name), _("a text")))
	if required and not value:
		invalid(_("{0} is missing.").format(bold(name)))
	if len(value) > limit:
		frappe.throw(
			_("{0} is too long: at most {1} characters, {2} given.").format(bold(name), limit, len(value)),
			frappe.CharacterLengthExceededError,
			title=_("Too Long"),
		)
	return value


def invalid(message: str):
	frappe.throw(message, frappe.ValidationError, title=_("Invalid Request"))
