# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""One member's money in a Care Payment Batch. Lines are made, confirmed, removed and paid only
through party_care/care_batches/batches.py, which checks who may do what in which state."""

from frappe.model.document import Document


class CarePaymentLine(Document):
	pass
