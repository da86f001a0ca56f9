"""Paying a batch through the ledger (party_care/care_fund/ledger.py), and what the batches of a
campaign paid a member."""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt, now

from party_care.care_batches.entitlement import payment_key
from party_care.organization import ACTIVE_MEMBER_STATUSES


def pay(batch) -> dict:
	"""Pay every confirmed line through the ledger under one fund lock, all or nothing.

	Lines whose member died or moved away since, or who was already paid for this occasion (in
	this batch or another), are marked Skipped with the reason and never paid."""
	from party_care.care_fund import ledger

	line = frappe.qb.DocType("Care Payment Line")
	member = frappe.qb.DocType("Member")
	rows = (
		frappe.qb.from_(line)
		.join(member)
		.on(member.name == line.member)
		.select(
			line.name,
			line.member,
			line.member_name,
			line.party_organization,
			line.amount,
			member.member_status,
		)
		.where((line.batch == batch.name) & (line.status == "Confirmed"))
		.orderby(line.name)
		.run(as_dict=True)
	)  # a second payer of the same batch already stopped at the batch row (Frappe's check_if_latest)
	skipped: dict[str, list[str]] = {}
	payments = []
	for r in rows:
		if r.member_status not in ACTIVE_MEMBER_STATUSES:
			skipped.setdefault(r.member_status, []).append(r.name)
			continue
		payments.append(
			dict(
				amount=r.amount,
				member=r.member,
				member_name=r.member_name,
				party_organization=r.party_organization,
				reference_doctype="Care Payment Line",
				reference_name=r.name,
				payment_key=payment_key(batch, r.member),
			)
		)
	remarks = _("{0} ({1})").format(batch.title, batch.name)
	result = (
		ledger.post_many(batch.care_fund, payments, remarks=remarks)
		if payments
		else {"posted": {}, "already_paid": set()}
	)
	already = [p["reference_name"] for p in payments if p["payment_key"] in result["already_paid"]]
	if already:
		skipped.setdefault("Already Paid", []).extend(already)

	if result["posted"]:
		frappe.db.sql(
			"""update `tabCare Payment Line` l join `tabFund Ledger Entry` e
				on e.reference_doctype = 'Care Payment Line' and e.reference_name = l.name and e.docstatus = 1
			set l.status = 'Paid', l.ledger_entry = e.name, l.modified = %s
			where l.batch = %s and l.status = 'Confirmed'""",
			(now(), batch.name),
		)
	reasons = {
		"Deceased": _("The member has died."),
		"Transferred Out": _("The member has transferred out."),
		"Already Paid": _("Already paid for this occasion."),
	}
	for status, names in skipped.items():
		frappe.qb.update(line).set(line.status, "Skipped").set(
			line.skip_reason, reasons.get(status, _(status))
		).where(line.name.isin(names)).run()
	paid_amount = sum(flt(p["amount"]) for p in payments if p["payment_key"] in result["posted"])
	return {
		"paid_count": len(result["posted"]),
		"paid_amount": paid_amount,
		"skipped_count": sum(len(v) for v in skipped.values()),
	}


def campaign_money(campaign: str, member: str) -> float:
	"""Care money paid to a member by the batches drawn up from a holiday campaign."""
	line = frappe.qb.DocType("Care Payment Line")
	batch = frappe.qb.DocType("Care Payment Batch")
	return flt(
		frappe.qb.from_(line)
		.join(batch)
		.on(batch.name == line.batch)
		.select(Sum(line.amount))
		.where((batch.visit_campaign == campaign) & (line.member == member) & (line.status == "Paid"))
		.run()[0][0]
	)
