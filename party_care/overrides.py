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


# Number cards only read. Frappe 15 runs its report and list endpoints with @frappe.read_only()
# (served by the MariaDB replica when the site sets `read_from_replica`), but not the number card
# endpoint: the same endpoint, wrapped, so a large site's workspace reads from the replica.
# (Dashboard charts are left alone: Frappe's chart endpoint writes `last_synced_on`.)
@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc, filters, to_date=None):
	from frappe.desk.doctype.number_card.number_card import get_result

	return get_result(doc, filters, to_date)
