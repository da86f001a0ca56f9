from frappe import _

from party_care import portal

no_cache = 1


def get_context(context):
	member = portal.portal_context(context, "/my-care", _("My Record"))
	context.update(portal.my_record(member))
	return context
