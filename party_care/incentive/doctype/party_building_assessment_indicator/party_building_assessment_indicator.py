# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class PartyBuildingAssessmentIndicator(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		full_marks_at: DF.Float
		indicator: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		source: DF.Literal[
			"Scored by Assessors",
			"Hardship Cases Paired",
			"Reviews On Time",
			"Visits Done Against Plan",
			"Talk Coverage",
			"Money Paid",
			"Honours Given",
		]
		weight: DF.Float
	# end: auto-generated types
	pass
