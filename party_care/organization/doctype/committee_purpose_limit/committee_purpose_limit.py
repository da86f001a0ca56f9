# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class CommitteePurposeLimit(Document):
	"""One row of Committee Rules (party_care/organization/rules.py)."""
