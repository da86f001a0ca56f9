from frappe import _

from party_care import portal

no_cache = 1


def get_context(context):
	member = portal.portal_context(context, "/my-care/report-event", _("Report an Event"))
	context.colleagues = portal.branch_colleagues(member)
	context.event_types = portal.event_types()
	context.today = portal.today()
	return context
