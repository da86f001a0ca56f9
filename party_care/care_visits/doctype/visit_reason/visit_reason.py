# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _
from frappe.model.document import Document


class VisitReason(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		due_days: DF.Int
		is_active: DF.Check
		kind: DF.Literal["Visit", "Talk"]
		marks_member_deceased: DF.Check
		opens_on_event: DF.Check
		payment_purpose: DF.Literal[
			"",
			"Living Hardship Subsidy",
			"Serious Illness or Disaster Relief",
			"Children's Schooling",
			"Condolence",
			"Training",
			"Emergency Relief",
		]
		psychological_care: DF.Check
		reason_name: DF.Data

	# end: auto-generated types
	def validate(self):
		if self.due_days is None or self.due_days < 0 or self.due_days > 366:
			frappe.throw(_("Due Within (Days) must lie between 0 and 366."), title=_("Invalid Value"))
