import frappe
from frappe import _

from party_care import portal
from party_care.openness import disclosure

no_cache = 1


def get_context(context):
	portal.portal_context(context, "/my-care/disclosures", _("Party Affairs Disclosure"))
	context.disclosures = disclosure.my_disclosures()
	name = frappe.form_dict.get("name")
	context.doc = None
	if name:
		if not isinstance(name, str) or name not in {d.name for d in context.disclosures}:
			frappe.throw(
				_("This disclosure is not published to you."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		context.doc = frappe.get_doc(disclosure.DISCLOSURE, name)
		context.doc.check_permission("read")
	return context
