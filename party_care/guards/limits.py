"""What a value of the app may be, declared once for every DocType of the app.

* Shape: a field holds one value — a list or an object where a text, number or date belongs is
  refused (MariaDB would fail on it: a 500).
* Text: a Data field's `length` in its DocType JSON (Frappe checks those itself: varchar); a
  Small Text / Text / Long Text / Text Editor field may declare `length` too, otherwise the
  maximum of its type below (TEXT_LIMITS) applies — MariaDB would otherwise refuse a too long
  value with DataTooLongError, a 500.
* Amounts: no Currency, Float or Percent value of the app beyond MAX_AMOUNT (far below the
  column's range, decimal(21,9)), nor NaN or infinity; the upper bound per fund purpose is a
  setting (Party Care Settings, Limits by Purpose), checked by Fund Application.
* Dates must be dates; a required link must be filled and a linked record must exist (Frappe
  15 skips that check for a link whose fields are fetched into the form, and checks mandatory
  fields only after the controllers, which read the linked record first).

`validate` runs for every document before its controller's own validation (doc_events "*":
before_validate, before_update_after_submit) and acts on the app's DocTypes and their child
rows: a translated ValidationError (HTTP 417) and nothing saved.
"""

import datetime
import math
import re

import frappe
from dateutil import parser as date_parser
from frappe import _, bold
from frappe.utils import cint, cstr, flt, fmt_money

from party_care.guards.visibility import is_app_doctype

MAX_AMOUNT = 100_000_000  # yuan
TEXT_LIMITS = {"Small Text": 2000, "Text": 10000, "Long Text": 20000, "Text Editor": 20000}
NUMBERS = ("Currency", "Float", "Percent")
DATES = ("Date", "Datetime")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$")


def validate(doc, method=None):
	if not is_app_doctype(doc.doctype):
		return
	for row in (doc, *doc.get_all_children()):
		validate_row(row)


def validate_row(row) -> None:
	for df in row.meta.fields:
		value = row.get(df.fieldname)
		if value in (None, "") and df.fieldtype == "Link" and df.reqd and not df.read_only and not df.default:
			# controllers read the linked record first: say what is missing before they do
			frappe.throw(
				_("{0} is required.").format(bold(_(df.label or df.fieldname))),
				frappe.MandatoryError,
				title=_("Missing Values"),
			)
		if value in (None, "") or df.fieldtype in ("Table", "Table MultiSelect"):
			continue
		label = bold(_(df.label or df.fieldname))
		if isinstance(value, dict | list | tuple | set):
			invalid(_("{0} must be a single value.").format(label))
		if df.fieldtype in TEXT_LIMITS:
			limit = cint(df.length) or TEXT_LIMITS[df.fieldtype]
			if len(cstr(value)) > limit:
				frappe.throw(
					_("{0} is too long: at most {1} characters, {2} given.").format(
						label, limit, len(cstr(value))
					),
					frappe.CharacterLengthExceededError,
					title=_("Too Long"),
				)
		elif df.fieldtype in NUMBERS:
			number = flt(value)
			if not math.isfinite(number) or abs(number) > MAX_AMOUNT:
				invalid(
					_("{0} is out of range: at most {1}.").format(
						label, bold(fmt_money(MAX_AMOUNT, currency="CNY"))
					)
				)
		elif df.fieldtype in DATES:
			if not is_date(value):
				invalid(
					_("{0} is not a valid date: {1}.").format(
						label, frappe.utils.escape_html(cstr(value)[:40])
					)
				)
		elif df.fieldtype == "Link" and df.options and not frappe.db.exists(df.options, value, cache=True):
			frappe.throw(
				_("{0}: {1} does not exist.").format(label, frappe.utils.escape_html(cstr(value)[:140])),
				frappe.LinkValidationError,
				title=_("Invalid Value"),
			)


def invalid(message: str):
	frappe.throw(message, title=_("Invalid Value"))


def is_date(value) -> bool:
	if isinstance(value, datetime.date):
		return True
	if ISO_DATE.match(cstr(value)):  # what forms and the API send: checked without the parser
		try:
			datetime.datetime.fromisoformat(cstr(value))
		except ValueError:
			return False
		return True
	try:
		date_parser.parse(cstr(value))
	except (ValueError, OverflowError):
		return False
	return True
