# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class DisclosureCareLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		kind_of_care: DF.Data | None
		members: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		times: DF.Int
	# end: auto-generated types
	pass
