# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care Payment Batch (慰问金发放批次): Draft → Branch Confirmation → Department Review →
Committee Review → Public Notice → Approved → Paid (or Rejected), the Workflow in
party_care/workflow/care_payment_batch.json, on the shared ApprovalRoute. The lines are Care
Payment Line records (party_care/care_batches/batches.py makes, confirms and pays them)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, fmt_money, getdate, today

from party_care import roles
from party_care.care_batches import batches, permissions
from party_care.controllers.approval import ApprovalRoute, step_editors
from party_care.controllers.notice import PublicNotice
from party_care.exceptions import PolicyLimitError, SelfApprovalError
from party_care.notify import notify
from party_care.permissions import check_acts_for_committee, committee_people

DRAFT, CONFIRMATION, DEPARTMENT, COMMITTEE = (
	batches.DRAFT,
	batches.CONFIRMATION,
	batches.DEPARTMENT,
	batches.COMMITTEE,
)
NOTICE, APPROVED, PAID, REJECTED = batches.NOTICE, batches.APPROVED, batches.PAID, batches.REJECTED

EDITABLE = {
	DRAFT: {
		"title",
		"occasion",
		"year",
		"party_organization",
		"care_fund",
		"care_standard",
		"visit_campaign",
		"assessment_round",
	},
	CONFIRMATION: {"return_reason"},
	DEPARTMENT: {"department_opinion", "return_reason", "rejection_reason"},
	COMMITTEE: {"committee_meeting_date", "committee_decision", "return_reason", "rejection_reason"},
	NOTICE: set(),
	APPROVED: {"payment_method"},
	PAID: set(),
	REJECTED: set(),
}
SET_BY_CONTROLLER = {
	"line_count",
	"total_amount",
	"lines_pending",
	"department_checked_by",
	"department_check_date",
	"approved_total",
	"decided_by",
	"notice_start",
	"notice_end",
	"paid_on",
	"paid_by",
	"paid_count",
	"paid_amount",
	"skipped_count",
	"allowance_plan",
	"period",
	"committee",
}


class CarePaymentBatch(ApprovalRoute, PublicNotice, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allowance_plan: DF.Link | None
		amended_from: DF.Link | None
		applied_by: DF.Link | None
		approved_total: DF.Currency
		assessment_round: DF.Link | None
		care_fund: DF.Link
		care_standard: DF.Link | None
		committee: DF.Link | None
		committee_decision: DF.SmallText | None
		committee_meeting_date: DF.Date | None
		decided_by: DF.Link | None
		department_check_date: DF.Date | None
		department_checked_by: DF.Link | None
		department_opinion: DF.SmallText | None
		line_count: DF.Int
		lines_pending: DF.Int
		notice_end: DF.Datetime | None
		notice_start: DF.Datetime | None
		occasion: DF.Literal[
			"Spring Festival", "July 1", "New Year", "Regular Allowance", "Secretary Work Allowance", "Other"
		]
		paid_amount: DF.Currency
		paid_by: DF.Link | None
		paid_count: DF.Int
		paid_on: DF.Date | None
		party_organization: DF.Link
		payment_method: DF.Literal["", "Signed Receipt", "Real-name Bank Card"]
		period: DF.Data | None
		plan_period: DF.Data | None
		rejection_reason: DF.SmallText | None
		return_reason: DF.SmallText | None
		skipped_count: DF.Int
		title: DF.Data
		total_amount: DF.Currency
		visit_campaign: DF.Link | None
		workflow_state: DF.Link | None
		year: DF.Int
	# end: auto-generated types
	FINAL_STATES = (PAID, REJECTED)
	EDITABLE = EDITABLE
	SET_BY_CONTROLLER = SET_BY_CONTROLLER
	STAMPS = tuple(sorted(SET_BY_CONTROLLER))
	TRANSITIONS = {
		(DRAFT, CONFIRMATION): "on_submit_for_confirmation",
		(CONFIRMATION, DEPARTMENT): "on_close_confirmation",
		(DEPARTMENT, COMMITTEE): "on_accept",
		(COMMITTEE, NOTICE): "on_approve",
		(NOTICE, APPROVED): "on_close_notice",
		(NOTICE, COMMITTEE): "on_uphold_objection",
		(APPROVED, PAID): "on_pay",
		(CONFIRMATION, DRAFT): "on_return",
		(DEPARTMENT, DRAFT): "on_return",
		(COMMITTEE, DRAFT): "on_return",
		(DEPARTMENT, REJECTED): "on_reject",
		(COMMITTEE, REJECTED): "on_reject",
	}
	# objections point at the batch's lines (a member objects to one payment, not to the batch)
	NOTICE_LINES = ("Care Payment Line", "batch")

	def validate(self):
		self.validate_year()
		self.validate_source()
		if not self.flags.opened_by_plan:  # an allowance period: the plan was approved once, by the committee
			self.validate_route()
		self.validate_committee()

	def validate_committee(self):
		"""The batch is its committee's (its fund's, or the organisation's nearest): set by the app
		while a draft, fixed after; each step and each change only by that committee's people who
		handle the step (and those above)."""
		before = self.get_doc_before_save()
		state = (before.workflow_state or DRAFT) if before else DRAFT
		if state == DRAFT:
			self.committee = permissions.record_committee(self.care_fund, self.party_organization)
			permissions.check_fund_and_standard(self)
		else:
			self.committee = before.committee
		step_roles = (step_editors(self.doctype, state) if before else set()) or {roles.ORGANIZATION_OFFICER}
		if before:
			check_acts_for_committee(self, before.committee, step_roles)
		if not before or self.committee != before.committee:
			check_acts_for_committee(self, self.committee, step_roles)

	def on_trash(self):
		super().on_trash()
		frappe.db.delete("Care Payment Line", {"batch": self.name})

	def validate_year(self):
		if not 2000 <= cint(self.year) <= getdate(today()).year + 1:
			frappe.throw(_("Year {0} is not valid.").format(bold(self.year)), title=_("Invalid Value"))

	def validate_source(self):
		if self.allowance_plan:
			return
		if not self.care_standard:
			frappe.throw(
				_("Please choose the Care Standard that sets the amounts."), title=_("Missing Values")
			)
		from party_care.incentive.award_funds import check_not_activity_budget
		from party_care.incentive.secretary_allowance import validate_batch

		check_not_activity_budget(self.care_fund)
		validate_batch(self)
		if self.visit_campaign:
			campaign_org = frappe.db.get_value("Visit Campaign", self.visit_campaign, "party_organization")
			if (
				campaign_org
				and not batches.in_subtree(campaign_org, self.party_organization)
				and not batches.in_subtree(self.party_organization, campaign_org)
			):
				frappe.throw(
					_("Visit campaign {0} covers another part of the organisation.").format(
						bold(self.visit_campaign)
					),
					title=_("Invalid Campaign"),
				)

	def check_if_latest(self):
		"""On the committee's decision (→ Public Notice) the yearly caps of every member in the
		batch are counted: lock those members first, as the fund route locks its one member
		before its own row (approval.lock_member), so the two routes take locks in one order."""
		if not self.is_new() and self.workflow_state == NOTICE:
			batches.lock_members(self.name)
		super().check_if_latest()

	def applicant_user(self):
		"""A batch is nobody's own application; a decider's own line is checked on approval."""
		return None

	# --- each step --------------------------------------------------------------------------------------

	def on_submit_for_confirmation(self):
		values = batches.refresh_totals(self)
		if not values["line_count"]:
			frappe.throw(_("The batch has no lines; draw them up first."), title=_("Missing Values"))

	def on_close_confirmation(self):
		values = batches.refresh_totals(self)
		if values["lines_pending"]:
			frappe.throw(
				_("{0} lines still wait for their branch's confirmation.").format(
					bold(values["lines_pending"])
				),
				title=_("Branches Not Confirmed"),
			)
		if not values["line_count"]:
			frappe.throw(_("The batch has no lines left to pay."), title=_("Missing Values"))

	def on_accept(self):
		self.require("department_opinion")
		self.department_checked_by = frappe.session.user
		self.department_check_date = today()
		batches.refresh_totals(self)

	def on_approve(self):
		self.require("committee_meeting_date", "committee_decision")
		if getdate(self.committee_meeting_date) > getdate(today()):
			frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))
		user = frappe.session.user
		if user != "Administrator" and user in (self.applied_by, self.owner):
			frappe.throw(
				_("You prepared this batch and cannot also approve it."),
				SelfApprovalError,
				title=_("Self-Approval Not Allowed"),
			)
		if user != "Administrator" and frappe.db.exists(
			"Care Payment Line",
			{
				"batch": self.name,
				"status": ["in", ["Proposed", "Confirmed"]],
				"member": ["in", own_members(user)],
			},
		):
			frappe.throw(
				_("Your own line is in this batch; another committee member decides it."),
				SelfApprovalError,
				title=_("Self-Approval Not Allowed"),
			)
		over = batches.over_cap(self)
		if over:
			frappe.throw(
				_(
					"The yearly cap per member is {0}; these members would pass it: {1}. Remove their lines first."
				).format(
					bold(" / ".join(sorted({fmt_money(cap, currency="CNY") for *_, cap in over}))),
					", ".join(
						f"{name} ({fmt_money(already, currency='CNY')} + {fmt_money(amount, currency='CNY')})"
						for name, already, amount, _cap in over[:10]
					),
				),
				PolicyLimitError,
				title=_("Outside Policy Limits"),
			)
		values = batches.refresh_totals(self)
		self.approved_total = values["total_amount"]
		self.decided_by = user
		self.start_notice()

	def on_close_notice(self):
		self.check_notice_over()
		batches.refresh_totals(self)
		if self.allowance_plan:
			from party_care.care_batches.allowances import on_first_batch_approved

			on_first_batch_approved(self)

	def on_reject(self):
		super().on_reject()
		if self.allowance_plan:
			from party_care.care_batches.allowances import on_first_batch_rejected

			on_first_batch_rejected(self)

	def objections_upheld(self, objections):
		"""The lines objected to come off the batch; the committee decides the rest again."""
		for row in objections:
			frappe.db.set_value(
				"Care Payment Line",
				row.reference_name,
				{
					"status": "Removed",
					"change_reason": _("Objection upheld: {0}").format(row.reason),
					"changed_by": frappe.session.user,
				},
			)
		batches.refresh_totals(self)
		self.approved_total = 0
		self.decided_by = None
		self.notice_start = self.notice_end = None

	def on_pay(self):
		if frappe.session.user == self.decided_by:
			frappe.throw(
				_("{0} decided this batch and cannot also record its payment.").format(bold(self.decided_by)),
				SelfApprovalError,
				title=_("Separation of Duties"),
			)
		self.require("payment_method")

	def on_return(self):
		super().on_return()
		# the branches confirm again what comes back to them
		frappe.db.set_value(
			"Care Payment Line",
			{"batch": self.name, "status": "Confirmed"},
			{"status": "Proposed", "confirmed_by": None},
		)
		batches.refresh_totals(self)
		self.approved_total = 0
		self.decided_by = None

	# --- submit (Paid, Rejected) ---------------------------------------------------------------------

	def before_submit(self):
		super().before_submit()
		if self.workflow_state == PAID:
			self.update(batches.pay(self))
			self.paid_on = today()
			self.paid_by = frappe.session.user
			batches.refresh_totals(self)

	def on_update(self):
		self.mark_objections_upheld()
		self.follow_terms()
		self.notify_state_change()

	def follow_terms(self):
		"""A draft's lines are those of what it is for, whatever the officer changes (batches.follow_terms)."""
		before = self.get_doc_before_save()
		if (
			before
			and not self.allowance_plan
			and (self.workflow_state or DRAFT) == DRAFT
			and batches.terms_changed(self, before)
			and frappe.db.exists("Care Payment Line", {"batch": self.name})
		):
			batches.follow_terms(self)

	def notify_state_change(self):
		if self.flags.opened_by_plan or not self.has_value_changed("workflow_state"):
			return
		if self.is_new() and (self.workflow_state or DRAFT) == DRAFT:
			return
		state = _(self.workflow_state)
		next_actors = {
			CONFIRMATION: lambda: secretary_users_under(self.name),
			DEPARTMENT: lambda: committee_people(self.committee, roles.ORGANIZATION_OFFICER),
			COMMITTEE: lambda: committee_people(self.committee, roles.COMMITTEE_MEMBER),
			APPROVED: lambda: committee_people(self.committee, roles.ORGANIZATION_OFFICER),
		}.get(self.workflow_state)
		if next_actors:
			notify(
				next_actors(), _("Care payment batch {0} waits for you: {1}").format(self.title, state), self
			)

	def roster(self):
		"""For the print formats: the lines the reader may see, by organisation, with totals."""
		return batches.roster(self.name)


def own_members(user: str) -> list[str]:
	return frappe.get_all("Member", filters={"user": user}, pluck="name") or [""]


def secretary_users_under(batch: str) -> list[str]:
	"""Users of the secretaries of the organisations that have lines in the batch, and above."""
	from party_care.notify import secretaries_over

	orgs = frappe.get_all(
		"Care Payment Line", filters={"batch": batch}, pluck="party_organization", distinct=True
	)
	users: list[str] = []
	for org in orgs:  # one per organisation with lines (dozens), not per line
		for user in secretaries_over(org):
			if user not in users:
				users.append(user)
	return users
