"""E-mail (frappe.core.doctype.communication.email, frappe.email): only files and records the user may use."""

import frappe
from frappe import _

from party_care.guards.side_writes import check_may_read_files, check_may_write


@frappe.whitelist()
def make_communication(doctype=None, name=None, attachments=None, **kwargs):
	"""Frappe's e-mail dialog: its `attachments` may name any File of the site."""
	from frappe.core.doctype.communication.email import make

	check_may_read_files(attachments)
	return make(doctype=doctype, name=name, attachments=attachments, **kwargs)


@frappe.whitelist()
def relink(name, reference_doctype=None, reference_name=None):
	"""Frappe moves any Communication to any record by raw SQL, unchecked: the e-mail must be one
	the user may read, and an app record on either end one he may write."""
	from frappe.email import relink as frappe_relink

	communication = frappe.get_doc("Communication", name)
	communication.check_permission("read")
	check_may_write(communication.reference_doctype, communication.reference_name, _("an e-mail"))
	check_may_write(reference_doctype, reference_name, _("an e-mail"))
	return frappe_relink(name, reference_doctype, reference_name)
