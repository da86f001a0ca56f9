# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A rectification within a deadline (限期整改, seed 004 三(一)1), opened by the app when a published
party-building grade calls for it: Open → Reported (the secretary concerned reports back) → Closed
by the committee or the organisation department (or sent back to Open with their opinion).
Overdue ones are reminded once by the daily job (party_care/incentive/rectification.py)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import getdate, today

from party_care import roles
from party_care.exceptions import SelfApprovalError
from party_care.incentive.assessment import secretary_user
from party_care.notify import notify, users_with_role

OPEN, REPORTED, CLOSED = "Open", "Reported", "Closed"
SET_BY_APP = (
	"assessment",
	"party_organization",
	"secretary",
	"secretary_name",
	"year",
	"grade",
	"reported_on",
	"closed_by",
	"closed_on",
	"overdue_reminded_on",
)
DECIDERS = {roles.ORGANIZATION_OFFICER, roles.COMMITTEE_MEMBER, "System Manager"}
# what may change in each status, by whom: "secretary" (the secretary concerned, or the department for
# him) or "deciders" (committee, organisation department)
EDITABLE = {
	OPEN: {
		"rectification_report": "secretary",
		"report_file": "secretary",
		"issues": "deciders",
		"due_date": "deciders",
	},
	REPORTED: {"closing_opinion": "deciders"},
	CLOSED: {},
}
MOVES = {(OPEN, REPORTED): "secretary", (REPORTED, CLOSED): "deciders", (REPORTED, OPEN): "deciders"}


class PartyBuildingRectification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessment: DF.Link
		closed_by: DF.Link | None
		closed_on: DF.Date | None
		closing_opinion: DF.SmallText | None
		due_date: DF.Date
		grade: DF.Data | None
		issues: DF.Text
		overdue_reminded_on: DF.Date | None
		party_organization: DF.Link
		rectification_report: DF.Text | None
		report_file: DF.Attach | None
		reported_on: DF.Date | None
		secretary: DF.Link | None
		secretary_name: DF.Data | None
		status: DF.Literal["Open", "Reported", "Closed"]
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if not before:
			if not self.flags.from_assessment:
				frappe.throw(
					_("A rectification is opened by a published assessment."), title=_("Not Allowed")
				)
			self.status = OPEN
			return
		for fieldname in SET_BY_APP:
			self.set(fieldname, before.get(fieldname))
		if self.status != before.status:
			self.move(before.status)
		self.validate_edits(before)

	def is_secretary(self) -> bool:
		return frappe.session.user == secretary_user(self.secretary)

	def may(self, who: str) -> bool:
		if frappe.session.user == "Administrator":
			return True
		deciders = bool(set(frappe.get_roles()) & DECIDERS)
		if who == "deciders":
			return deciders and not self.is_secretary()
		return self.is_secretary() or roles.ORGANIZATION_OFFICER in frappe.get_roles()

	def validate_edits(self, before):
		allowed = dict(EDITABLE.get(before.status, {}))
		if (before.status, self.status) == (REPORTED, OPEN):  # sent back: with a new due date
			allowed["due_date"] = "deciders"
		for fieldname in ("rectification_report", "report_file", "issues", "due_date", "closing_opinion"):
			if str(self.get(fieldname) or "") == str(before.get(fieldname) or ""):
				continue
			who = allowed.get(fieldname)
			if not who:
				frappe.throw(
					_("{0} cannot be changed while the rectification is {1}.").format(
						bold(_(self.meta.get_label(fieldname))), bold(_(before.status))
					),
					title=_("Not Editable"),
				)
			if not self.may(who):
				frappe.throw(
					_("{0} is filled in by {1}.").format(
						bold(_(self.meta.get_label(fieldname))),
						bold(_("the secretary concerned") if who == "secretary" else _("the committee")),
					),
					frappe.PermissionError,
					title=_("Not Permitted"),
				)

	def move(self, old: str):
		who = MOVES.get((old, self.status))
		if not who:
			frappe.throw(
				_("A rectification cannot go from {0} to {1}.").format(bold(_(old)), bold(_(self.status))),
				title=_("Not Allowed"),
			)
		if not self.may(who):
			if who == "deciders" and self.is_secretary():
				frappe.throw(
					_("You cannot close your own rectification."),
					SelfApprovalError,
					title=_("Self-Approval Not Allowed"),
				)
			frappe.throw(
				_("Only the secretary concerned reports back on a rectification.")
				if who == "secretary"
				else _("Only the committee or the organisation department closes a rectification."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if self.status == REPORTED:
			if not (self.rectification_report or "").strip():
				frappe.throw(
					_("Please write the rectification report before reporting back."),
					title=_("Missing Values"),
				)
			self.reported_on = today()
		elif not (self.closing_opinion or "").strip():
			frappe.throw(_("Please give the committee's opinion."), title=_("Missing Values"))
		elif self.status == CLOSED:
			self.closed_by, self.closed_on = frappe.session.user, today()
		else:  # sent back
			self.reported_on = None
			if getdate(self.due_date) < getdate(today()):
				frappe.throw(
					_("Sent back with a past due date: set a new Due Date."), title=_("Invalid Date")
				)
			self.overdue_reminded_on = None

	def on_update(self):
		secretary = secretary_user(self.secretary)
		if not self.get_doc_before_save():  # opened by the assessment
			notify(
				[secretary], _("A rectification is due by {0}: {1}").format(self.due_date, self.name), self
			)
			return
		if not self.has_value_changed("status"):
			return
		if self.status == REPORTED:
			notify(
				[
					u
					for u in users_with_role(roles.COMMITTEE_MEMBER)
					+ users_with_role(roles.ORGANIZATION_OFFICER)
					if u != secretary
				],
				_("{0} reported back on rectification {1}.").format(self.party_organization, self.name),
				self,
			)
		else:
			notify([secretary], _("Rectification {0} is now: {1}").format(self.name, _(self.status)), self)
