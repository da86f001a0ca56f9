# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class VolunteerTeamCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		hardship_case: DF.Link
		help_given: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		served_member_name: DF.Data | None
		since: DF.Date | None
	# end: auto-generated types
	pass
