# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
from frappe.model.document import Document


class StudySessionAttendee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Check
		hours: DF.Float
		member: DF.Link
		member_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remarks: DF.Data | None
	# end: auto-generated types
	pass
