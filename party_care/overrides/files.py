"""Attachments copied onto a record (frappe.utils.file_manager)."""

import frappe
from frappe import _

from party_care.guards.side_writes import check_may_read_files, check_may_write


@frappe.whitelist()
def add_attachments(doctype, name, attachments):
	"""Frappe copies the named Files onto a record without asking whether they may be read."""
	from frappe.utils.file_manager import add_attachments as frappe_add_attachments

	check_may_read_files(attachments)
	check_may_write(doctype, name, _("a file"))
	return frappe_add_attachments(doctype, name, attachments)


@frappe.whitelist(allow_guest=True)
def upload_file(**kwargs):
	"""Frappe's upload: a file for an app record is checked by its content before Frappe stores it
	(Frappe would answer a disguised picture with a 500 from its image library)."""
	from frappe.handler import upload_file as frappe_upload_file

	from party_care.guards.files import check_content
	from party_care.guards.visibility import is_app_doctype

	doctype = frappe.form_dict.get("doctype")
	if is_app_doctype(doctype) and frappe.form_dict.get("docname"):
		# who may not change the record is refused before Frappe reads or stores anything
		check_may_write(doctype, frappe.form_dict.docname, _("a file"))
	if is_app_doctype(doctype) and frappe.request and "file" in frappe.request.files:
		upload = frappe.request.files["file"]
		content = upload.stream.read()
		upload.stream.seek(0)
		check_content(frappe.form_dict.get("file_name") or upload.filename, content)
	return frappe_upload_file()  # it reads frappe.form_dict itself and takes no arguments
