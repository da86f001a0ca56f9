import frappe
from frappe import _
from frappe.utils import fmt_money, format_date

from party_care.care_fund.notice import can_read_notices, current_notices, my_objections

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/notices"
		raise frappe.Redirect
	if not can_read_notices():
		raise frappe.PermissionError(_("Only members of the organisation can read its public notices."))
	# what he objected to stays marked after a reload (he need not send it again)
	mine = {}
	for o in my_objections():
		mine.setdefault(o.reference_name, o)
	for o in mine.values():
		o.said = _("You objected on {0}: {1}").format(format_date(o.raised_on), o.status_label)
	context.notices = [
		{"name": n.name, "objection": mine.get(n.name), "cells": [n.member_name, n.party_organization, n.purpose_label,
			fmt_money(n.amount_approved), format_date(n.notice_end)]}
		for n in current_notices()
	]
	context.commendations = []
	if frappe.db.exists("DocType", "Commendation"):
		from party_care.honours.notice import current_commendation_notices

		context.commendations = [
			{"name": c.name, "objection": mine.get(c.name), "cells": [c.recipient_name, c.party_organization, c.award_label, c.year,
				format_date(c.notice_end)]}
			for c in current_commendation_notices()
		]
	context.title = _("Public Notices")
	context.no_breadcrumbs = True
	return context
