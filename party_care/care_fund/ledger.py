"""The care fund ledger: the one place money moves.

Every entry is a submitted Fund Ledger Entry. A fund's balance is the sum of its submitted
entries (in − out), never a stored number. Posting an outgoing entry, or cancelling an incoming
one, locks the Care Fund row (SELECT … FOR UPDATE) first, so two officers paying at the same
moment are serialised, and the balance is then read with a locking read, so the second sees
the first's payment: the balance never goes below zero. A payment for a document carries a unique `payment_key`, so the same document is never
paid twice, even by two processes at once.

With ERPNext on the site and its books switched on, each entry's submit also makes and submits its
Journal Entry (`party_care/integrations/erpnext/books.py`) in the same transaction and under the same lock: a Journal
Entry that fails leaves no ledger entry either.

`post_many` pays a whole list (a holiday batch, an allowance period) under ONE fund lock with
the same checks, all or nothing: the total is refused up front when it exceeds the balance,
keys already paid are left out and reported, the rest go in as one bulk insert.
"""

import frappe
from frappe import _, bold
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, fmt_money, getdate, now, today

from party_care.exceptions import DuplicatePaymentError, InsufficientFundError, LedgerEntryError
from party_care.utils.bulk import STANDARD_FIELDS, insert_rows
from party_care.utils.naming import reserve_format_names

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
	period: str | None = None,
):
	"""Create and submit one ledger entry. The checks run in FundLedgerEntry.before_submit.
	Money in from a unit (a dues share) carries the unit (`party_organization`) and its `period`."""
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
		period=period,
		remarks=remarks,
	)
	entry.flags.ignore_permissions = True
	entry.flags.posted_by_ledger = True
	if entry_type in OUTGOING:
		# the fund lock first, before any lock on the ledger's rows or index (the duplicate check's
		# locking read, the insert): every payer of a fund queues here, so a single payment and a
		# batch (post_many) paying from the same fund cannot deadlock each other
		lock_fund(care_fund)
	entry.insert()
	entry.submit()
	return entry


def reverse(entry_name: str) -> None:
	"""Cancel an incoming entry posted for a document that is itself being cancelled (a dues
	share): under the fund lock, and refused when the fund has already spent the money
	(FundLedgerEntry.before_cancel); with ERPNext's books, its Journal Entry is cancelled too."""
	entry = frappe.get_doc("Fund Ledger Entry", entry_name)
	if entry.docstatus != 1:
		return
	entry.flags.ignore_permissions = True
	entry.flags.posted_by_ledger = True
	entry.cancel()


def books_enabled() -> bool:
	from party_care.integrations.erpnext import books

	return books.enabled()


def post_to_books(entry) -> None:
	"""FundLedgerEntry.on_submit: inside the posting transaction (and, for a payment, the fund lock)."""
	from party_care.integrations.erpnext import books

	books.post_journal_entry(entry)


def reverse_in_books(entry) -> None:
	"""FundLedgerEntry.on_cancel: cancel its Journal Entry; ERPNext reverses the GL entries."""
	from party_care.integrations.erpnext import books

	books.cancel_journal_entry(entry)


def post_many(care_fund: str, payments: list[dict], posting_date=None, remarks: str | None = None) -> dict:
	"""Pay many at once, all or nothing, under one lock of the fund.

	Each payment is a dict with amount, member, member_name, party_organization,
	reference_doctype, reference_name and payment_key (what makes it "the same payment": e.g.
	one member's holiday money of one occasion). Returns {"posted": {payment_key: entry name},
	"already_paid": {payment_key, …}}; payments whose key is already in the ledger are not
	posted again. Raises InsufficientFundError before anything is written when the rest is
	larger than the balance."""
	posting_date = getdate(posting_date or today())
	if posting_date > getdate(today()):
		frappe.throw(_("Posting Date cannot be in the future."), LedgerEntryError, title=_("Invalid Date"))
	if not frappe.db.get_value("Care Fund", care_fund, "is_active"):
		frappe.throw(_("Care Fund {0} is not active.").format(bold(care_fund)), LedgerEntryError)
	keys = [p["payment_key"] for p in payments]
	if len(set(keys)) != len(keys) or not all(keys):
		frappe.throw(_("Each payment of a list needs its own payment key."), DuplicatePaymentError)
	if any(flt(p["amount"]) <= 0 for p in payments):
		frappe.throw(_("Amount must be greater than zero."), LedgerEntryError, title=_("Invalid Amount"))

	lock_fund(care_fund)
	already_paid = paid_keys(keys)
	to_post = [p for p in payments if p["payment_key"] not in already_paid]
	check_can_pay(care_fund, sum(flt(p["amount"]) for p in to_post))

	names = reserve_format_names("Fund Ledger Entry", len(to_post))
	user, timestamp = frappe.session.user, now()
	try:
		insert_rows(
			"Fund Ledger Entry",
			fields=[
				*STANDARD_FIELDS,
				"care_fund",
				"posting_date",
				"entry_type",
				"amount_in",
				"amount_out",
				"amount",
				"party_organization",
				"member",
				"member_name",
				"reference_doctype",
				"reference_name",
				"payment_key",
				"remarks",
			],
			values=[
				(
					name,
					user,
					user,
					timestamp,
					timestamp,
					1,
					0,
					care_fund,
					posting_date,
					"Payment",
					0,
					flt(p["amount"]),
					flt(p["amount"]),
					p.get("party_organization"),
					p.get("member"),
					p.get("member_name"),
					p.get("reference_doctype"),
					p.get("reference_name"),
					p["payment_key"],
					p.get("remarks") or remarks,
				)
				for name, p in zip(names, to_post, strict=True)
			],
		)
	except frappe.db.IntegrityError:
		# another process paid one of these keys from another fund in the meantime
		frappe.throw(
			_(
				"Some of these payments were made elsewhere at the same moment; nothing was paid. Please try again."
			),
			DuplicatePaymentError,
			title=_("Already Paid"),
		)
	if books_enabled():  # ERPNext: each entry's Journal Entry, in the same transaction and lock
		for name in names:
			post_to_books(frappe.get_doc("Fund Ledger Entry", name))
	return {
		"posted": {p["payment_key"]: name for name, p in zip(names, to_post, strict=True)},
		"already_paid": already_paid,
	}


def paid_keys(keys: list[str]) -> set[str]:
	"""Which of these payment keys the ledger already holds (one locking query per 1,000 keys)."""
	entry = frappe.qb.DocType("Fund Ledger Entry")
	found = set()
	for start in range(0, len(keys), 1000):
		chunk = keys[start : start + 1000]
		found.update(
			frappe.qb.from_(entry)
			.select(entry.payment_key)
			.where(entry.payment_key.isin(chunk) & (entry.docstatus == 1))
			.for_update()
			.run(pluck=True)
		)
	return found


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
				bold(care_fund),
				bold(fmt_money(balance, currency="CNY")),
				bold(fmt_money(amount, currency="CNY")),
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
