# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class PartyBuildingAssessmentGrade(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		grade_name: DF.Data
		is_top_grade: DF.Check
		min_score: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		requires_rectification: DF.Check
	# end: auto-generated types
	pass
