# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Rest and study for honourees (seed 003: 组织党内表彰奖励获得者开展休假疗养、学习培训): an arrangement
offered to a member who was awarded, recorded against his Commendation — its kind, dates, place and
its status Offered → Accepted or Declined → Done.

The member, his organisation and the award come from the commendation (awarded, to a member), never
from the client; the organisation department records arrangements for everyone, a secretary for the
honourees of his subtree; the honouree reads his own (also on /my-care) and records nothing about
himself."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import getdate, today

from party_care.incentive import activities
from party_care.permissions import check_organization_in_scope

OFFERED, ACCEPTED, DECLINED, DONE = "Offered", "Accepted", "Declined", "Done"
NEXT = {
	OFFERED: {OFFERED, ACCEPTED, DECLINED},
	ACCEPTED: {ACCEPTED, DONE, DECLINED},
	DECLINED: {DECLINED},
	DONE: {DONE},
}


class HonourArrangement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_on: DF.Date | None
		arrangement_kind: DF.Literal["Rest and Recuperation", "Study and Training"]
		award_type: DF.Link | None
		commendation: DF.Link
		decline_reason: DF.SmallText | None
		details: DF.SmallText | None
		from_date: DF.Date
		member: DF.Link | None
		member_name: DF.Data | None
		party_organization: DF.Link | None
		place: DF.Data
		status: DF.Literal["Offered", "Accepted", "Declined", "Done"]
		to_date: DF.Date

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before and before.commendation != self.commendation:
			frappe.throw(
				_("An arrangement stays with the award it was offered for."), title=_("Not Editable")
			)
		self.set_from_commendation()
		self.check_not_own()
		activities.check_period(self.from_date, self.to_date)
		self.validate_status(before)

	def set_from_commendation(self):
		award = frappe.db.get_value(
			"Commendation",
			self.commendation,
			["workflow_state", "member", "recipient_name", "party_organization", "award_type"],
			as_dict=True,
		)
		if not award:
			frappe.throw(
				_("Commendation {0} does not exist.").format(bold(self.commendation)),
				frappe.DoesNotExistError,
			)
		if not self.flags.ignore_permissions and not frappe.has_permission(
			"Commendation", "read", doc=self.commendation
		):
			frappe.throw(
				_("You may not read commendation {0}.").format(bold(self.commendation)),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if award.workflow_state != "Awarded" or not award.member:
			frappe.throw(
				_("Rest and study are offered to members who were awarded; {0} is not such an award.").format(
					bold(self.commendation)
				),
				title=_("Invalid Commendation"),
			)
		self.member = award.member
		self.member_name = award.recipient_name
		self.award_type = award.award_type
		if self.is_new() or self.party_organization != award.party_organization:
			self.party_organization = award.party_organization
			check_organization_in_scope(self, self.party_organization)

	def check_not_own(self):
		user = frappe.db.get_value("Member", self.member, "user")
		if user and user == frappe.session.user and user != "Administrator":
			frappe.throw(
				_("You cannot record an arrangement for yourself."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def validate_status(self, before):
		old = before.status if before else OFFERED
		self.status = self.status or OFFERED
		if self.status not in NEXT.get(old, {old}):
			frappe.throw(
				_("An arrangement that is {0} cannot become {1}.").format(bold(_(old)), bold(_(self.status))),
				title=_("Invalid Status"),
			)
		if before is None and self.status != OFFERED:
			frappe.throw(_("An arrangement is first offered."), title=_("Invalid Status"))
		if self.status == DONE and getdate(self.from_date) > getdate(today()):
			frappe.throw(_("An arrangement that has not begun cannot be done."), title=_("Invalid Status"))
		if self.status != old and old == OFFERED:
			self.answered_on = today()
		if self.status != DECLINED:
			self.decline_reason = None

	def on_trash(self):
		if self.status != OFFERED:
			frappe.throw(_("Only an arrangement still offered can be deleted."), title=_("Not Allowed"))
