# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care Allowance Plan (定期补助): see party_care/care_batches/allowances.py.

Draft → Under Approval (its first period's batch goes through the batch route) → Active (when
that batch's notice closes) → Stopped. The status and the approval record are written only by
the app (allowances.py and the batch's route), never by a client."""

import frappe
from frappe import _, bold
from frappe.model.document import Document

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
)


class CareAllowancePlan(Document):
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
		if before and before.status != "Draft":
			for fieldname in LOCKED_AFTER_DRAFT:
				if str(self.get(fieldname) or "") != str(before.get(fieldname) or ""):
					frappe.throw(
						_(
							"{0} cannot be changed once the plan is submitted; stop it and draw up a new plan."
						).format(bold(_(self.meta.get_label(fieldname)))),
						title=_("Not Editable"),
					)
