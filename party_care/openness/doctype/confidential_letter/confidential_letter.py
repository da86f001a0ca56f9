# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A member's confidential word to the organisation (向组织说说心里话, seed 003): written to his
branch secretary or to the party committee, read only by its addressee and the committee's
designated readers (party_care/openness/permissions.py), answered with a talk."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import now_datetime, today

from party_care.openness import letters

# what the writer sent: fixed once the letter is sent
SENT_FIELDS = (
	"member",
	"addressed_to",
	"subject",
	"letter_text",
	"wants_talk",
	"letter_date",
	"party_organization",
	"addressee_organization",
	"addressee_user",
)
# what only the app writes
STAMPS = ("status", "read_on", "read_by", "talk", "answered_on")


class ConfidentialLetter(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		addressed_to: DF.Literal["Branch Secretary", "Party Committee"]
		addressee_organization: DF.Link | None
		addressee_user: DF.Link | None
		answered_on: DF.Datetime | None
		close: DF.Check
		letter_date: DF.Date | None
		letter_text: DF.Text
		member: DF.Link
		member_name: DF.Data | None
		party_organization: DF.Link | None
		read_by: DF.Link | None
		read_on: DF.Datetime | None
		reply: DF.Text | None
		status: DF.Literal["Sent", "Read", "Talk Arranged", "Answered", "Closed"]
		subject: DF.Data | None
		talk: DF.Link | None
		talk_summary: DF.Text | None
		wants_talk: DF.Check

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before:
			self.keep_what_was_sent(before)
		else:
			self.validate_writer()
			self.set_addressee()
			self.start_fresh()
		self.update_status(before)

	def validate_writer(self):
		"""A member writes for himself: the writer is the session user's own member record."""
		if self.flags.ignore_permissions and self.member:
			return
		own = letters.my_member()
		if self.member and self.member != own:
			frappe.throw(
				_("You can write only in your own name."), frappe.PermissionError, title=_("Not Permitted")
			)
		self.member = own
		self.member_name, self.party_organization = frappe.db.get_value(
			"Member", own, ["full_name", "party_organization"]
		)

	def set_addressee(self):
		organization, user = letters.addressee(self.member, self.addressed_to)
		self.addressee_organization, self.addressee_user = organization, user
		self.letter_date = today()

	def start_fresh(self):
		for fieldname in (*STAMPS, "reply", "talk_summary", "close"):
			self.set(fieldname, None)
		self.status = "Sent"

	def keep_what_was_sent(self, before):
		for fieldname in SENT_FIELDS:
			if (self.get(fieldname) or "") != (before.get(fieldname) or ""):
				frappe.throw(
					_("{0} cannot be changed: a letter stays as its writer sent it.").format(
						bold(_(self.meta.get_label(fieldname)))
					),
					title=_("Not Editable"),
				)
		for fieldname in STAMPS:
			if not self.flags.stamped_by_app:
				self.set(fieldname, before.get(fieldname))
		if before.close and not self.close:
			self.close = 1  # a closed letter stays closed

	def update_status(self, before):
		if self.close:
			self.status = "Closed"
		elif self.reply and (not before or not before.reply):
			self.status = "Answered"
			self.answered_on = now_datetime()
		if self.close and not self.reply and not self.talk:
			frappe.throw(
				_("Reply to the writer or hold a talk before closing the letter."), title=_("Missing Values")
			)

	def after_insert(self):
		letters.tell_readers(self)
