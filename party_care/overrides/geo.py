"""Map coordinates (frappe.geo.utils): the app's DocTypes have none."""

import frappe
from frappe import _

from party_care.compat import frappe_endpoint
from party_care.guards.arguments import filters_arg
from party_care.guards.visibility import is_app_doctype


@frappe.whitelist()
def get_coords(doctype: str, filters: str | dict | list, type: str, **kwargs):
	"""The app's DocTypes have no location: a clear refusal, not Frappe's SQL error."""
	if is_app_doctype(doctype):
		frappe.throw(_("{0} has no location fields.").format(_(doctype)))
	frappe_get_coords = frappe_endpoint("frappe.geo.utils.get_coords")  # Frappe 15 (16 has no such endpoint)
	return frappe.call(
		frappe_get_coords, doctype, filters_arg(filters, "filters", doctype) or [], type, **kwargs
	)
