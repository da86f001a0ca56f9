"""The states of a Care Payment Batch and the statuses of its lines, as the code names them (the
Workflow in party_care/workflow/care_payment_batch.json holds the same names)."""

import frappe

LIVE_LINE_STATUSES = ("Proposed", "Confirmed", "Paid")
DRAFT, CONFIRMATION, DEPARTMENT, COMMITTEE = (
	"Draft",
	"Branch Confirmation",
	"Department Review",
	"Committee Review",
)
NOTICE, APPROVED, PAID, REJECTED = "Public Notice", "Approved", "Paid", "Rejected"


class LineChangeError(frappe.ValidationError):
	pass
