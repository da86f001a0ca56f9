# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Settings of the openness module: escalation days of the deliberation hall, the age of young
members and the yearly study hours."""

from frappe.model.document import Document


class OpennessSettings(Document):
	pass
