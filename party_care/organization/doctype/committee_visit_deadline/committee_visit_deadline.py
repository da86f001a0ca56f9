# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class CommitteeVisitDeadline(Document):
	"""One row of Committee Rules (party_care/organization/rules.py)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_days: DF.Int
		fixed_for_below: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		visit_reason: DF.Link
	# end: auto-generated types
