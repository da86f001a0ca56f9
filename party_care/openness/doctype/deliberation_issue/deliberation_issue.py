# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""An issue raised in the members' deliberation hall (党员议事厅, seed 003); see
party_care/openness/deliberation.py."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import getdate, today

from party_care.openness import deliberation

RAISED = ("title", "description", "raised_by")
HANDLING = ("meeting_date", "meeting", "discussion", "decision")
STAMPS = (
	"party_organization",
	"handling_organization",
	"raised_on",
	"escalated_on",
	"times_escalated",
	"decided_on",
	"decided_by",
	"status",
)


class DeliberationIssue(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		decided_by: DF.Link | None
		decided_on: DF.Date | None
		decision: DF.Text | None
		description: DF.Text
		discussion: DF.Text | None
		escalated_on: DF.Date | None
		handling_organization: DF.Link | None
		meeting: DF.Data | None
		meeting_date: DF.Date | None
		party_organization: DF.Link | None
		raised_by: DF.Link
		raised_by_name: DF.Data | None
		raised_on: DF.Date | None
		status: DF.Literal["Raised", "On Agenda", "Decided"]
		times_escalated: DF.Int
		title: DF.Data

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before:
			for fieldname in STAMPS:
				self.set(fieldname, before.get(fieldname))
			self.validate_changes(before)
		else:
			self.start()
		self.update_status(before)

	def start(self):
		if not self.flags.ignore_permissions:
			from party_care.openness.letters import my_member

			own = my_member()
			if self.raised_by and self.raised_by != own:
				frappe.throw(
					_("You can raise an issue only in your own name."),
					frappe.PermissionError,
					title=_("Not Permitted"),
				)
			self.raised_by = own
		self.party_organization = frappe.db.get_value("Member", self.raised_by, "party_organization")
		self.handling_organization = deliberation._branch_of_organization(self.party_organization)
		self.raised_on = today()
		self.times_escalated = 0
		for fieldname in (*HANDLING, "escalated_on", "decided_on", "decided_by"):
			self.set(fieldname, None)
		self.status = "Raised"

	def validate_changes(self, before):
		for fieldname in RAISED:
			if (self.get(fieldname) or "") != (before.get(fieldname) or ""):
				frappe.throw(
					_("{0} stays as the member raised it.").format(bold(_(self.meta.get_label(fieldname)))),
					title=_("Not Editable"),
				)
		changed = [f for f in HANDLING if (self.get(f) or "") != (before.get(f) or "")]
		if changed and not deliberation.may_decide(self):
			frappe.throw(
				_(
					"Only the secretary of {0} or of an organisation above it records the deliberation."
				).format(bold(self.handling_organization)),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if before.status == "Decided" and changed:
			frappe.throw(
				_("The decision has been made; raise a new issue to reopen it."), title=_("Not Editable")
			)

	def update_status(self, before):
		if self.meeting_date and getdate(self.meeting_date) < getdate(self.raised_on):
			frappe.throw(_("The meeting cannot be before the issue was raised."), title=_("Invalid Date"))
		if self.decision:
			if not self.meeting_date or not self.discussion:
				frappe.throw(
					_("Record the meeting and its discussion with the decision."), title=_("Missing Values")
				)
			if getdate(self.meeting_date) > getdate(today()):
				frappe.throw(_("A decision is recorded after the meeting."), title=_("Invalid Date"))
			if self.status != "Decided":
				self.status, self.decided_on, self.decided_by = "Decided", today(), frappe.session.user
		elif self.meeting_date:
			self.status = "On Agenda"

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Decided" and (not before or before.status != "Decided"):
			deliberation.tell_raiser(self)
