# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care Standard (慰问标准): categories of members → amount. A member who fits several rows gets
the highest amount, or their sum, as the standard says."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, flt

WITH_THRESHOLD = ("Age at Least", "Party Standing at Least")


class CareStandard(Document):
	def validate(self):
		if not self.rows:
			frappe.throw(_("A care standard needs at least one category."), title=_("Missing Values"))
		for row in self.rows:
			if flt(row.amount) <= 0:
				frappe.throw(
					_("Row {0}: the amount must be greater than zero.").format(row.idx),
					title=_("Invalid Amount"),
				)
			if row.category in WITH_THRESHOLD and not 1 <= cint(row.threshold) <= 120:
				frappe.throw(
					_("Row {0}: {1} needs a number of years between 1 and 120.").format(
						row.idx, bold(_(row.category))
					),
					title=_("Invalid Value"),
				)
			if row.category not in WITH_THRESHOLD:
				row.threshold = 0
			if row.category != "In Hardship":
				row.hardship_level = None
			row.grade = (row.grade or "").strip() if row.category == "Assessment Grade" else None
			if row.category == "Assessment Grade" and not row.grade:
				frappe.throw(
					_("Row {0}: {1} needs the grade it pays (e.g. 优秀).").format(
						row.idx, bold(_(row.category))
					),
					title=_("Missing Values"),
				)
