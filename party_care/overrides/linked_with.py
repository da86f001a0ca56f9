"""Linked documents (frappe.desk.form.linked_with): only those the user may read."""

import frappe
from frappe import _
from frappe.desk.form import linked_with as frappe_linked_with


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str, **kwargs):
	"""Frappe walks every submitted document linked to this one, unscoped. Name only those the
	user may read, and only for a document he may read."""
	if not frappe.has_permission(doctype, "read", doc=name):
		frappe.throw(_("You cannot read {0} {1}.").format(_(doctype), name), frappe.PermissionError)
	result = frappe.call(frappe_linked_with.get_submitted_linked_docs, doctype, name, **kwargs)
	docs = [d for d in result["docs"] if frappe.has_permission(d["doctype"], "read", doc=d["name"])]
	return {"docs": docs, "count": len(docs)}
