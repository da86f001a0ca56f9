# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Settings of the openness module: the days after which an undecided issue of the members'
deliberation hall goes up to the organisation above."""

from frappe.model.document import Document


class OpennessSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		escalation_days: DF.Int
	# end: auto-generated types
	pass
