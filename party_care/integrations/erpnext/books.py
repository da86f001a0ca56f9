"""Care-fund money in ERPNext's books.

With ERPNext installed and "Post Fund Entries to ERPNext" on (Party Care Settings), every Fund
Ledger Entry that `party_care.care_fund.ledger` submits is mirrored by one submitted Journal Entry
in the settings' Company:

* money in (dues share, donation, allocation): debit the fund's Account, credit the income
  account named for that source;
* money out (an application's payment, a commendation reward): debit the expense account named
  for the purpose, credit the fund's Account.

The Journal Entry is made inside the ledger entry's own submit — the same transaction and, for a
payment, the same fund lock — so a Journal Entry that fails leaves no ledger entry either. The two
link to each other (`Fund Ledger Entry.journal_entry`, `Journal Entry.party_care_ledger_entry`);
cancelling the ledger entry cancels the Journal Entry, which ERPNext reverses in the GL, and a
Journal Entry a submitted ledger entry links to cannot be cancelled on its own.

Nothing here imports ERPNext: it is reached through Frappe's documents only.
"""

import frappe
from frappe import _, bold
from frappe.utils import cint, flt

from party_care.exceptions import BooksError
from party_care.integrations.erpnext.setup import (
	EXPENSE_ACCOUNT_FIELDS,
	INCOME_ACCOUNT_FIELDS,
	erpnext_installed,
)

COMMENDATION_REWARD = "Commendation Reward"
CARE_PAYMENTS = "Holiday Care Money and Allowances"
CURRENCY = "CNY"


def enabled() -> bool:
	return erpnext_installed() and bool(
		cint(frappe.db.get_single_value("Party Care Settings", "post_to_books"))
	)


def post_journal_entry(entry) -> str | None:
	"""Mirror a submitted Fund Ledger Entry by a submitted Journal Entry; returns its name."""
	if not enabled():
		return None
	settings = frappe.get_single("Party Care Settings")
	fund_account, cost_center = fund_accounts(entry.care_fund, settings)
	other = counter_account(entry, settings)
	incoming = flt(entry.amount_in) > 0
	debit, credit = (fund_account, other) if incoming else (other, fund_account)
	je = frappe.new_doc("Journal Entry")
	je.update(
		{
			"voucher_type": "Journal Entry",
			"company": settings.books_company,
			"posting_date": entry.posting_date,
			"cheque_no": entry.reference_name or entry.name,
			"cheque_date": entry.posting_date,
			"user_remark": remark(entry),
			"party_care_ledger_entry": entry.name,
		}
	)
	amount = flt(entry.amount)
	je.append("accounts", {"account": debit, "debit_in_account_currency": amount, "cost_center": cost_center})
	je.append(
		"accounts", {"account": credit, "credit_in_account_currency": amount, "cost_center": cost_center}
	)
	je.flags.ignore_permissions = True
	je.insert()
	je.submit()
	entry.db_set("journal_entry", je.name, update_modified=False)
	return je.name


def cancel_journal_entry(entry) -> None:
	"""The ledger entry is being cancelled: cancel its Journal Entry (ERPNext reverses the GL)."""
	if not erpnext_installed():
		return
	name = frappe.db.get_value("Fund Ledger Entry", entry.name, "journal_entry")
	if not name or frappe.db.get_value("Journal Entry", name, "docstatus") != 1:
		return
	je = frappe.get_doc("Journal Entry", name)
	je.flags.ignore_permissions = True
	je.cancel()


def fund_accounts(care_fund: str, settings) -> tuple[str, str]:
	account, cost_center = frappe.db.get_value("Care Fund", care_fund, ["books_account", "books_cost_center"])
	if not account:
		_refuse(
			_(
				"Care Fund {0} has no Fund Account. Set one on the fund: its entries are posted to ERPNext."
			).format(bold(care_fund))
		)
	check_account(account, settings.books_company)
	return account, cost_center or settings.books_cost_center


def counter_account(entry, settings) -> str:
	"""The income account of the entry's source, or the expense account of the payment's purpose."""
	if flt(entry.amount_in) > 0:
		label, fieldname = entry.entry_type, INCOME_ACCOUNT_FIELDS.get(entry.entry_type)
	else:
		label = payment_purpose(entry)
		fieldname = EXPENSE_ACCOUNT_FIELDS.get(label)
	account = settings.get(fieldname) if fieldname else None
	if not account:
		_refuse(
			_("Party Care Settings name no account for {0}; it cannot be posted to ERPNext.").format(
				bold(_(label))
			)
		)
	check_account(account, settings.books_company)
	return account


def payment_purpose(entry) -> str:
	if entry.reference_doctype == "Commendation":
		return COMMENDATION_REWARD
	if entry.reference_doctype == "Care Payment Line":  # a holiday batch or an allowance period
		return CARE_PAYMENTS
	if entry.reference_doctype and frappe.get_meta(entry.reference_doctype).has_field("purpose"):
		return frappe.db.get_value(entry.reference_doctype, entry.reference_name, "purpose") or ""
	return entry.reference_doctype or entry.entry_type


def check_account(account: str, company: str) -> None:
	row = frappe.db.get_value("Account", account, ["company", "is_group", "disabled"], as_dict=True)
	if not row or row.company != company:
		_refuse(_("Account {0} does not belong to company {1}.").format(bold(account), bold(company)))
	if row.is_group or row.disabled:
		_refuse(_("Account {0} is a group or disabled; choose a ledger account.").format(bold(account)))


def remark(entry) -> str:
	parts = [_("Care Fund {0}: {1}").format(entry.care_fund, _(entry.entry_type))]
	if entry.reference_name:
		parts.append(f"{_(entry.reference_doctype)} {entry.reference_name}")
	if entry.remarks:
		parts.append(entry.remarks)
	parts.append(entry.name)
	return " · ".join(parts)


def validate_settings(settings) -> None:
	"""Party Care Settings.validate: turning posting on needs a company in yuan and every account."""
	if not erpnext_installed() or not cint(settings.get("post_to_books")):
		return
	company = settings.get("books_company")
	if not company:
		_refuse(_("Choose the Company whose books receive the care-fund entries."))
	currency = frappe.db.get_value("Company", company, "default_currency")
	if currency != CURRENCY:
		_refuse(
			_("Company {0} keeps its books in {1}; care funds are in yuan (CNY).").format(
				bold(company), bold(currency)
			)
		)
	for label, fieldname in {**EXPENSE_ACCOUNT_FIELDS, **INCOME_ACCOUNT_FIELDS}.items():
		if not settings.get(fieldname):
			_refuse(
				_("Party Care Settings name no account for {0}; it cannot be posted to ERPNext.").format(
					bold(_(label))
				)
			)
		check_account(settings.get(fieldname), company)
	cost_center = settings.get("books_cost_center")
	if not cost_center or frappe.db.get_value("Cost Center", cost_center, "company") != company:
		_refuse(_("Choose a Cost Center of company {0}.").format(bold(company)))


def validate_fund(fund) -> None:
	"""Care Fund.validate: its account must belong to the books' company."""
	if not erpnext_installed() or not fund.get("books_account"):
		return
	company = frappe.db.get_single_value("Party Care Settings", "books_company")
	if company:
		check_account(fund.books_account, company)


def _refuse(message: str):
	frappe.throw(message, BooksError, title=_("ERPNext Books"))
