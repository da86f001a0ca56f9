# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document


class FundPurposeLimit(Document):
	"""One row of Party Care Settings: the most one application may ask for a purpose."""
