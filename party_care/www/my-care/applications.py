from frappe import _

from party_care import portal
from party_care.controllers.notice import my_objections

no_cache = 1


def get_context(context):
	member = portal.portal_context(context, "/my-care/applications", _("My Applications"))
	context.applications = portal.my_applications(member)
	context.objections = my_objections()
	return context
