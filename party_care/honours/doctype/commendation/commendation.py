# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Commendation (表彰奖励): the route Nominated → Branch Recommended → Committee Approved →
Public Notice → Awarded (or Rejected), shipped as the Workflow in
party_care/workflow/commendation.json. Frappe checks who may take which transition; this
controller checks what each step must carry, whatever path the change came by (the desk's
action buttons, apply_workflow over REST, or a direct write of workflow_state).

Nobody acts on his own commendation: once nominated, the recipient (the member, or the
secretary of the recipient organisation) takes no step and edits nothing."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt, get_datetime, getdate, today

from party_care import roles
from party_care.care_fund import ledger
from party_care.controllers.approval import ApprovalRoute, lock_member
from party_care.controllers.notice import PublicNotice
from party_care.exceptions import (
	DuplicateNominationError,
	IneligibleNomineeError,
	InvalidOrganizationError,
	SelfApprovalError,
	SelfNominationError,
)
from party_care.honours import eligibility
from party_care.honours.certificates import next_certificate_number
from party_care.honours.quota import check_quota
from party_care.honours.setup import MEDAL_50_YEARS, ORGANIZATION, TEN_YEAR_CERTIFICATE
from party_care.incentive import award_funds
from party_care.notify import notify, secretaries_over
from party_care.organization import ACTIVE_MEMBER_STATUSES, tree
from party_care.permissions import check_acts_for_committee, check_organization_in_scope, committee_people
from party_care.reports import in_scope

NOMINATED, RECOMMENDED, APPROVED = "Nominated", "Branch Recommended", "Committee Approved"
NOTICE, AWARDED, REJECTED = "Public Notice", "Awarded", "Rejected"
# Honours a member receives once in his life: re-checked at committee approval and at award.
ONCE_ONLY = (MEDAL_50_YEARS, TEN_YEAR_CERTIFICATE)

# What the people handling each state may change in it (the controller sets the rest).
EDITABLE = {
	NOMINATED: {
		"award_type",
		"member",
		"recipient_organization",
		"year",
		"citation",
		"nominating_organization",
		"awarding_organization",
		"branch_opinion",
		"rejection_reason",
	},
	RECOMMENDED: {
		"committee_meeting_date",
		"committee_decision",
		"reward_amount",
		"care_fund",
		"rejection_reason",
	},
	APPROVED: set(),
	NOTICE: {"award_date"},
	AWARDED: set(),
	REJECTED: set(),
}
# Records of who did what and when: only the controller writes them (see protect_stamps).
STAMPS = (
	"nomination_kind",
	"nominated_by",
	"recommended_by",
	"recommended_on",
	"approved_by",
	"notice_start",
	"notice_end",
	"certificate_number",
	"awarded_by",
	"ledger_entry",
	"activity_budget",
)
SET_BY_CONTROLLER = {*STAMPS, "recipient_kind", "recipient_name", "party_organization"}


class Commendation(ApprovalRoute, PublicNotice, Document):
	"""On the shared route: the recipient is its applicant (applicant_user), who in Nominated may
	still correct his self-nomination but takes no step."""

	DRAFT = NOMINATED
	FINAL_STATES = (AWARDED, REJECTED)
	EDITABLE = EDITABLE
	SET_BY_CONTROLLER = SET_BY_CONTROLLER
	STAMPS = STAMPS
	TRANSITIONS = {
		(NOMINATED, RECOMMENDED): "on_recommend",
		(NOMINATED, REJECTED): "on_reject",
		(RECOMMENDED, APPROVED): "on_approve",
		(RECOMMENDED, REJECTED): "on_reject",
		(APPROVED, NOTICE): "on_publish_notice",
		(NOTICE, AWARDED): "on_award",
		(NOTICE, RECOMMENDED): "on_uphold_objection",
	}
	APPLICANT_SUBMITS = False  # a nominee does not recommend himself

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_budget: DF.Link | None
		amended_from: DF.Link | None
		approved_by: DF.Link | None
		award_date: DF.Date | None
		award_type: DF.Link
		awarded_by: DF.Link | None
		awarding_organization: DF.Link | None
		branch_opinion: DF.SmallText | None
		care_fund: DF.Link | None
		certificate_number: DF.Data | None
		citation: DF.SmallText
		committee_decision: DF.SmallText | None
		committee_meeting_date: DF.Date | None
		ledger_entry: DF.Link | None
		member: DF.Link | None
		nominated_by: DF.Link | None
		nominating_organization: DF.Link | None
		nomination_kind: DF.Literal["Organization", "Self"]
		notice_end: DF.Datetime | None
		notice_start: DF.Datetime | None
		party_organization: DF.Link | None
		recipient_kind: DF.Data | None
		recipient_name: DF.Data | None
		recipient_organization: DF.Link | None
		recommended_by: DF.Link | None
		recommended_on: DF.Date | None
		rejection_reason: DF.SmallText | None
		reward_amount: DF.Currency
		workflow_state: DF.Link | None
		year: DF.Int
	# end: auto-generated types

	# --- validation ---------------------------------------------------------------------------------

	def validate(self):
		self.year = self.year or getdate(today()).year
		self.validate_recipient()
		self.validate_route()

	def validate_record(self, before, old_state):
		"""The nomination's own rules, on the route between the edits and the step."""
		if not before:
			self.validate_nomination()
		elif self.party_organization != before.party_organization:  # nominated again, someone else
			check_organization_in_scope(self, self.party_organization)
		self.validate_nominating_organization()
		self.validate_awarding_organization(old_state)
		if not before or _changed(self, before, "award_type", "member", "recipient_organization", "year"):
			self.validate_not_duplicate()
			self.validate_eligibility()
		if flt(self.reward_amount) < 0:
			frappe.throw(_("Reward Amount cannot be negative."), title=_("Invalid Amount"))

	def clear_later_steps(self):
		"""A nomination may carry the reward it proposes (amount, fund): nothing to clear."""

	def applicant_user(self) -> str | None:
		return next(iter(self.recipient_users()), None)

	def validate_recipient(self):
		"""Member or organisation, as the award type says; sets the recipient's organisation."""
		self.recipient_kind = frappe.db.get_value("Award Type", self.award_type, "recipient_kind")
		# the field the award type does not use is cleared (a secretary's User Permission may
		# have defaulted Recipient Organization to his own organisation)
		if self.recipient_kind == ORGANIZATION:
			self.member = None
			if not self.recipient_organization:
				frappe.throw(
					_("{0} is awarded to a party organisation: fill in Recipient Organization.").format(
						bold(_(self.award_type))
					),
					title=_("Invalid Recipient"),
				)
			self.party_organization = self.recipient_organization
			self.recipient_name = self.recipient_organization
			return
		self.recipient_organization = None
		if not self.member:
			frappe.throw(
				_("{0} is awarded to a member: fill in Member.").format(bold(_(self.award_type))),
				title=_("Invalid Recipient"),
			)
		full_name, status, organization = frappe.db.get_value(
			"Member", self.member, ["full_name", "member_status", "party_organization"]
		)
		if status not in ACTIVE_MEMBER_STATUSES and self.is_new():
			frappe.throw(
				_("{0} is {1}; only current members can be nominated.").format(
					bold(full_name), bold(_(status))
				),
				IneligibleNomineeError,
				title=_("Invalid Recipient"),
			)
		self.party_organization = organization
		self.recipient_name = full_name

	def recipient_users(self) -> set[str]:
		"""Who counts as the recipient: the member's user, or the recipient organisation's secretary's."""
		if self.recipient_kind == ORGANIZATION:
			secretary = frappe.db.get_value("Party Organization", self.recipient_organization, "secretary")
			user = secretary and frappe.db.get_value("Member", secretary, "user")
		else:
			user = frappe.db.get_value("Member", self.member, "user")
		return {user} if user else set()

	def validate_nomination(self):
		"""A new commendation is a nomination: by an organisation in whose scope the recipient
		is, or by the recipient himself where the award type allows self-nomination."""
		user = frappe.session.user
		self.nominated_by = user
		is_self = user in self.recipient_users()
		self.nomination_kind = "Self" if is_self else "Organization"
		if not self.reward_amount:
			self.reward_amount = frappe.db.get_value("Award Type", self.award_type, "default_reward_amount")
		if is_self and user != "Administrator":
			if not frappe.db.get_value("Award Type", self.award_type, "allow_self_nomination"):
				frappe.throw(
					_("{0} does not allow self-nomination; your organisation can nominate you.").format(
						bold(_(self.award_type))
					),
					SelfNominationError,
					title=_("Self-Nomination Not Allowed"),
				)
			return
		if not in_scope(self.party_organization, user):
			frappe.throw(
				_(
					"You can nominate only members and organisations of the organisations you lead; {0} is outside them."
				).format(bold(self.recipient_name)),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if frappe.db.get_value("Award Type", self.award_type, "disabled"):
			frappe.throw(
				_("Award Type {0} is disabled.").format(bold(_(self.award_type))), title=_("Not Allowed")
			)

	def validate_nominating_organization(self):
		self.nominating_organization = self.nominating_organization or self.party_organization
		lft, rgt = frappe.db.get_value("Party Organization", self.party_organization, ["lft", "rgt"])
		above = frappe.db.get_value("Party Organization", self.nominating_organization, ["lft", "rgt"])
		if not above or not (above[0] <= lft and rgt <= above[1]):
			frappe.throw(
				_("The nominating organisation must be {0} or an organisation above it.").format(
					bold(self.party_organization)
				),
				InvalidOrganizationError,
				title=_("Invalid Party Organization"),
			)

	def validate_awarding_organization(self, old_state):
		"""Commendations are awarded at the level that gives them (issue 22): the recipient's own
		committee (the default) or one above it; an award type of one committee is given by it and
		the committees below it."""
		if old_state != NOMINATED and not self.awarding_organization:
			return  # on its way before awarding committees were chosen: set at award, as before
		self.awarding_organization = self.awarding_organization or awarding_organization(
			self.party_organization
		)
		default = awarding_organization(self.party_organization)
		if self.awarding_organization != default and not (
			frappe.db.get_value("Party Organization", self.awarding_organization, "organization_type")
			== "Committee"
			and tree.is_under_any(self.party_organization, [self.awarding_organization])
		):
			frappe.throw(
				_("The awarding committee must be a party committee at or above {0}.").format(
					bold(self.party_organization)
				),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)
		owner = frappe.db.get_value("Award Type", self.award_type, "committee")
		if owner and not tree.is_under_any(self.awarding_organization, [owner]):
			frappe.throw(
				_("{0} is an award of committee {1}: only it and the committees below it give it.").format(
					bold(_(self.award_type)), bold(owner)
				),
				InvalidOrganizationError,
				title=_("Invalid Award Type"),
			)

	def check_awarding_committee(self):
		"""The awarding committee's people (or those above it) approve, notice and award."""
		check_acts_for_committee(
			self,
			self.awarding_organization or awarding_organization(self.party_organization),
			{roles.ORGANIZATION_OFFICER, roles.COMMITTEE_MEMBER},
		)

	def rules_organization(self) -> str | None:
		"""The awarding committee's rules (notice days) hold."""
		return self.awarding_organization or self.party_organization

	def validate_not_duplicate(self):
		"""One nomination per recipient, award and year (a rejected one may be made again)."""
		recipient = (
			{"member": self.member}
			if self.member
			else {"recipient_organization": self.recipient_organization}
		)
		if self.member:
			frappe.db.get_value(
				"Member", self.member, "name", for_update=True
			)  # serialise concurrent nominations
		duplicate = frappe.db.get_value(
			"Commendation",
			{
				**recipient,
				"award_type": self.award_type,
				"year": self.year,
				"workflow_state": ["!=", REJECTED],
				"name": ["!=", self.name or ""],
			},
			"name",
		)
		if duplicate:
			frappe.throw(
				_("{0} is already nominated for {1} in {2} ({3}).").format(
					bold(self.recipient_name), bold(_(self.award_type)), bold(self.year), bold(duplicate)
				),
				DuplicateNominationError,
				title=_("Already Nominated"),
			)

	def validate_eligibility(self):
		"""The computed awards are checked, not trusted: the 50-year medal and the ten-year certificate."""
		if self.award_type == MEDAL_50_YEARS and not eligibility.medal_candidates(
			self.year, members=[self.member]
		):
			frappe.throw(
				_(
					"{0} is not eligible for {1} in {2}: a full member whose party standing reaches 50 years by 1 July, not yet awarded it."
				).format(bold(self.recipient_name), bold(_(self.award_type)), bold(self.year)),
				IneligibleNomineeError,
				title=_("Not Eligible"),
			)
		if self.award_type == TEN_YEAR_CERTIFICATE and not eligibility.party_worker_candidates(
			self.year, members=[self.member]
		):
			frappe.throw(
				_(
					"{0} is not eligible for {1} in {2}: ten continuous years in a party post by the end of the year, not yet certified."
				).format(bold(self.recipient_name), bold(_(self.award_type)), bold(self.year)),
				IneligibleNomineeError,
				title=_("Not Eligible"),
			)

	def validate_once_only(self):
		"""A once-only honour (the 50-year medal, the ten-year certificate) goes to one
		nomination: under the member's lock, refused when the member already has it, or when an
		earlier nomination for it (any year) is still on its way — however many were made."""
		if self.award_type not in ONCE_ONLY or not self.member:
			return
		lock_member(self.member)
		commendation = frappe.qb.DocType("Commendation")
		others = (
			frappe.qb.from_(commendation)
			.select(commendation.name, commendation.year, commendation.workflow_state, commendation.creation)
			.where(
				(commendation.member == self.member)
				& (commendation.award_type == self.award_type)
				& (commendation.workflow_state != REJECTED)
				& (commendation.name != self.name)
			)
			.for_update()  # a locking read sees what a concurrent award committed
			.run(as_dict=True)
		)
		for other in others:
			if other.workflow_state == AWARDED or get_datetime(other.creation) < get_datetime(self.creation):
				frappe.throw(
					_(
						"{0} is given once only: {1} already has it or an earlier nomination for it ({2}, {3})."
					).format(
						bold(_(self.award_type)), bold(self.recipient_name), bold(other.name), other.year
					),
					DuplicateNominationError,
					title=_("Already Awarded"),
				)

	def recheck_award(self):
		"""At approval and award the register is read again, not the nomination's old check."""
		self.validate_once_only()
		self.validate_eligibility()

	# --- each step ------------------------------------------------------------------------------------

	def on_recommend(self):
		self.require("branch_opinion")
		self.recommended_by = frappe.session.user
		self.recommended_on = today()

	def on_approve(self):
		self.require("committee_meeting_date", "committee_decision")
		if getdate(self.committee_meeting_date) > getdate(today()):
			frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))
		if flt(self.reward_amount) > 0:
			self.require("care_fund")
			award_funds.check_not_activity_budget(self.care_fund)
		self.check_awarding_committee()
		self.recheck_award()
		check_quota(self)
		self.approved_by = frappe.session.user

	def on_publish_notice(self):
		self.check_awarding_committee()
		self.start_notice()

	def on_award(self):
		self.check_awarding_committee()
		self.check_notice_over()
		if frappe.session.user == self.approved_by:
			frappe.throw(
				_("{0} approved this commendation and cannot also award it.").format(bold(self.approved_by)),
				SelfApprovalError,
				title=_("Separation of Duties"),
			)
		self.recheck_award()

	def objections_upheld(self, objections):
		self.approved_by = None  # the committee approves again

	# --- submit (Awarded, Rejected) ------------------------------------------------------------

	def before_submit(self):
		super().before_submit()
		if self.workflow_state == AWARDED:
			self.award()

	def award(self):
		"""Certificate number, award date and the material reward, paid through the fund ledger."""
		self.award_date = self.award_date or today()
		self.awarded_by = frappe.session.user
		self.awarding_organization = self.awarding_organization or awarding_organization(
			self.party_organization
		)
		self.certificate_number = next_certificate_number(self.year)
		if flt(self.reward_amount) > 0 and self.recipient_kind == ORGANIZATION:
			award_funds.check_not_activity_budget(self.care_fund)
			award_funds.pay_reward(self)  # into the organisation's activity budget
		elif flt(self.reward_amount) > 0:
			award_funds.check_not_activity_budget(self.care_fund)
			entry = ledger.post(
				self.care_fund,
				"Payment",
				self.reward_amount,
				reference_doctype=self.doctype,
				reference_name=self.name,
				member=self.member,
				party_organization=self.party_organization,
				remarks=_("{0} reward for {1}").format(_(self.award_type), self.recipient_name),
			)
			self.ledger_entry = entry.name

	# --- telling people ---------------------------------------------------------------------------

	def on_update(self):  # also runs on submit (Awarded, Rejected)
		self.mark_objections_upheld()
		self.notify_state_change()

	def notify_state_change(self):
		if not self.has_value_changed("workflow_state"):
			return
		recipients = self.recipient_users()
		if not self.is_new():
			notify(
				recipients | {self.nominated_by},
				_("The commendation {0} ({1}) is now: {2}").format(
					self.name, _(self.award_type), _(self.workflow_state)
				),
				self,
			)
		next_actors = {
			NOMINATED: lambda: secretaries_over(self.party_organization),
			# the awarding committee's people (on a one-committee site: everyone with the role)
			RECOMMENDED: lambda: committee_people(self.rules_organization(), roles.COMMITTEE_MEMBER),
			APPROVED: lambda: committee_people(self.rules_organization(), roles.ORGANIZATION_OFFICER),
		}.get(self.workflow_state)
		if next_actors:
			notify(
				[u for u in next_actors() if u not in recipients],
				_("Commendation {0} of {1} ({2}) waits for you: {3}").format(
					self.name, self.recipient_name, _(self.award_type), _(self.workflow_state)
				),
				self,
			)


def _changed(doc, before, *fieldnames) -> bool:
	return any((doc.get(f) or "") != (before.get(f) or "") for f in fieldnames)


def awarding_organization(party_organization: str) -> str:
	"""The party committee above the recipient (the nearest Committee; the root if none)."""
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"])
	org = frappe.qb.DocType("Party Organization")
	rows = (
		frappe.qb.from_(org)
		.select(org.name, org.organization_type)
		.where((org.lft <= lft) & (org.rgt >= rgt))
		.orderby(org.lft, order=frappe.qb.desc)
		.run()
	)
	return next(
		(name for name, kind in rows if kind == "Committee"), rows[-1][0] if rows else party_organization
	)
