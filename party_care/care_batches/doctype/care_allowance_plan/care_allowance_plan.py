# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care Allowance Plan (定期补助): see party_care/care_batches/allowances.py."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import getdate, today

# What can still change once the committee approved the plan: nothing that decides who gets what
# except the standard itself, whose changes apply from the next period.
LOCKED_WHEN_ACTIVE = ("party_organization", "care_fund", "frequency", "start_date", "committee_meeting_date",
	"committee_decision")


class CareAllowancePlan(Document):
	def validate(self):
		before = self.get_doc_before_save()
		old_status = before.status if before else "Draft"
		if self.flags.approving:
			if not self.committee_meeting_date or not (self.committee_decision or "").strip():
				frappe.throw(
					_("Please fill in {0} before this step.").format(bold(_("Committee Meeting Date") + ", " + _("Committee Decision"))),
					title=_("Missing Values"),
				)
			if getdate(self.committee_meeting_date) > getdate(today()):
				frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))
			self.status, self.approved_by, self.approved_on = "Active", frappe.session.user, today()
			return
		if self.flags.stopping:
			self.status = "Stopped"
			return
		# status and approval are written only by approve_plan / stop_plan
		self.status = old_status
		for fieldname in ("approved_by", "approved_on", "last_period"):
			self.set(fieldname, before.get(fieldname) if before else None)
		if before and old_status != "Draft":
			for fieldname in LOCKED_WHEN_ACTIVE:
				if str(self.get(fieldname) or "") != str(before.get(fieldname) or ""):
					frappe.throw(
						_("{0} cannot be changed once the plan is approved; stop it and draw up a new plan.").format(
							bold(_(self.meta.get_label(fieldname)))
						),
						title=_("Not Editable"),
					)
