# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _
from frappe.model.document import Document


class NoticeObjection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		handled_by: DF.Link | None
		raised_by: DF.Link | None
		raised_on: DF.Datetime | None
		reason: DF.SmallText
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		response: DF.SmallText | None
		status: DF.Literal["Open", "Upheld", "Dismissed"]

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before and before.status != "Open" and self.status != before.status:
			frappe.throw(_("A handled objection cannot be reopened or changed."), title=_("Not Allowed"))
		if before and self.status != before.status:
			if not self.response:
				frappe.throw(
					_("Please give a response when upholding or dismissing an objection."),
					title=_("Missing Values"),
				)
			if self.status == "Upheld" and not self.flags.from_workflow:
				frappe.throw(
					_(
						"An objection is upheld with the application's Uphold Objection action, which sends it back to the committee."
					),
					title=_("Not Allowed"),
				)
			self.handled_by = frappe.session.user
