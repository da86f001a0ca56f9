# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Party Worker Post: a member's time in a party post, from which the ten-year party worker
certificate is computed (party_care/honours/eligibility.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from party_care.permissions import check_organization_in_scope


class PartyWorkerPost(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		end_date: DF.Date | None
		member: DF.Link
		member_name: DF.Data | None
		party_organization: DF.Link
		post: DF.Literal[
			"Secretary",
			"Deputy Secretary",
			"Committee Member",
			"Full-time Party Worker",
			"Part-time Party Worker",
		]
		start_date: DF.Date

	# end: auto-generated types
	def validate(self):
		if self.is_new() or self.has_value_changed("member"):
			# the post may be in another organisation than the member's now; the member is his to record
			check_organization_in_scope(
				self, frappe.db.get_value("Member", self.member, "party_organization")
			)
		if getdate(self.start_date) > getdate(today()):
			frappe.throw(_("Start Date cannot be in the future."), title=_("Invalid Date"))
		if self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("End Date cannot be before Start Date."), title=_("Invalid Date"))
