# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A member's volunteer service (党员志愿服务): what, where, how many hours; optionally the hardship
case it served and the team it was done with."""

import frappe
from frappe import _
from frappe.model.document import Document

from party_care.incentive import activities


class VolunteerService(Document):
	def validate(self):
		activities.check_not_future(self.service_date, "Service Date")
		activities.check_hours(self.hours, _("Hours"))
		activities.check_case_readable(self, self.hardship_case)
		if (
			self.hardship_case
			and frappe.db.get_value("Hardship Case", self.hardship_case, "member") == self.member
		):
			frappe.throw(
				_("A member does not record service to his own hardship case."),
				title=_("Invalid Hardship Case"),
			)
