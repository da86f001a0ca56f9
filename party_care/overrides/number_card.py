"""Number cards (frappe.desk.doctype.number_card): read from the replica."""

import frappe


# Number cards only read. Frappe 15 runs its report and list endpoints with @frappe.read_only()
# (served by the MariaDB replica when the site sets `read_from_replica`), but not the number card
# endpoint: the same endpoint, wrapped, so a large site's workspace reads from the replica.
# (Dashboard charts are left alone: Frappe's chart endpoint writes `last_synced_on`.)
@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc, filters, to_date=None):
	from frappe.desk.doctype.number_card.number_card import get_result

	return get_result(doc, filters, to_date)
