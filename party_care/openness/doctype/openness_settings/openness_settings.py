# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Settings of the openness module: the days after which an undecided issue of the members'
deliberation hall goes up to the organisation above."""

from frappe.model.document import Document


class OpennessSettings(Document):
	pass
