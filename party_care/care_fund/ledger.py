"""The care fund ledger: the one place money moves.

Every entry is a submitted Fund Ledger Entry. A fund's balance is the sum of its submitted
entries (in − out), never a stored number. Posting an outgoing entry, or cancelling an incoming
one, locks the Care Fund row (SELECT … FOR UPDATE) first, so two officers paying at the same
moment are serialised, and the balance is then read with a locking read, so the second sees
the first's payment: the balance never goes below zero. A payment for a document carries a unique `payment_key`, so the same document is never
paid twice, even by two processes at once.

With ERPNext on the site and its books switched on, each entry's submit also makes and submits its
Journal Entry (`party_care/books.py`) in the same transaction and under the same lock: a Journal
Entry that fails leaves no ledger entry either.
"""

import frappe
from frappe import _, bold
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, fmt_money, getdate, today

from party_care.exceptions import DuplicatePaymentError, InsufficientFundError

INCOMING = ("Dues Share", "Donation", "Allocation")
OUTGOING = ("Payment",)


def post(
	care_fund: str,
	entry_type: str,
	amount: float,
	posting_date=None,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	member: str | None = None,
	party_organization: str | None = None,
	remarks: str | None = None,
):
	"""Create and submit one ledger entry. The checks run in FundLedgerEntry.before_submit."""
	entry = frappe.get_doc(
		doctype="Fund Ledger Entry",
		care_fund=care_fund,
		entry_type=entry_type,
		amount=amount,
		posting_date=posting_date or today(),
		reference_doctype=reference_doctype,
		reference_name=reference_name,
		member=member,
		party_organization=party_organization,
		remarks=remarks,
	)
	entry.flags.ignore_permissions = True
	entry.flags.posted_by_ledger = True
	entry.insert()
	entry.submit()
	return entry


def post_to_books(entry) -> None:
	"""FundLedgerEntry.on_submit: inside the posting transaction (and, for a payment, the fund lock)."""
	from party_care import books

	books.post_journal_entry(entry)


def reverse_in_books(entry) -> None:
	"""FundLedgerEntry.on_cancel: cancel its Journal Entry; ERPNext reverses the GL entries."""
	from party_care import books

	books.cancel_journal_entry(entry)


def lock_fund(care_fund: str) -> None:
	"""Hold the fund's row until the transaction ends; concurrent posters wait here."""
	fund = frappe.qb.DocType("Care Fund")
	found = frappe.qb.from_(fund).select(fund.name).where(fund.name == care_fund).for_update().run()
	if not found:
		frappe.throw(_("Care Fund {0} does not exist.").format(bold(care_fund)), frappe.DoesNotExistError)


def get_balance(care_fund: str, until=None, for_update: bool = False) -> float:
	"""Sum of submitted entries (in − out), optionally up to a date.

	`for_update` makes it a locking read, which sees the latest committed entries: under
	MariaDB's REPEATABLE READ a plain read would use the transaction's older snapshot."""
	entry = frappe.qb.DocType("Fund Ledger Entry")
	query = (
		frappe.qb.from_(entry)
		.select(Coalesce(Sum(entry.amount_in), 0) - Coalesce(Sum(entry.amount_out), 0))
		.where((entry.care_fund == care_fund) & (entry.docstatus == 1))
	)
	if until:
		query = query.where(entry.posting_date <= getdate(until))
	if for_update:
		query = query.for_update()
	return flt(query.run()[0][0])


def check_can_pay(care_fund: str, amount: float) -> None:
	"""Under the fund lock: refuse an outgoing amount larger than the balance."""
	balance = get_balance(care_fund, for_update=True)
	if flt(amount) > balance + 0.005:
		frappe.throw(
			_("Care Fund {0} has a balance of {1}; it cannot pay {2}.").format(
				bold(care_fund), bold(fmt_money(balance, currency="CNY")), bold(fmt_money(amount, currency="CNY"))
			),
			InsufficientFundError,
			title=_("Insufficient Fund Balance"),
		)


def check_not_paid(reference_doctype: str, reference_name: str) -> None:
	paid = frappe.db.get_value(
		"Fund Ledger Entry",
		{"payment_key": payment_key(reference_doctype, reference_name), "docstatus": 1},
		"name",
		for_update=True,
	)
	if paid:
		frappe.throw(
			_("{0} {1} has already been paid by ledger entry {2}.").format(
				_(reference_doctype), bold(reference_name), bold(paid)
			),
			DuplicatePaymentError,
			title=_("Already Paid"),
		)


def payment_key(reference_doctype: str, reference_name: str) -> str:
	return f"{reference_doctype}::{reference_name}"
