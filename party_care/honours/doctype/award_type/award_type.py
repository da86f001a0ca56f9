# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Award Type: the kinds of commendation an organisation gives (data; the standard ones ship
with the app, see party_care/honours/setup.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt


class AwardType(Document):
	def validate(self):
		if cint(self.default_quota) < 0:
			frappe.throw(_("Default Quota cannot be negative."), title=_("Invalid Value"))
		if flt(self.default_reward_amount) < 0:
			frappe.throw(_("Default Reward Amount cannot be negative."), title=_("Invalid Value"))
