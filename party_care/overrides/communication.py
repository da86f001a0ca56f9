"""E-mail (frappe.core.doctype.communication.email, frappe.email): only files and records the user may use."""

import frappe
from frappe import _
from frappe.utils import escape_html, get_datetime

from party_care.guards.arguments import invalid, json_arg, text_arg
from party_care.guards.side_writes import check_may_read_files, check_may_write

SUBJECT_LENGTH = 2000  # a Small Text; MariaDB's TEXT column would fail beyond 64 KB (a 500)


@frappe.whitelist()
def make_communication(
	doctype: str | None = None,
	name: str | None = None,
	content: str | None = None,
	subject: str | None = None,
	sent_or_received: str = "Sent",
	sender: str | None = None,
	sender_full_name: str | None = None,
	recipients: str | list | None = None,
	communication_medium: str = "Email",
	send_email: bool = False,
	print_html: str | None = None,
	print_format: str | None = None,
	attachments: str | list | None = None,
	send_me_a_copy: bool = False,
	cc: str | list | None = None,
	bcc: str | list | None = None,
	read_receipt: bool | None = None,
	print_letterhead: bool = True,
	email_template: str | None = None,
	communication_type: str | None = None,
	send_after: str | None = None,
	print_language: str | None = None,
	now: bool = False,
	**kwargs,
):
	"""Frappe's e-mail dialog (its signature, typed, so a wrong type is a 417 not a 500; what a later
	Frappe adds — 16's raw_html, add_css, in_reply_to — passes through **kwargs): its `attachments`
	may name any File of the site."""
	from frappe.core.doctype.communication.email import make

	kwargs.pop("cmd", None)  # the request's method name, not an argument (Frappe's make warns of it)
	attachments = json_arg(attachments, "attachments", list, items=str | dict, default=None)
	check_may_read_files(attachments)
	if subject:
		text_arg(subject, "subject", SUBJECT_LENGTH)
	for doctype_of, value in (("Print Format", print_format), ("Language", print_language)):
		if (
			value
			and not (doctype_of == "Print Format" and value == "Standard")
			and not frappe.db.exists(doctype_of, value)
		):
			frappe.throw(
				_("{0}: {1} does not exist.").format(_(doctype_of), frappe.bold(escape_html(value[:80]))),
				frappe.DoesNotExistError,
				title=_("Invalid Request"),
			)
	if send_after:
		try:
			send_after = get_datetime(send_after)
		except (ValueError, TypeError, OverflowError):
			invalid(
				_("{0} is not a valid date and time: {1}.").format(
					frappe.bold("send_after"), escape_html(send_after[:40])
				)
			)
	return make(
		doctype=doctype,
		name=name,
		content=content,
		subject=subject,
		sent_or_received=sent_or_received,
		sender=sender,
		sender_full_name=sender_full_name,
		recipients=recipients,
		communication_medium=communication_medium,
		send_email=send_email,
		print_html=print_html,
		print_format=print_format,
		attachments=attachments,
		send_me_a_copy=send_me_a_copy,
		cc=cc,
		bcc=bcc,
		read_receipt=read_receipt,
		print_letterhead=print_letterhead,
		email_template=email_template,
		communication_type=communication_type,
		send_after=send_after,
		print_language=print_language,
		now=now,
		**kwargs,
	)


@frappe.whitelist()
def relink(name: str, reference_doctype: str | None = None, reference_name: str | None = None, **kwargs):
	"""Frappe moves any Communication to any record by raw SQL, unchecked: the e-mail must be one
	the user may read, and an app record on either end one he may write."""
	from frappe.email import relink as frappe_relink

	communication = frappe.get_doc("Communication", name)
	communication.check_permission("read")
	check_may_write(communication.reference_doctype, communication.reference_name, _("an e-mail"))
	check_may_write(reference_doctype, reference_name, _("an e-mail"))
	return frappe.call(frappe_relink, name, reference_doctype, reference_name, **kwargs)
