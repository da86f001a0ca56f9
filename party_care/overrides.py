"""Whitelisted-method overrides: small fixes where Frappe 15's generic API would bypass the
app's permission model."""

import frappe
from frappe.client import get_count as frappe_get_count
from frappe.utils import cint


def _is_app_doctype(doctype: str) -> bool:
	module = frappe.db.get_value("DocType", doctype, "module")
	return bool(module) and frappe.local.module_app.get(frappe.scrub(module)) == "party_care"


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""Frappe 15's frappe.client.get_count counts every row, whatever the user may read.
	For the app's DocTypes, count only what the user could list (permissions, user permissions,
	permission query conditions)."""
	if not _is_app_doctype(doctype):
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(doctype, filters=frappe.parse_json(filters) if filters else None,
		fields=["count(*) as total"], limit_page_length=0, order_by=None)
	return cint(rows[0].total) if rows else 0
