from frappe import _

from party_care import portal

no_cache = 1


def get_context(context):
	member = portal.portal_context(context, "/my-care/applications", _("My Applications"))
	context.applications = portal.my_applications(member)
	return context
