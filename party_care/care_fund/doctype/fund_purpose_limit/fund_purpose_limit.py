# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class FundPurposeLimit(Document):
	"""One row of Party Care Settings: the most one application may ask for a purpose."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		max_amount: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		purpose: DF.Literal[
			"Living Hardship Subsidy",
			"Serious Illness or Disaster Relief",
			"Children's Schooling",
			"Condolence",
			"Training",
			"Emergency Relief",
		]
	# end: auto-generated types
