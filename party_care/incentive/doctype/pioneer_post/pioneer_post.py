# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A member's pioneer post (党员先锋岗, seed 002 三(一)1) and its term."""

from frappe.model.document import Document

from party_care.incentive import activities


class PioneerPost(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from_date: DF.Date
		member: DF.Link
		member_name: DF.Data | None
		party_organization: DF.Link | None
		pledge: DF.SmallText | None
		post_name: DF.Data
		to_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		if self.is_new():
			activities.check_active_member(self.member)
		activities.check_period(self.from_date, self.to_date)
