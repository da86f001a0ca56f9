# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _
from frappe.model.document import Document


class VisitReason(Document):
	def validate(self):
		if self.due_days is None or self.due_days < 0 or self.due_days > 366:
			frappe.throw(_("Due Within (Days) must lie between 0 and 366."), title=_("Invalid Value"))
