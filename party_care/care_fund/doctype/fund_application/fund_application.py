# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Fund Application: the route Draft → Branch Review → Department Review → Committee Review →
Public Notice → Approved → Paid (or Rejected), shipped as the Workflow in
party_care/workflow/fund_application.json. Frappe checks who may take which transition; this
controller checks what each step must carry, whatever path the change came by (the desk's
action buttons, apply_workflow over REST, or a direct write of workflow_state)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, fmt_money, getdate, today

from party_care import roles
from party_care.care_fund import caps, ledger
from party_care.care_fund.permissions import fund_committee
from party_care.controllers.approval import ApprovalRoute, lock_member, step_editors
from party_care.controllers.notice import PublicNotice
from party_care.exceptions import PolicyLimitError, SelfApprovalError
from party_care.notify import notify, secretaries_over
from party_care.organization import ACTIVE_MEMBER_STATUSES, rules, tree
from party_care.permissions import check_acts_for_committee, committee_people

DRAFT, BRANCH, DEPARTMENT, COMMITTEE = "Draft", "Branch Review", "Department Review", "Committee Review"
NOTICE, APPROVED, PAID, REJECTED = "Public Notice", "Approved", "Paid", "Rejected"
EMERGENCY = "Emergency Relief"
LIVING_SUBSIDY = "Living Hardship Subsidy"
CONDOLENCE = "Condolence"

# What the people handling each state may change in it (the controller sets the rest).
EDITABLE = {
	DRAFT: {
		"member",
		"care_fund",
		"purpose",
		"amount_requested",
		"reason",
		"application_date",
		"hardship_case",
	},
	BRANCH: {
		"branch_meeting_date",
		"branch_resolution",
		"votes_for",
		"votes_against",
		"votes_abstain",
		"return_reason",
		"rejection_reason",
	},
	DEPARTMENT: {"department_opinion", "return_reason", "rejection_reason"},
	COMMITTEE: {
		"committee_meeting_date",
		"committee_decision",
		"amount_approved",
		"return_reason",
		"rejection_reason",
	},
	NOTICE: set(),
	APPROVED: {"payment_method", "receipt_signed"},
	PAID: {"receipt_signed"},
	REJECTED: set(),
}
# Records of who did what and when: only the controller writes them (see protect_stamps).
STAMPS = (
	"decided_by",
	"department_check_date",
	"department_checked_by",
	"ledger_entry",
	"notice_end",
	"notice_start",
	"paid_by",
	"paid_on",
)
# ... and what Frappe fetches from the member
SET_BY_CONTROLLER = {*STAMPS, "member_name", "party_organization"}
# States whose amount counts against a member's yearly limits.
COUNTED_STATES = (NOTICE, APPROVED, PAID)
# States handled by the fund's committee (its officers, its members): only its people act in them.
COMMITTEE_STATES = (DEPARTMENT, COMMITTEE, NOTICE, APPROVED, PAID)


class FundApplication(ApprovalRoute, PublicNotice, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		amount_approved: DF.Currency
		amount_requested: DF.Currency
		application_date: DF.Date
		applied_by: DF.Link | None
		branch_meeting_date: DF.Date | None
		branch_resolution: DF.SmallText | None
		care_fund: DF.Link
		committee_decision: DF.SmallText | None
		committee_meeting_date: DF.Date | None
		decided_by: DF.Link | None
		department_check_date: DF.Date | None
		department_checked_by: DF.Link | None
		department_opinion: DF.SmallText | None
		hardship_case: DF.Link | None
		ledger_entry: DF.Link | None
		member: DF.Link
		member_name: DF.Data | None
		notice_end: DF.Datetime | None
		notice_start: DF.Datetime | None
		paid_by: DF.Link | None
		paid_on: DF.Date | None
		party_organization: DF.Link | None
		payment_method: DF.Literal["", "Signed Receipt", "Real-name Bank Card"]
		purpose: DF.Literal[
			"Living Hardship Subsidy",
			"Serious Illness or Disaster Relief",
			"Children's Schooling",
			"Condolence",
			"Training",
			"Emergency Relief",
		]
		reason: DF.SmallText
		receipt_signed: DF.Check
		rejection_reason: DF.SmallText | None
		return_reason: DF.SmallText | None
		votes_abstain: DF.Int
		votes_against: DF.Int
		votes_for: DF.Int
		workflow_state: DF.Link | None
	# end: auto-generated types
	FINAL_STATES = (PAID, REJECTED)
	EDITABLE = EDITABLE
	SET_BY_CONTROLLER = SET_BY_CONTROLLER
	STAMPS = STAMPS
	TRANSITIONS = {
		(DRAFT, BRANCH): "on_submit_for_review",
		(BRANCH, DEPARTMENT): "on_pass_branch_review",
		(DEPARTMENT, COMMITTEE): "on_accept",
		(COMMITTEE, NOTICE): "on_approve_for_notice",
		(COMMITTEE, APPROVED): "on_committee_decision",
		(NOTICE, APPROVED): "on_close_notice",
		(NOTICE, COMMITTEE): "on_uphold_objection",
		(APPROVED, PAID): "on_pay",
		(BRANCH, DRAFT): "on_return",
		(DEPARTMENT, DRAFT): "on_return",
		(COMMITTEE, DRAFT): "on_return",
		(BRANCH, REJECTED): "on_reject",
		(DEPARTMENT, REJECTED): "on_reject",
		(COMMITTEE, REJECTED): "on_reject",
	}
	UPHELD_RESPONSE = "The objection was upheld: the application goes back to the party committee."

	# --- validation ---------------------------------------------------------------------------------

	def validate(self):
		self.validate_member()
		self.validate_hardship_case()
		if flt(self.amount_requested) <= 0:
			frappe.throw(
				_("Amount Requested must be greater than zero."), PolicyLimitError, title=_("Invalid Amount")
			)
		self.validate_purpose_limit()
		self.validate_fund_committee()
		if self.is_new() or self.has_value_changed("care_fund"):
			from party_care.incentive.award_funds import check_not_activity_budget

			check_not_activity_budget(self.care_fund)
		self.validate_route()
		self.validate_committee_step()
		self.validate_meeting_dates()

	def validate_fund_committee(self):
		"""A member applies to a fund of his own committee or of one above it, never a sister's."""
		if not (self.is_new() or self.has_value_changed("care_fund") or self.has_value_changed("member")):
			return
		committee = fund_committee(self.care_fund)
		if committee and not tree.is_under_any(self.party_organization, [committee]):
			frappe.throw(
				_("Care fund {0} belongs to {1}; {2} of {3} cannot apply to it.").format(
					bold(self.care_fund),
					bold(committee),
					bold(self.member_name),
					bold(self.party_organization),
				),
				frappe.ValidationError,
				title=_("Invalid Care Fund"),
			)

	def validate_committee_step(self):
		"""From the department step on, the application is its fund's committee's: another committee's
		officers and members act on it at no step, whatever their role allows."""
		before = self.get_doc_before_save()
		if before and before.workflow_state in COMMITTEE_STATES:
			check_acts_for_committee(
				self,
				fund_committee(self.care_fund),
				step_editors(self.doctype, before.workflow_state) or {roles.ORGANIZATION_OFFICER},
			)

	def before_update_after_submit(self):
		self.validate_committee_step()
		super().before_update_after_submit()

	def validate_meeting_dates(self):
		"""The meetings' dates are checked when they are saved, not only when the step is taken."""
		if self.branch_meeting_date:
			self.check_branch_meeting_date()
		if self.committee_meeting_date and getdate(self.committee_meeting_date) > getdate(today()):
			frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))

	def check_branch_meeting_date(self):
		if getdate(self.branch_meeting_date) > getdate(today()):
			frappe.throw(_("Branch Meeting Date cannot be in the future."), title=_("Invalid Date"))
		if getdate(self.branch_meeting_date) < getdate(self.application_date):
			frappe.throw(
				_(
					"The branch meeting ({0}) cannot be before the application was made ({1}). Check the Branch"
					" Meeting Date; if the application was really made earlier, return it to Draft so that"
					" its Application Date is corrected."
				).format(
					bold(frappe.format(self.branch_meeting_date, "Date")),
					bold(frappe.format(self.application_date, "Date")),
				),
				title=_("Meeting Before Application"),
			)

	def rules_organization(self) -> str | None:
		"""The fund's committee decides, so its rules hold (notice days, limits by purpose)."""
		return fund_committee(self.care_fund) or self.party_organization

	def validate_purpose_limit(self):
		"""Limits by Purpose (the fund's committee's rules, at the top Party Care Settings): the
		most one application may ask or be granted."""
		limit = rules.purpose_limit(self.purpose, self.rules_organization())
		for fieldname in ("amount_requested", "amount_approved"):
			if limit is not None and flt(self.get(fieldname)) > flt(limit):
				_outside_policy(
					_("{0} for {1} is at most {2} per application; {3} asked.").format(
						bold(_(self.meta.get_label(fieldname))),
						bold(_(self.purpose)),
						bold(fmt_money(limit, currency="CNY")),
						bold(fmt_money(self.get(fieldname), currency="CNY")),
					)
				)

	def validate_hardship_case(self):
		if (
			self.hardship_case
			and frappe.db.get_value("Hardship Case", self.hardship_case, "member") != self.member
		):
			frappe.throw(
				_("Hardship case {0} is about another member.").format(bold(self.hardship_case)),
				title=_("Invalid Hardship Case"),
			)

	def validate_member(self):
		status, organization = frappe.db.get_value(
			"Member", self.member, ["member_status", "party_organization"]
		)
		self.party_organization = organization
		if self.purpose == CONDOLENCE:
			if status != "Deceased":
				frappe.throw(
					_(
						"Condolence money is for a member who has died; {0} is not recorded as deceased."
					).format(bold(self.member_name)),
					title=_("Invalid Purpose"),
				)
		elif status not in ACTIVE_MEMBER_STATUSES:
			frappe.throw(
				_("{0} is {1}; only current members can receive assistance.").format(
					bold(self.member_name), bold(_(status))
				),
				title=_("Invalid Member"),
			)

	# --- each step ------------------------------------------------------------------------------------

	def on_submit_for_review(self):
		self.check_policy(self.amount_requested)

	def on_pass_branch_review(self):
		self.require("branch_meeting_date", "branch_resolution")
		self.check_branch_meeting_date()
		if (self.votes_for or 0) <= (self.votes_against or 0):
			frappe.throw(
				_(
					"The branch meeting passes an application only with more votes for than against ({0} : {1})."
				).format(self.votes_for or 0, self.votes_against or 0),
				title=_("Not Passed"),
			)
		if min(self.votes_for or 0, self.votes_against or 0, self.votes_abstain or 0) < 0:
			frappe.throw(_("Vote counts cannot be negative."), title=_("Invalid Votes"))

	def on_accept(self):
		self.require("department_opinion")
		self.department_checked_by = frappe.session.user
		self.department_check_date = today()

	def on_committee_decision(self):
		self.require("committee_meeting_date", "committee_decision", "amount_approved")
		if getdate(self.committee_meeting_date) > getdate(today()):
			frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))
		if flt(self.amount_approved) <= 0 or flt(self.amount_approved) > flt(self.amount_requested):
			frappe.throw(
				_("Amount Approved must be more than zero and at most the Amount Requested ({0}).").format(
					bold(fmt_money(self.amount_requested, currency="CNY"))
				),
				PolicyLimitError,
				title=_("Invalid Amount"),
			)
		self.check_policy(self.amount_approved)
		self.decided_by = frappe.session.user

	def on_approve_for_notice(self):
		self.on_committee_decision()
		self.start_notice()

	def on_close_notice(self):
		self.check_notice_over()

	def on_pay(self):
		# Accountant and cashier apart: who decided does not pay.
		if frappe.session.user == self.decided_by:
			frappe.throw(
				_("{0} decided this application and cannot also record its payment.").format(
					bold(self.decided_by)
				),
				SelfApprovalError,
				title=_("Separation of Duties"),
			)
		self.require("payment_method")

	# --- policy -------------------------------------------------------------------------------------

	def check_policy(self, amount):
		"""The policy limits of one amount. Under a lock on the member (approval.lock_member),
		so two deciders approving two applications of one member at the same moment are
		serialised and the second counts the first."""
		settings = frappe.get_cached_doc("Party Care Settings")
		year = getdate(self.application_date).year
		lock_member(self.member)
		if self.purpose == LIVING_SUBSIDY:
			if flt(amount) < flt(settings.living_subsidy_min):
				_outside_policy(
					_("A living-hardship subsidy is at least {0} a year; {1} is below it.").format(
						bold(fmt_money(settings.living_subsidy_min, currency="CNY")),
						bold(fmt_money(amount, currency="CNY")),
					),
				)
			already = approved_in_year(self.member, year, self.name, LIVING_SUBSIDY, for_update=True)
			if already + flt(amount) > flt(settings.living_subsidy_max):
				_outside_policy(
					_(
						"A living-hardship subsidy is at most {0} a year; {1} already has {2} approved in {3}."
					).format(
						bold(fmt_money(settings.living_subsidy_max, currency="CNY")),
						bold(self.member_name),
						bold(fmt_money(already, currency="CNY")),
						year,
					),
				)
		# the cap is the member's: his own committee's rules say it
		cap = rules.rule("yearly_cap_per_member", self.party_organization)
		already = counted_toward_yearly_cap(self.member, year, exclude=self.name)
		if already + flt(amount) > flt(cap):
			_outside_policy(
				_("The yearly cap per member is {0}; {1} already has {2} approved in {3}.").format(
					bold(fmt_money(cap, currency="CNY")),
					bold(self.member_name),
					bold(fmt_money(already, currency="CNY")),
					year,
				),
			)

	# --- submit (Paid, Rejected) -----------------------------------------------------------------

	def before_submit(self):
		super().before_submit()
		if self.workflow_state == PAID:
			entry = ledger.post(
				self.care_fund,
				"Payment",
				self.amount_approved,
				reference_doctype=self.doctype,
				reference_name=self.name,
				member=self.member,
				party_organization=self.party_organization,
				remarks=_("{0} for {1}").format(_(self.purpose), self.member_name),
			)
			self.ledger_entry = entry.name
			self.paid_on = entry.posting_date
			self.paid_by = frappe.session.user
			if self.purpose == EMERGENCY and not self.notice_start:
				self.start_notice()  # emergency relief: paid first, noticed afterwards

	# --- telling people ---------------------------------------------------------------------------

	def on_update(self):  # also runs on submit (Paid, Rejected)
		self.mark_objections_upheld()
		self.notify_state_change()

	def notify_state_change(self):
		if not self.has_value_changed("workflow_state") or (self.is_new() and self.workflow_state == DRAFT):
			return
		state = _(self.workflow_state)
		applicant = frappe.db.get_value("Member", self.member, "user")
		notify(
			[applicant, self.applied_by],
			_("Your assistance application {0} is now: {1}").format(self.name, state),
			self,
		)
		committee = fund_committee(self.care_fund)
		next_actors = {
			BRANCH: lambda: secretaries_over(self.party_organization),
			DEPARTMENT: lambda: committee_people(committee, roles.ORGANIZATION_OFFICER),
			COMMITTEE: lambda: committee_people(committee, roles.COMMITTEE_MEMBER),
			APPROVED: lambda: committee_people(committee, roles.ORGANIZATION_OFFICER),
		}.get(self.workflow_state)
		if next_actors:
			notify(
				[u for u in next_actors() if u != applicant],
				_("Assistance application {0} from {1} waits for you: {2}").format(
					self.name, self.member_name, state
				),
				self,
			)


def _outside_policy(message: str):
	frappe.throw(message, PolicyLimitError, title=_("Outside Policy Limits"))


def counted_toward_yearly_cap(member: str, year: int, exclude: str | None = None) -> float:
	"""Everything that counts against a member's yearly cap in a calendar year — THE one sum of
	the cap: fund applications in notice, approved or paid, and holiday-batch and allowance lines
	(party_care/care_fund/caps.py, which the batch route asks too). A locking read: under the
	member lock it sees what a concurrent decision committed (a plain read would use the
	transaction's older snapshot)."""
	return caps.yearly_total(member, year, exclude_application=exclude, for_update=True)


def approved_in_year(
	member: str, year: int, exclude: str | None = None, purpose: str | None = None, for_update: bool = False
) -> float:
	"""Amount approved for a member in a calendar year (applications in notice, approved or paid)."""
	app = frappe.qb.DocType("Fund Application")
	query = (
		frappe.qb.from_(app)
		.select(Coalesce(Sum(app.amount_approved), 0))
		.where(
			(app.member == member)
			& (app.workflow_state.isin(COUNTED_STATES))
			& (app.application_date.between(f"{year}-01-01", f"{year}-12-31"))
		)
	)
	if exclude:
		query = query.where(app.name != exclude)
	if purpose:
		query = query.where(app.purpose == purpose)
	if for_update:
		query = query.for_update()
	return flt(query.run()[0][0])
