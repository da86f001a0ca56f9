# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A member's volunteer service (党员志愿服务): what, where, how many hours; optionally the hardship
case it served and the team it was done with."""

import frappe
from frappe import _
from frappe.model.document import Document

from party_care.incentive import activities


class VolunteerService(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		hardship_case: DF.Link | None
		hours: DF.Float
		member: DF.Link
		member_name: DF.Data | None
		party_organization: DF.Link | None
		place: DF.Data | None
		served_member_name: DF.Data | None
		service: DF.Data
		service_date: DF.Date
		volunteer_team: DF.Link | None

	# end: auto-generated types
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
