# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A member's case in the hardship register (困难党员帮扶台账). Reopening a closed case puts the
same record back to Open, so its history (closings, reviews, pairing) stays in one place and in
its version log; a member has at most one case that is not Closed."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import add_days, add_years, flt, getdate, today

from party_care.exceptions import DuplicateHardshipCaseError, InvalidPairingError
from party_care.organization import ACTIVE_MEMBER_STATUSES

# Written only by the daily reminder job (whatever a client sends is replaced by the stored value).
REMINDER_FLAGS = ("unpaired_reminded_on", "review_reminded_for")


class HardshipCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.hardship.doctype.hardship_family_member.hardship_family_member import (
			HardshipFamilyMember,
		)
		from party_care.hardship.doctype.hardship_help_log.hardship_help_log import HardshipHelpLog
		from party_care.hardship.doctype.hardship_helper.hardship_helper import HardshipHelper

		anonymised_on: DF.Date | None
		causes: DF.SmallText | None
		closing_date: DF.Date | None
		closing_note: DF.SmallText | None
		closing_reason: DF.Literal["", "Out of Hardship", "Moved", "Retired", "Deceased", "Other"]
		family_members: DF.Table[HardshipFamilyMember]
		hardship_level: DF.Literal["General", "Serious", "Urgent"]
		hardship_type: DF.Literal[
			"Illness",
			"Disaster",
			"Accident",
			"Bereavement",
			"Elderly without Fixed Income",
			"Disability",
			"Unemployment",
			"Low Income",
			"Children's Schooling",
			"Other",
		]
		help_log: DF.Table[HardshipHelpLog]
		helpers: DF.Table[HardshipHelper]
		household_annual_income: DF.Currency
		is_unpaired: DF.Check
		last_review_date: DF.Date | None
		measures: DF.SmallText | None
		member: DF.Link
		member_name: DF.Data | None
		next_review_date: DF.Date | None
		party_organization: DF.Link | None
		per_capita_income: DF.Currency
		registered_on: DF.Date
		review_reminded_for: DF.Date | None
		situation: DF.Text | None
		status: DF.Literal["Open", "Under Assistance", "Closed"]
		unpaired_reminded_on: DF.Date | None

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		for fieldname in REMINDER_FLAGS:
			self.set(fieldname, before.get(fieldname) if before else None)
		if (
			self.flags.ignore_links
		):  # else fetched by Frappe's link check (fetch_from), before the permission check
			self.party_organization = frappe.db.get_value("Member", self.member, "party_organization")
		self.validate_one_open_case()
		self.validate_helpers()
		self.validate_closing()
		self.set_per_capita_income()
		self.set_pairing_flag()
		if self.status != "Closed" and not self.next_review_date:
			self.next_review_date = add_years(self.registered_on or today(), 1)

	def validate_one_open_case(self):
		if self.status == "Closed":
			return
		other = frappe.db.get_value(
			"Hardship Case",
			{"member": self.member, "status": ["!=", "Closed"], "name": ["!=", self.name]},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has an open hardship case ({1}); update that case instead.").format(
					bold(self.member_name), bold(other)
				),
				DuplicateHardshipCaseError,
				title=_("Case Already Open"),
			)

	def validate_helpers(self):
		seen = set()
		for row in self.helpers:
			if row.helper == self.member:
				frappe.throw(
					_("A member cannot be his own helper."), InvalidPairingError, title=_("Invalid Pairing")
				)
			if row.helper in seen:
				frappe.throw(
					_("{0} is listed as a helper twice.").format(bold(row.helper_name or row.helper)),
					InvalidPairingError,
					title=_("Invalid Pairing"),
				)
			if frappe.db.get_value("Member", row.helper, "member_status") not in ACTIVE_MEMBER_STATUSES:
				frappe.throw(
					_("Helper {0} is not a current member.").format(bold(row.helper)),
					InvalidPairingError,
					title=_("Invalid Pairing"),
				)
			seen.add(row.helper)
		helpers = seen
		for row in self.help_log:
			if row.helper and row.helper not in helpers:
				frappe.throw(
					_("Help log row {0}: {1} is not a helper of this case.").format(
						row.idx, bold(row.helper)
					),
					InvalidPairingError,
					title=_("Invalid Pairing"),
				)
			if row.log_date and getdate(row.log_date) > getdate(today()):
				frappe.throw(
					_("Help log row {0}: the date cannot be in the future.").format(row.idx),
					title=_("Invalid Date"),
				)

	def validate_closing(self):
		before = self.get_doc_before_save()
		if self.status == "Closed":
			if not self.closing_reason:
				frappe.throw(_("Please give the reason for closing the case."), title=_("Missing Values"))
			self.closing_date = self.closing_date or today()
		elif before and before.status == "Closed":
			# reopened: the closing is kept in the version history, the fields start afresh
			self.closing_reason = self.closing_date = self.closing_note = None
			self.unpaired_reminded_on = self.review_reminded_for = None

	def set_pairing_flag(self):
		"""Unpaired: open and without a helper. Pairing re-arms the daily reminder for next time."""
		self.is_unpaired = 0 if self.helpers or self.status == "Closed" else 1
		if not self.is_unpaired:
			self.unpaired_reminded_on = None

	def set_per_capita_income(self):
		household = 1 + len(self.family_members)
		if flt(self.household_annual_income) < 0:
			frappe.throw(_("Household Annual Income cannot be negative."), title=_("Invalid Value"))
		self.per_capita_income = flt(self.household_annual_income) / household

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Closed" and (not before or before.status != "Closed"):
			self.plan_follow_up()

	def plan_follow_up(self):
		"""A member who leaves the register gets a follow-up contact some months later."""
		if self.closing_reason == "Deceased":
			return
		days = frappe.db.get_single_value("Party Care Settings", "hardship_follow_up_days") or 90
		frappe.get_doc(
			doctype="Visit",
			member=self.member,
			visit_reason="Routine Visit",
			due_date=add_days(self.closing_date or today(), days),
			follow_up_needed=1,
			follow_up=_("Follow-up after leaving the hardship register ({0})").format(self.name),
		).insert(ignore_permissions=True)
