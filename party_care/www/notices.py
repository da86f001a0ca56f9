import frappe
from frappe import _

from party_care.care_fund.notice import can_read_notices, current_notices

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/notices"
		raise frappe.Redirect
	if not can_read_notices():
		raise frappe.PermissionError(_("Only members of the organisation can read its public notices."))
	context.notices = current_notices()
	if frappe.db.exists("DocType", "Commendation"):
		from party_care.honours.notice import current_commendation_notices

		context.commendations = current_commendation_notices()
	context.title = _("Public Notices")
	context.no_breadcrumbs = True
	return context
