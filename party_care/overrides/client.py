"""frappe.client: counts of the app's DocTypes only over what the user may list."""

import frappe
from frappe.client import get_count as frappe_get_count
from frappe.utils import cint

from party_care.guards.visibility import is_app_doctype


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""Frappe 15's frappe.client.get_count counts every row, whatever the user may read.
	For the app's DocTypes, count only what the user could list (permissions, user permissions,
	permission query conditions, readable fields)."""
	if not (is_app_doctype(doctype) or doctype == "File"):  # File: its app rows as their records
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(doctype, filters=frappe.parse_json(filters) if filters else None,
		fields=["count(*) as total"], limit_page_length=0, order_by=None)
	return cint(rows[0].total) if rows else 0
