"""Amount and text limits, declared once for every DocType of the app.

* Text: a Data field's `length` in its DocType JSON (Frappe checks those itself: varchar); a
  Small Text / Text / Long Text / Text Editor field may declare `length` too, otherwise the
  maximum of its type below (TEXT_LIMITS) applies — MariaDB would otherwise refuse a too long
  value with DataTooLongError, a 500.
* Amounts: no Currency or Float value of the app beyond MAX_AMOUNT (far below the column's
  range, decimal(21,9)); the upper bound per fund purpose is a setting (Party Care Settings,
  Limits by Purpose), checked by Fund Application.

`validate` runs for every document (doc_events "*": validate, before_update_after_submit) and
acts on the app's DocTypes, their child rows included: a translated ValidationError (HTTP 417)
and nothing saved.
"""

import frappe
from frappe import _, bold
from frappe.utils import cint, cstr, flt, fmt_money

MAX_AMOUNT = 100_000_000  # yuan
TEXT_LIMITS = {"Small Text": 2000, "Text": 10000, "Long Text": 20000, "Text Editor": 20000}


def is_app_doctype(doctype: str) -> bool:
	module = frappe.get_meta(doctype).module
	return frappe.local.module_app.get(frappe.scrub(module or "")) == "party_care"


def validate(doc, method=None):
	if not is_app_doctype(doc.doctype):
		return
	for row in (doc, *doc.get_all_children()):
		validate_row(row)


def validate_row(row) -> None:
	for df in row.meta.fields:
		value = row.get(df.fieldname)
		if value in (None, ""):
			continue
		if df.fieldtype in TEXT_LIMITS:
			limit = cint(df.length) or TEXT_LIMITS[df.fieldtype]
			if len(cstr(value)) > limit:
				frappe.throw(
					_("{0} is too long: at most {1} characters, {2} given.").format(
						bold(_(df.label)), limit, len(cstr(value))
					),
					frappe.CharacterLengthExceededError,
					title=_("Too Long"),
				)
		elif df.fieldtype in ("Currency", "Float") and abs(flt(value)) > MAX_AMOUNT:
			frappe.throw(
				_("{0} is out of range: at most {1}.").format(
					bold(_(df.label)), bold(fmt_money(MAX_AMOUNT, currency="CNY"))
				),
				title=_("Invalid Amount"),
			)
