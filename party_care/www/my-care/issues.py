from frappe import _

from party_care import portal
from party_care.openness import deliberation

no_cache = 1


def get_context(context):
	member = portal.portal_context(context, "/my-care/issues", _("Members' Deliberation Hall"))
	context.issues = deliberation.branch_issues(member)
	return context
