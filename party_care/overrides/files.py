"""Attachments copied onto a record (frappe.utils.file_manager), and the desk's upload."""

import os

import frappe
from frappe import _
from frappe.utils import escape_html

from party_care.guards.arguments import check_form, json_arg
from party_care.guards.side_writes import check_may_read_files, check_may_write


@frappe.whitelist()
def add_attachments(doctype: str, name: str, attachments: str | list, **kwargs):
	"""Frappe copies the named Files onto a record without asking whether they may be read."""
	from frappe.utils.file_manager import add_attachments as frappe_add_attachments

	attachments = json_arg(attachments, "attachments", list, items=str, default=[])
	check_may_read_files(attachments)
	check_may_write(doctype, name, _("a file"))
	return frappe.call(frappe_add_attachments, doctype, name, attachments, **kwargs)


@frappe.whitelist(allow_guest=True)
def upload_file(**kwargs):
	"""Frappe's upload, checked first (check_upload). Frappe's reads its arguments from the request
	itself and takes none (passing the form's own was a TypeError, a 500): whatever the client sent
	lands in **kwargs and is left there. Reached by its full name and by the short `upload_file` the
	desk's uploader posts to (hooks); v2's `/api/v2/method/upload_file` goes to Frappe's function
	directly, so the request guard runs check_upload there."""
	from frappe.handler import upload_file as frappe_upload_file

	check_upload()
	return frappe_upload_file()


def check_upload():
	"""The upload's arguments are of their types; a file for an app record comes from who may write
	the record, is uploaded (not linked) and is what it claims by its content (Frappe would answer a
	disguised picture with a 500 from its image library); a file named by URL exists."""
	from party_care.guards.files import check_content
	from party_care.guards.visibility import is_app_doctype

	check_form(_upload_arguments)
	uploaded = bool(frappe.request and "file" in frappe.request.files)
	doctype = frappe.form_dict.get("doctype")
	if is_app_doctype(doctype):
		check_may_write(doctype, frappe.form_dict.get("docname"), _("a file"))
		if not uploaded:
			frappe.throw(_("Files on these records are uploaded, not linked."), title=_("Invalid File"))
		upload = frappe.request.files["file"]
		content = upload.stream.read()
		upload.stream.seek(0)
		check_content(frappe.form_dict.get("file_name") or upload.filename, content)
	file_url = frappe.form_dict.get("file_url")
	if (
		file_url
		and not uploaded
		and not frappe.form_dict.get("library_file_name")
		and not local_file_exists(file_url)
	):
		frappe.throw(
			_("There is no file at {0}.").format(frappe.bold(escape_html(file_url[:200]))),
			frappe.DoesNotExistError,
			title=_("Invalid Request"),
		)


def _upload_arguments(
	doctype: str | None = None,
	docname: str | None = None,
	fieldname: str | None = None,
	file_url: str | None = None,
	folder: str | None = None,
	is_private: bool | None = None,
	file_name: str | None = None,
	optimize: bool | None = None,
	max_width: int | None = None,
	max_height: int | None = None,
	method: str | None = None,
	library_file_name: str | None = None,
):
	"""What Frappe's upload reads from the request (frappe/handler.py), typed: checked, never called."""


def local_file_exists(file_url: str) -> bool:
	"""A site file named by its URL exists on disk (Frappe: a FileNotFoundError, a 500). Other
	URLs are left to Frappe."""
	path = file_url.split("?", 1)[0].lstrip("/")
	if path.startswith("private/files/"):
		full = frappe.get_site_path(path)
	elif path.startswith("files/"):
		full = frappe.get_site_path("public", path)
	else:
		return True
	return ".." not in path and os.path.isfile(full)
