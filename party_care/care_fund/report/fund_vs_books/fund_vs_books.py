# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Fund vs Books (ERPNext): per fund, what the fund ledger took in and paid out in the period and
its balance at the end, beside the same for the fund's Account in ERPNext's General Ledger, and the
difference. Under each fund, the entries that make a difference: a ledger entry without its
Journal Entry or booked for another amount, and a book entry on the fund's account that no ledger
entry made. Aggregates in SQL, one query per kind, not per fund."""

import frappe
from frappe import _
from frappe.utils import flt, get_year_start, getdate, today

from party_care.integrations.erpnext.setup import erpnext_installed
from party_care.reports import col, link_col

TOLERANCE = 0.005


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not erpnext_installed():
		return columns(), [], _("ERPNext is not installed on this site: there are no books to compare.")
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or get_year_start(to_date))
	if from_date > to_date:
		frappe.throw(_("From Date must not be after To Date."), title=_("Invalid Period"))
	company = frappe.db.get_single_value("Party Care Settings", "books_company")
	rows = data(company, from_date, to_date, filters.get("care_fund"))
	differing = [r for r in rows if not r.get("indent") and abs(flt(r.get("difference"))) > TOLERANCE]
	message = (
		_("{0} funds differ from the books.").format(len(differing))
		if differing
		else _("Every fund agrees with the books.")
	)
	return columns(), rows, message


def columns():
	currency = {"fieldtype": "Currency", "options": "currency", "width": 115}
	return [
		link_col("care_fund", _("Care Fund"), "Care Fund", 170),
		col("account", _("Fund Account"), width=170),
		col("posting_date", _("Posting Date"), "Date", 100),
		{"fieldname": "ledger_in", "label": _("Ledger In"), **currency},
		{"fieldname": "ledger_out", "label": _("Ledger Out"), **currency},
		{"fieldname": "ledger_balance", "label": _("Ledger Balance"), **currency},
		{"fieldname": "books_debit", "label": _("Books Debit"), **currency},
		{"fieldname": "books_credit", "label": _("Books Credit"), **currency},
		{"fieldname": "books_balance", "label": _("Books Balance"), **currency},
		{"fieldname": "difference", "label": _("Difference"), **currency},
		col("issue", _("Issue"), width=220),
		col("reference_doctype", _("Document Type"), width=120),
		col("reference_name", _("Document"), "Dynamic Link", 160, "reference_doctype"),
		{
			"fieldname": "currency",
			"label": _("Currency"),
			"fieldtype": "Data",  # the amounts' currency (their options); plain text, as above
			"hidden": 1,
		},
	]


def data(company: str | None, from_date, to_date, care_fund: str | None = None) -> list[dict]:
	from party_care.care_fund.permissions import managed_funds

	filters = {"name": care_fund} if care_fund else {}
	if (managed := managed_funds()) is not None:  # a committee's people: their committees' funds only
		filters = [["name", "in", managed or [""]], *([["name", "=", care_fund]] if care_fund else [])]
	funds = frappe.get_all(
		"Care Fund",
		filters=filters,
		fields=["name", "books_account"],
		order_by="name",
	)
	if not funds:
		return []
	params = {"from": from_date, "to": to_date, "company": company or "", "funds": [f.name for f in funds]}
	ledger = ledger_totals(params)
	books = books_totals(params, [f.books_account for f in funds if f.books_account])
	ledger_issues = ledger_entries_off_books(params)
	book_issues = book_entries_off_ledger(params)
	out = []
	for fund in funds:
		lt = ledger.get(fund.name, {})
		bt = books.get(fund.books_account, {}) if fund.books_account else {}
		row = frappe._dict(
			care_fund=fund.name,
			account=fund.books_account,
			ledger_in=flt(lt.get("ledger_in")),
			ledger_out=flt(lt.get("ledger_out")),
			ledger_balance=flt(lt.get("balance")),
			books_debit=flt(bt.get("debit")),
			books_credit=flt(bt.get("credit")),
			books_balance=flt(bt.get("balance")),
			currency="CNY",
			indent=0,
		)
		row.difference = flt(row.ledger_balance - row.books_balance, 2)
		if not fund.books_account:
			row.issue = _("The fund has no account in ERPNext")
		elif abs(row.difference) > TOLERANCE:
			row.issue = _("Fund and books differ")
		out.append(row)
		for issue in ledger_issues.get(fund.name, []) + book_issues.get(fund.books_account, []):
			issue.update(care_fund=fund.name, account=fund.books_account, currency="CNY", indent=1)
			out.append(issue)
	return out


def ledger_totals(params) -> dict:
	rows = frappe.db.sql(
		"""
		select care_fund,
			sum(amount_in - amount_out) as balance,
			sum(case when posting_date >= %(from)s then amount_in else 0 end) as ledger_in,
			sum(case when posting_date >= %(from)s then amount_out else 0 end) as ledger_out
		from `tabFund Ledger Entry`
		where docstatus = 1 and posting_date <= %(to)s and care_fund in %(funds)s
		group by care_fund
		""",
		params,
		as_dict=True,
	)
	return {r.care_fund: r for r in rows}


def books_totals(params, accounts: list[str]) -> dict:
	if not accounts:
		return {}
	rows = frappe.db.sql(
		"""
		select account,
			sum(debit - credit) as balance,
			sum(case when posting_date >= %(from)s then debit else 0 end) as debit,
			sum(case when posting_date >= %(from)s then credit else 0 end) as credit
		from `tabGL Entry`
		where is_cancelled = 0 and company = %(company)s and posting_date <= %(to)s and account in %(accounts)s
		group by account
		""",
		{**params, "accounts": accounts},
		as_dict=True,
	)
	return {r.account: r for r in rows}


def ledger_entries_off_books(params) -> dict[str, list]:
	"""Ledger entries of the period whose Journal Entry is missing, not submitted, or books another
	amount on the fund's account."""
	rows = frappe.db.sql(
		"""
		select fle.name, fle.care_fund, fle.posting_date, fle.amount_in, fle.amount_out, fle.journal_entry,
			je.docstatus as je_docstatus,
			coalesce(sum(gle.debit), 0) as debit, coalesce(sum(gle.credit), 0) as credit
		from `tabFund Ledger Entry` fle
		join `tabCare Fund` cf on cf.name = fle.care_fund
		left join `tabJournal Entry` je on je.name = fle.journal_entry
		left join `tabGL Entry` gle on gle.voucher_type = 'Journal Entry' and gle.voucher_no = fle.journal_entry
			and gle.account = cf.books_account and gle.is_cancelled = 0
		where fle.docstatus = 1 and fle.posting_date between %(from)s and %(to)s and fle.care_fund in %(funds)s
		group by fle.name
		having coalesce(je.docstatus, 0) != 1
			or abs((fle.amount_in - fle.amount_out) - (coalesce(sum(gle.debit), 0) - coalesce(sum(gle.credit), 0)))
				> 0.005
		order by fle.posting_date, fle.name
		""",
		params,
		as_dict=True,
	)
	out = {}
	for r in rows:
		booked = flt(r.debit) - flt(r.credit)
		issue = (
			_("Ledger entry without a submitted journal entry")
			if r.je_docstatus != 1
			else _("Journal entry books another amount")
		)
		out.setdefault(r.care_fund, []).append(
			frappe._dict(
				posting_date=r.posting_date,
				ledger_in=r.amount_in,
				ledger_out=r.amount_out,
				books_debit=r.debit,
				books_credit=r.credit,
				difference=flt(flt(r.amount_in) - flt(r.amount_out) - booked, 2),
				issue=issue,
				reference_doctype="Fund Ledger Entry",
				reference_name=r.name,
			)
		)
	return out


def book_entries_off_ledger(params) -> dict[str, list]:
	"""Book entries of the period on a fund's account that no submitted ledger entry of that fund made."""
	rows = frappe.db.sql(
		"""
		select gle.account, gle.voucher_type, gle.voucher_no, min(gle.posting_date) as posting_date,
			sum(gle.debit) as debit, sum(gle.credit) as credit
		from `tabGL Entry` gle
		join `tabCare Fund` cf on cf.books_account = gle.account
		where gle.is_cancelled = 0 and gle.company = %(company)s
			and gle.posting_date between %(from)s and %(to)s and cf.name in %(funds)s
			and not exists (
				select 1 from `tabFund Ledger Entry` fle
				where fle.docstatus = 1 and fle.care_fund = cf.name
					and gle.voucher_type = 'Journal Entry' and fle.journal_entry = gle.voucher_no
			)
		group by gle.account, gle.voucher_type, gle.voucher_no
		order by posting_date, gle.voucher_no
		""",
		params,
		as_dict=True,
	)
	out = {}
	for r in rows:
		out.setdefault(r.account, []).append(
			frappe._dict(
				posting_date=r.posting_date,
				books_debit=r.debit,
				books_credit=r.credit,
				difference=flt(flt(r.credit) - flt(r.debit), 2),
				issue=_("Book entry without a ledger entry"),
				reference_doctype=r.voucher_type,
				reference_name=r.voucher_no,
			)
		)
	return out
