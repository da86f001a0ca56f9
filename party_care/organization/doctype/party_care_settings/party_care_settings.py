# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _
from frappe.model.document import Document

from party_care.integrations.erpnext import books


class PartyCareSettings(Document):
	def validate(self):
		if not 14 <= (self.minimum_joining_age or 0) <= 30:
			frappe.throw(_("Minimum Age at Joining must lie between 14 and 30."), title=_("Invalid Setting"))
		books.validate_settings(self)
		purposes = [row.purpose for row in self.get("purpose_limits") or []]
		if len(purposes) != len(set(purposes)):
			frappe.throw(_("Each purpose may have one limit only."), title=_("Invalid Setting"))

	def max_amount_for(self, purpose: str) -> float | None:
		"""The most one application may request for a purpose (None: only the yearly cap)."""
		return next(
			(row.max_amount for row in self.get("purpose_limits") or [] if row.purpose == purpose), None
		)
