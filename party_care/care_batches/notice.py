"""Batch lines on public notice (公示), in the same row shape as the care fund's notices
(party_care/care_fund/notice.py): name (the objection target), member name, organisation,
purpose (occasion and category), amount and notice dates — nothing else. The objections to them are party_care/controllers/notice.py's (open_objections with
lines)."""

import frappe
from frappe import _

from party_care.controllers.notice import notice_running


def batch_notice_rows(funds: list[str] | None = None) -> list[dict]:
	"""Live lines of batches whose notice is running now, of these funds (None: all; the caller
	checks who may read)."""
	if not frappe.db.table_exists("Care Payment Line") or (funds is not None and not funds):
		return []
	line = frappe.qb.DocType("Care Payment Line")
	batch = frappe.qb.DocType("Care Payment Batch")
	query = (
		frappe.qb.from_(line)
		.join(batch)
		.on(batch.name == line.batch)
		.select(
			line.name,
			line.member_name,
			line.party_organization,
			line.category.as_("purpose"),
			line.amount.as_("amount_approved"),
			batch.notice_start,
			batch.notice_end,
			batch.occasion,
		)
		.where(notice_running(batch) & line.status.isin(("Proposed", "Confirmed")))
		.orderby(batch.notice_end)
		.orderby(line.name)
	)
	if funds is not None:
		query = query.where(batch.care_fund.isin(funds))
	rows = query.run(as_dict=True)
	for row in rows:
		row["purpose_label"] = f"{_(row.pop('occasion'))} · {row['purpose']}"
	return rows
