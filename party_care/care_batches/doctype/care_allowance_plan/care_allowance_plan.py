# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care Allowance Plan (定期补助): see party_care/care_batches/allowances.py.

Draft → Under Approval (its first period's batch goes through the batch route) → Active (when
that batch's notice closes) → Stopped. The status and the approval record are written only by
the app (allowances.py and the batch's route), never by a client."""

import frappe
from frappe import _, bold
from frappe.model.document import Document

from party_care import roles
from party_care.permissions import check_acts_for_committee

# Once the plan is on its way, nothing that decides who gets what may change — except the
# standard itself, whose changes apply from the next period.
LOCKED_AFTER_DRAFT = ("party_organization", "care_fund", "frequency", "start_date")
SET_BY_APP = (
	"status",
	"approval_batch",
	"committee_meeting_date",
	"committee_decision",
	"approved_by",
	"approved_on",
	"last_period",
	"committee",
)


class CareAllowancePlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		approval_batch: DF.Link | None
		approved_by: DF.Link | None
		approved_on: DF.Date | None
		care_fund: DF.Link
		care_standard: DF.Link
		committee: DF.Link | None
		committee_decision: DF.SmallText | None
		committee_meeting_date: DF.Date | None
		frequency: DF.Literal["Monthly", "Quarterly", "Yearly"]
		last_period: DF.Data | None
		party_organization: DF.Link
		plan_name: DF.Data
		start_date: DF.Date
		status: DF.Literal["Draft", "Under Approval", "Active", "Stopped"]

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		for fieldname in SET_BY_APP:
			self.set(fieldname, before.get(fieldname) if before else None)
		if not self.status:
			self.status = "Draft"
		if self.flags.submitting:
			self.status = "Under Approval"
		elif self.flags.stopping:
			self.status = "Stopped"
		self.validate_committee(before)
		if before and before.status != "Draft":
			for fieldname in LOCKED_AFTER_DRAFT:
				if str(self.get(fieldname) or "") != str(before.get(fieldname) or ""):
					frappe.throw(
						_(
							"{0} cannot be changed once the plan is submitted; stop it and draw up a new plan."
						).format(bold(_(self.meta.get_label(fieldname)))),
						title=_("Not Editable"),
					)

	def validate_committee(self, before):
		"""The plan is its committee's (its fund's, or the organisation's nearest): set by the app
		while a draft, fixed after; only that committee's people (and those above) change, submit
		or stop it."""
		from party_care.care_batches import permissions

		if not before or before.status == "Draft":
			self.committee = permissions.record_committee(self.care_fund, self.party_organization)
			permissions.check_fund_and_standard(self)
		elif self.has_value_changed("care_standard"):
			permissions.check_fund_and_standard(self)
		step_roles = {roles.ORGANIZATION_OFFICER, roles.COMMITTEE_MEMBER}
		if before:
			check_acts_for_committee(self, before.committee, step_roles)
		if not before or self.committee != before.committee:
			check_acts_for_committee(self, self.committee, step_roles)
