# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Psychological care for a member after a traumatic event (seed 003: 对遭受严重心理创伤的党员，
及时开展心理疏导和干预): talks or a referral, read only by the committee's designated readers
and the person made responsible (party_care/openness/permissions.py)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import today

from party_care.notify import notify

FIXED = ("member", "member_event", "trigger_reason", "opened_on")
STAMPS = ("talk", "closed_on")


class PsychologicalCarePlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessment: DF.Text | None
		closed_on: DF.Date | None
		closing_note: DF.SmallText | None
		member: DF.Link
		member_event: DF.Link | None
		member_name: DF.Data | None
		next_contact_date: DF.Date | None
		opened_on: DF.Date | None
		party_organization: DF.Link | None
		plan_notes: DF.Text | None
		plan_type: DF.Literal["", "Talks", "Referral", "Talks and Referral", "Not Needed"]
		referral_to: DF.Data | None
		responsible_user: DF.Link | None
		status: DF.Literal["To Assess", "Active", "Closed"]
		talk: DF.Link | None
		trigger_reason: DF.Link | None

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before:
			for fieldname in FIXED:
				self.set(fieldname, before.get(fieldname))
			if not self.flags.stamped_by_app:
				for fieldname in STAMPS:
					self.set(fieldname, before.get(fieldname))
		else:
			if not self.flags.from_event:
				self.member_event = self.trigger_reason = None
			self.opened_on = today()
		self.party_organization = frappe.db.get_value("Member", self.member, "party_organization")
		self.validate_responsible()
		self.validate_status(before)

	def validate_responsible(self):
		if not self.responsible_user:
			return
		if not frappe.db.get_value("User", self.responsible_user, "enabled"):
			frappe.throw(
				_("{0} is not an active user.").format(bold(self.responsible_user)), title=_("Invalid User")
			)
		if frappe.db.get_value("Member", self.member, "user") == self.responsible_user:
			frappe.throw(_("A member is not responsible for his own care plan."), title=_("Invalid User"))

	def validate_status(self, before):
		if self.status == "Active" and not self.plan_type:
			frappe.throw(
				_("Please choose the kind of care before the plan starts."), title=_("Missing Values")
			)
		if self.status == "Closed":
			if not self.closing_note:
				frappe.throw(_("Please write a closing note."), title=_("Missing Values"))
			if not before or before.status != "Closed":
				self.closed_on = today()
		elif before and before.status == "Closed":
			self.closed_on = None

	def on_update(self):
		if self.responsible_user and self.has_value_changed("responsible_user"):
			notify([self.responsible_user], _("You are responsible for a psychological care plan."), self)
