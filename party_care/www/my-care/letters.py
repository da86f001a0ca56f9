from frappe import _

from party_care import portal
from party_care.openness import letters

no_cache = 1


def get_context(context):
	member = portal.portal_context(context, "/my-care/letters", _("A Word to the Organisation"))
	context.letters = letters.my_letters(member)
	return context
