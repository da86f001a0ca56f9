# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Care Standard (慰问标准): categories of members → amount. A member who fits several rows gets
the highest amount, or their sum, as the standard says. A standard belongs to a committee (issue
22): its officers (and those above) make and change it, and the batches and allowance plans of
that committee and of those below it use it; one of no committee is the whole site's."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, flt

from party_care import roles
from party_care.exceptions import InvalidOrganizationError
from party_care.organization import tree
from party_care.permissions import check_acts_for_committee

WITH_THRESHOLD = ("Age at Least", "Party Standing at Least")


class CareStandard(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.care_batches.doctype.care_standard_row.care_standard_row import CareStandardRow

		combination: DF.Literal["Highest", "Sum"]
		committee: DF.Link | None
		description: DF.SmallText | None
		is_active: DF.Check
		rows: DF.Table[CareStandardRow]
		standard_name: DF.Data

	# end: auto-generated types
	def validate(self):
		self.validate_committee()
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

	def validate_committee(self):
		"""By default the one committee at the root; only its officers, or those above, make or change it."""
		before = self.get_doc_before_save()
		if not self.committee and not before:
			committees = [
				r
				for r in tree.roots()
				if frappe.db.get_value("Party Organization", r, "organization_type") == "Committee"
			]
			self.committee = committees[0] if len(committees) == 1 else None
		if (
			self.committee
			and frappe.db.get_value("Party Organization", self.committee, "organization_type") != "Committee"
		):
			frappe.throw(
				_("A care standard belongs to a Party Committee; {0} is not one.").format(
					bold(self.committee)
				),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)
		if before:  # who may change it: its committee's people as it was
			check_acts_for_committee(self, before.committee, {roles.ORGANIZATION_OFFICER})
		if not before or self.has_value_changed("committee"):
			check_acts_for_committee(self, self.committee, {roles.ORGANIZATION_OFFICER})
