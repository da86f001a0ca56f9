# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class CareStandardRow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		category: DF.Literal[
			"Age at Least",
			"Party Standing at Least",
			"Retired",
			"Incapacitated",
			"Living Alone",
			"Widowed or Childless",
			"Chronically Ill",
			"Duty Martyr Family",
			"In Hardship",
			"Minimum Living Allowance",
			"Low Income",
			"Assessment Grade",
		]
		grade: DF.Data | None
		hardship_level: DF.Literal["", "General", "Serious", "Urgent"]
		label: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		threshold: DF.Int
	# end: auto-generated types
	pass
