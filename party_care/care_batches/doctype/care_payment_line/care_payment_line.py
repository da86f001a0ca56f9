# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""One member's money in a Care Payment Batch. Lines are made, confirmed, removed and paid only
through party_care/care_batches/batches.py, which checks who may do what in which state."""

from frappe.model.document import Document


class CarePaymentLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		added_manually: DF.Check
		amount: DF.Currency
		batch: DF.Link
		category: DF.Data | None
		change_reason: DF.SmallText | None
		changed_by: DF.Link | None
		confirmed_by: DF.Link | None
		ledger_entry: DF.Link | None
		line_key: DF.Data | None
		member: DF.Link
		member_name: DF.Data | None
		occasion: DF.Data | None
		party_organization: DF.Link | None
		skip_reason: DF.Data | None
		status: DF.Literal["Proposed", "Confirmed", "Removed", "Paid", "Skipped"]
		year: DF.Int
	# end: auto-generated types
	pass
