from frappe import _

from party_care import portal

no_cache = 1


def get_context(context):
	portal.portal_context(context, "/my-care/apply", _("Apply for Help"))
	context.funds = portal.funds()
	context.purposes = portal.purposes()
	context.max_files = portal.MAX_FILES
	return context
