"""Map coordinates (frappe.geo.utils): the app's DocTypes have none."""

import frappe
from frappe import _

from party_care.guards.visibility import is_app_doctype


@frappe.whitelist()
def get_coords(doctype, filters, type):
	"""The app's DocTypes have no location: a clear refusal, not Frappe's SQL error."""
	if is_app_doctype(doctype):
		frappe.throw(_("{0} has no location fields.").format(_(doctype)))
	from frappe.geo.utils import get_coords as frappe_get_coords  # Frappe 15 (16 has no such endpoint)

	return frappe_get_coords(doctype, filters, type)
