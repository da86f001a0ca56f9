"""What Frappe attaches to a record of the app — comments, likes, tags, assignments, follows,
attachments, relinked e-mails — is written only by who may write the record (README,
"Permissions"). Frappe 15 asks only for read (`add_comment`, `toggle_like`, `assign_to.add`,
`attach_file`), for nothing at all (`follow_document`, `email.relink`, web comments), or asks
and ignores the answer (`upload_file`); ToDo, Tag Link, Document Follow, File and Event rows
can also be inserted over REST by any user. So the rule sits on those DocTypes' own events
(hooks `doc_events`), whatever the route, and the few endpoints that fail before reaching them
are wrapped (hooks `override_whitelisted_methods`).

The app's own code (a visit's to-do for the secretary, a member's files on his application)
either runs as a user who may write the record or says so with `as_the_app()`. The document-
follow digest (built by a scheduled job from Version diffs) leaves out what the follower may not
read: `install_digest_filter()` (through `party_care.guards.install`) runs before every job and request.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import get_fullname

from party_care.compat import NO_OBJECTION
from party_care.guards.files import check_content, on_file_validate
from party_care.guards.visibility import hidden_fields, hidden_tables, is_app_doctype, is_app_record

# Comment types a user writes himself; the others are written by Frappe for an action that has
# its own check (an attachment, an assignment, a share, a workflow step, an edit).
USER_COMMENTS = ("Comment", "Like")


@contextmanager
def as_the_app():
	"""The app's own code attaching something to a record (e.g. a to-do for the secretary when a
	member reports an event): the rule below is for what users do through Frappe."""
	previous = frappe.flags.party_care_app_write
	frappe.flags.party_care_app_write = True
	try:
		yield
	finally:
		frappe.flags.party_care_app_write = previous


def check_may_write(doctype, name, what: str) -> None:
	"""Refuse (403) attaching `what` to an app record the session user may not write."""
	if not is_app_record(doctype, name) or frappe.flags.party_care_app_write:
		return
	if frappe.session.user == "Administrator":
		return
	if (
		not frappe.get_meta(doctype).istable
		and frappe.db.exists(doctype, name)
		and frappe.has_permission(doctype, "write", doc=name)
	):
		return
	frappe.throw(
		_("You may not add {0} to {1} {2}: only who may change the record may.").format(
			what, _(doctype), frappe.bold(name)
		),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


# --- doc_events ---------------------------------------------------------------------------------


def comment(doc, method=None):
	if doc.comment_type in USER_COMMENTS:
		check_may_write(doc.reference_doctype, doc.reference_name, _("a comment"))
		if (
			doc.is_new()
			and is_app_record(doc.reference_doctype, doc.reference_name)
			and not (frappe.flags.party_care_app_write)
		):
			# Frappe's add_comment takes the author from the client: on an app record it is who is
			# logged in, never a name he typed
			user = frappe.session.user
			doc.comment_email = frappe.db.get_value("User", user, "email") or user
			doc.comment_by = get_fullname(user)


def todo(doc, method=None):
	"""An assignment (ToDo) on an app record is made or changed by who may write the record; the
	assignee himself may still close his own."""
	if not is_app_record(doc.reference_type, doc.reference_name):
		return
	retargeted = not doc.is_new() and any(
		doc.has_value_changed(f) for f in ("reference_type", "reference_name", "allocated_to")
	)
	if doc.is_new() or retargeted or frappe.session.user != doc.allocated_to:
		check_may_write(doc.reference_type, doc.reference_name, _("an assignment"))


def tag_link(doc, method=None):
	check_may_write(doc.document_type, doc.document_name, _("a tag"))


def event(doc, method=None):
	for row in doc.get("event_participants") or []:
		check_may_write(row.reference_doctype, row.reference_docname, _("an event"))


def document_follow(doc, method=None):
	"""A follower gets the record's changes by mail: he must read the record, and only who may
	write it makes someone else follow it (Frappe does so for an assignee or a share)."""
	if not is_app_record(doc.ref_doctype, doc.ref_docname) or frappe.flags.party_care_app_write:
		return
	if not frappe.has_permission(doc.ref_doctype, "read", doc=doc.ref_docname, user=doc.user):
		frappe.throw(
			_("{0} cannot read {1} {2} and so cannot follow it.").format(
				frappe.bold(doc.user), _(doc.ref_doctype), frappe.bold(doc.ref_docname)
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if doc.user != frappe.session.user:
		check_may_write(doc.ref_doctype, doc.ref_docname, _("a follower"))


def file(doc, method=None):
	"""Files on an app record come from who may write it."""
	if not doc.is_folder and doc.is_new():
		check_may_write(doc.attached_to_doctype, doc.attached_to_name, _("a file"))
		on_file_validate(doc)


def file_has_permission(doc, ptype=None, user=None, debug=False):
	"""A File made from the URL of a private file, with no content of its own, would give its
	owner that file: only who may read a File of that URL may (checked while the new File still
	shows what the client sent; the e-mail dialog and `add_attachments` are wrapped below).
	A new File with content for an app record has its content checked here too: Frappe stores the
	file (and Frappe 16 parses a PDF, answering a broken one with a 500) before any validate hook."""
	if ptype != "create" or not doc.is_new() or doc.is_folder:
		return NO_OBJECTION
	if doc.get("content"):
		if is_app_doctype(doc.attached_to_doctype):
			from frappe.core.doctype.file.utils import decode_file_content

			content = decode_file_content(doc.content) if doc.get("decode") else doc.content
			check_content(doc.file_name or doc.file_url or "", content)
		return NO_OBJECTION
	if not (doc.file_url or "").startswith("/private/"):
		return NO_OBJECTION
	if not may_read_file_url(doc.file_url, user):
		frappe.throw(
			_("You may not attach a file you cannot read."), frappe.PermissionError, title=_("Not Permitted")
		)
	return NO_OBJECTION


def may_read_file_url(file_url: str, user: str | None = None) -> bool:
	from frappe.core.doctype.file.file import has_permission

	originals = frappe.get_all("File", filters={"file_url": file_url}, pluck="name")
	return not originals or any(
		has_permission(frappe.get_doc("File", name), "read", user=user) for name in originals
	)


def check_may_read_files(attachments) -> None:
	"""Attachments named by File name (Frappe copies each to a new File): only Files the user may read."""
	for attachment in frappe.parse_json(attachments) or []:
		if isinstance(attachment, str) and not frappe.has_permission("File", "read", doc=attachment):
			frappe.throw(
				_("You may not attach a file you cannot read."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)


# --- the document-follow digest -------------------------------------------------------------------


def install_digest_filter() -> None:
	"""Before every background job: the digest's Version diffs go through `digest_changes`."""
	from frappe.desk.form import document_follow

	if getattr(document_follow.get_version, "_party_care", False):
		return
	original = document_follow.get_version

	def get_version(doctype, doc_name, frequency, user):
		return digest_changes(doctype, doc_name, user, original(doctype, doc_name, frequency, user))

	get_version._party_care = True
	document_follow.get_version = get_version


def digest_changes(doctype, doc_name, user, items: list[dict]) -> list[dict]:
	"""The digest's entries for an app record without the fields (and table rows) `user` may not
	read, and none at all for a record he no longer reads."""
	if not is_app_doctype(doctype):
		return items
	if not frappe.has_permission(doctype, "read", doc=doc_name, user=user):
		return []
	hidden, tables = hidden_fields(doctype, user=user), hidden_tables(doctype, user=user)
	kept = []
	for item in items:
		data = item.get("data") or {}
		if item.get("type") == "field changed" and data.get("field") in hidden:
			continue
		if item.get("type") == "row changed" and data.get("table_field") in tables:
			continue
		if item.get("type") == "row added" and data.get("to") in tables:
			continue
		kept.append(item)
	return kept
