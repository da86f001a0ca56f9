# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Party-dues relief (党费减免, seed 004): the branch discusses, the general branch gives its
opinion (skipped when the branch sits directly under the committee), the committee approves.
The route is the Workflow in party_care/workflow/dues_relief_application.json."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from party_care.controllers.approval import ApprovalRoute
from party_care.exceptions import SelfApprovalError

DRAFT, BRANCH, GENERAL, COMMITTEE = (
	"Draft",
	"Branch Discussion",
	"General Branch Opinion",
	"Committee Approval",
)
APPROVED, REJECTED = "Approved", "Rejected"


class DuesReliefApplication(ApprovalRoute, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		applied_by: DF.Link | None
		branch_discussion_date: DF.Date | None
		branch_opinion: DF.SmallText | None
		committee_decision: DF.SmallText | None
		committee_meeting_date: DF.Date | None
		decided_by: DF.Link | None
		general_branch: DF.Link | None
		general_branch_opinion: DF.SmallText | None
		hardship_case: DF.Link | None
		member: DF.Link
		member_name: DF.Data | None
		monthly_dues: DF.Currency
		party_organization: DF.Link | None
		period_from: DF.Date
		period_to: DF.Date
		reason: DF.SmallText
		reduced_dues: DF.Currency
		rejection_reason: DF.SmallText | None
		relief_type: DF.Literal["Reduction", "Exemption"]
		return_reason: DF.SmallText | None
		workflow_state: DF.Link | None
	# end: auto-generated types
	FINAL_STATES = (APPROVED, REJECTED)
	EDITABLE = {
		DRAFT: {
			"member",
			"hardship_case",
			"relief_type",
			"monthly_dues",
			"reduced_dues",
			"period_from",
			"period_to",
			"reason",
		},
		BRANCH: {"branch_discussion_date", "branch_opinion", "return_reason", "rejection_reason"},
		GENERAL: {"general_branch_opinion", "return_reason", "rejection_reason"},
		COMMITTEE: {"committee_meeting_date", "committee_decision", "return_reason", "rejection_reason"},
	}
	SET_BY_CONTROLLER = {"general_branch", "decided_by", "member_name", "party_organization"}
	STAMPS = ("decided_by",)
	TRANSITIONS = {
		(DRAFT, BRANCH): None,
		(BRANCH, GENERAL): "on_branch_discussion",
		(BRANCH, COMMITTEE): "on_branch_discussion",
		(GENERAL, COMMITTEE): "on_general_branch_opinion",
		(COMMITTEE, APPROVED): "on_committee_approval",
		(BRANCH, DRAFT): "on_return",
		(GENERAL, DRAFT): "on_return",
		(COMMITTEE, DRAFT): "on_return",
		(BRANCH, REJECTED): "on_reject",
		(GENERAL, REJECTED): "on_reject",
		(COMMITTEE, REJECTED): "on_reject",
	}

	def validate(self):
		if (
			self.flags.ignore_links
		):  # else fetched by Frappe's link check (fetch_from), before the permission check
			self.party_organization = frappe.db.get_value("Member", self.member, "party_organization")
		self.general_branch = general_branch_above(self.party_organization)
		self.validate_amounts()
		if (
			self.hardship_case
			and frappe.db.get_value("Hardship Case", self.hardship_case, "member") != self.member
		):
			frappe.throw(
				_("Hardship case {0} is about another member.").format(bold(self.hardship_case)),
				title=_("Invalid Hardship Case"),
			)
		self.validate_route()

	def validate_amounts(self):
		if flt(self.monthly_dues) <= 0:
			frappe.throw(_("Monthly Dues must be greater than zero."), title=_("Invalid Amount"))
		if self.relief_type == "Exemption":
			self.reduced_dues = 0
		elif not 0 < flt(self.reduced_dues) < flt(self.monthly_dues):
			frappe.throw(
				_("Reduced Monthly Dues must be more than zero and less than Monthly Dues."),
				title=_("Invalid Amount"),
			)
		if getdate(self.period_to) < getdate(self.period_from):
			frappe.throw(_("The period cannot end before it starts."), title=_("Invalid Date"))

	def on_branch_discussion(self):
		self.require("branch_discussion_date", "branch_opinion")
		if getdate(self.branch_discussion_date) > getdate(today()):
			frappe.throw(_("Branch Discussion Date cannot be in the future."), title=_("Invalid Date"))

	def on_general_branch_opinion(self):
		self.require("general_branch_opinion")
		secretary = frappe.db.get_value("Party Organization", self.general_branch, "secretary")
		user = frappe.db.get_value("Member", secretary, "user") if secretary else None
		if frappe.session.user not in (user, "Administrator"):
			frappe.throw(
				_("The opinion of {0} is given by its secretary.").format(bold(self.general_branch)),
				SelfApprovalError,
				title=_("Not Allowed"),
			)

	def on_committee_approval(self):
		self.require("committee_meeting_date", "committee_decision")
		self.decided_by = frappe.session.user


def general_branch_above(organization: str | None) -> str | None:
	"""The General Branch above a member's branch (or party group), if there is one."""
	lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return None
	return frappe.db.get_value(
		"Party Organization",
		{"lft": ["<", lft], "rgt": [">", rgt], "organization_type": "General Branch"},
		"name",
		order_by="lft desc",
	)
