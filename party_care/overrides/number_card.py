"""Number cards (frappe.desk.doctype.number_card): read from the replica."""

import frappe
from frappe import _

from party_care.guards.arguments import check_doctype, filters_arg, invalid, json_arg


# Number cards only read. Frappe 15 runs its report and list endpoints with @frappe.read_only()
# (served by the MariaDB replica when the site sets `read_from_replica`), but not the number card
# endpoint: the same endpoint, wrapped, so a large site's workspace reads from the replica.
# (Dashboard charts are left alone: Frappe's chart endpoint writes `last_synced_on`.)
@frappe.whitelist()
@frappe.read_only()
def number_card_result(
	doc: str | dict, filters: str | dict | list | None = None, to_date: str | None = None, **kwargs
):
	"""`doc`: the card ({document_type, function, aggregate_function_based_on, …}) as JSON."""
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe._dict(
		json_arg(doc, "doc", dict) or invalid(_("{0} is missing.").format(frappe.bold("doc")))
	)
	check_doctype("doc.document_type", card.document_type, required=True)
	if card.parent_document_type:
		check_doctype("doc.parent_document_type", card.parent_document_type, required=True)
	if card.function not in FUNCTIONS:
		invalid(_("{0} must be one of {1}.").format(frappe.bold("doc.function"), ", ".join(FUNCTIONS)))
	if card.function != "Count" and not _is_field(card.document_type, card.aggregate_function_based_on):
		invalid(
			_("{0} has no field {1}.").format(
				frappe.bold(_(card.document_type)),
				frappe.bold(frappe.utils.escape_html(str(card.aggregate_function_based_on)[:80])),
			)
		)
	filters = filters_arg(filters, "filters", card.document_type) or []
	if isinstance(filters, dict):  # Frappe appends the date filter to a list
		filters = [
			[card.document_type, k, *(v if isinstance(v, list) else ["=", v])] for k, v in filters.items()
		]
	return frappe.call(get_result, card, filters, to_date, **kwargs)


FUNCTIONS = ("Count", "Sum", "Average", "Minimum", "Maximum")


def _is_field(doctype: str, fieldname) -> bool:
	return (
		isinstance(fieldname, str)
		and fieldname.isidentifier()
		and bool(frappe.get_meta(doctype).get_field(fieldname))
	)
