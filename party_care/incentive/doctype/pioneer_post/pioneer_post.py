# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A member's pioneer post (党员先锋岗, seed 002 三(一)1) and its term."""

from frappe.model.document import Document

from party_care.incentive import activities


class PioneerPost(Document):
	def validate(self):
		if self.is_new():
			activities.check_active_member(self.member)
		activities.check_period(self.from_date, self.to_date)
