"""With ERPNext: care-fund money in the books. Each ledger entry becomes a submitted Journal Entry
with the accounts the settings name; cancelling reverses it; the fund's balance is its account's
balance; the Fund vs Books report lists what differs; a Journal Entry that fails leaves nothing."""

import json

import frappe
import pytest
from frappe.utils import today

from party_care.care_fund import ledger
from party_care.exceptions import BooksError, LedgerEntryError
from party_care.integrations.erpnext import books
from tests.support import erpnext_world as ew
from tests.support.factories import make_application, make_fund, make_member
from tests.support.routes import branch_values, decide, end_notice
from tests.support.routes import fund_act as act
from tests.support.routes import fund_to_paid as to_paid

pytestmark = pytest.mark.skipif(
	not ew.installed(), reason="ERPNext is not installed on this site: ERPNext integration tests SKIPPED"
)

FUND = "测试入账资金"


@pytest.fixture(scope="module")
def erp(world):
	return ew.build()


@pytest.fixture
def fund(erp):
	"""A fund with its account, books on, an opening allocation of 10000 posted through the ledger."""
	name = make_fund(FUND, opening=0).name
	ew.books_on(erp, name)
	ledger.post(name, "Allocation", 10000, remarks="opening allocation")
	return name


def journal_entry_of(ledger_entry: str):
	name = frappe.db.get_value("Fund Ledger Entry", ledger_entry, "journal_entry")
	assert name, f"{ledger_entry} has no Journal Entry"
	return frappe.get_doc("Journal Entry", name)


def lines(je) -> dict:
	return {
		row.account: (row.debit_in_account_currency, row.credit_in_account_currency) for row in je.accounts
	}


def test_payment_posts_journal_entry_with_accounts_amounts_and_references(world, erp, fund):
	app = make_application(world.members.mem_a, fund, amount=800, user=world.users.mem_a).name
	to_paid(app, world, 800)
	entry = frappe.db.get_value("Fund Application", app, "ledger_entry")
	je = journal_entry_of(entry)
	assert je.docstatus == 1
	assert je.company == ew.COMPANY
	assert lines(je) == {erp.illness: (800, 0), erp.fund_account: (0, 800)}
	assert {row.cost_center for row in je.accounts} == {erp.cost_center}
	# linked both ways, and the application is named on the voucher
	assert je.party_care_ledger_entry == entry
	assert je.cheque_no == app
	assert app in je.user_remark and FUND in je.user_remark


def test_incoming_entries_credit_the_income_account_of_their_source(world, erp, fund):
	entries = {
		source: ledger.post(fund, source, amount, party_organization=world.orgs.branch_a).name
		for source, amount in (("Dues Share", 120), ("Donation", 300))
	}
	assert lines(journal_entry_of(entries["Dues Share"])) == {erp.fund_account: (120, 0), erp.dues: (0, 120)}
	assert lines(journal_entry_of(entries["Donation"])) == {
		erp.fund_account: (300, 0),
		erp.donation: (0, 300),
	}


def test_fund_balance_equals_its_account_balance(world, erp, fund):
	ledger.post(fund, "Donation", 500)
	app = make_application(world.members.mem_a, fund, amount=700, user=world.users.mem_a).name
	to_paid(app, world, 700)
	assert ledger.get_balance(fund) == 9800
	assert ew.account_balance(erp.fund_account) == 9800


def test_cancelling_an_entry_cancels_and_reverses_its_journal_entry(world, erp, fund):
	frappe.set_user(world.users.officer)
	entry = frappe.get_doc(
		doctype="Fund Ledger Entry", care_fund=fund, entry_type="Donation", amount=250, posting_date=today()
	)
	entry.insert()
	entry.submit()
	je = journal_entry_of(entry.name)
	assert ew.account_balance(erp.fund_account) == 10250
	entry.cancel()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Journal Entry", je.name, "docstatus") == 2
	# ERPNext reverses the GL: the donation no longer counts on either account
	assert ew.account_balance(erp.fund_account) == 10000 == ledger.get_balance(fund)
	assert ew.account_balance(erp.donation) == 0


def test_journal_entry_of_a_ledger_entry_cannot_be_cancelled_alone(world, erp, fund):
	"""The accountant cannot cancel it in ERPNext while the ledger entry stands: books and fund agree."""
	entry = frappe.get_all("Fund Ledger Entry", filters={"care_fund": fund, "docstatus": 1}, pluck="name")[0]
	je = journal_entry_of(entry)
	with pytest.raises(frappe.LinkExistsError):
		je.cancel()


def test_payment_is_refused_when_its_journal_entry_fails(world, erp, fund):
	frappe.db.set_value("Account", erp.illness, "disabled", 1)
	app = make_application(world.members.mem_a, fund, amount=600, user=world.users.mem_a).name
	with pytest.raises(BooksError):
		to_paid(app, world, 600)


def test_fund_without_account_cannot_post(world, erp):
	name = make_fund("测试无科目资金", opening=0).name
	ew.books_on(erp)
	with pytest.raises(BooksError, match="Fund Account"):
		ledger.post(name, "Donation", 100)


def test_settings_refuse_a_company_not_in_yuan_and_missing_accounts(erp):
	settings = frappe.get_single("Party Care Settings")
	settings.update(erp.settings)
	settings.set(next(iter(books.EXPENSE_ACCOUNT_FIELDS.values())), None)
	with pytest.raises(BooksError):
		settings.save()
	settings = frappe.get_single("Party Care Settings")
	settings.update(erp.settings)
	frappe.db.set_value("Company", ew.COMPANY, "default_currency", "USD")
	with pytest.raises(BooksError, match="CNY"):
		settings.save()


def test_fund_vs_books_lists_an_injected_difference(world, erp, fund):
	from party_care.care_fund.report.fund_vs_books.fund_vs_books import execute

	# a book entry on the fund's account that no ledger entry made
	je = frappe.get_doc(
		doctype="Journal Entry",
		company=ew.COMPANY,
		posting_date=today(),
		voucher_type="Journal Entry",
		accounts=[
			{"account": erp.fund_account, "debit_in_account_currency": 50, "cost_center": erp.cost_center},
			{"account": erp.donation, "credit_in_account_currency": 50, "cost_center": erp.cost_center},
		],
	).insert()
	je.submit()
	# and a ledger entry that never reached the books
	frappe.db.set_single_value("Party Care Settings", "post_to_books", 0)
	unbooked = ledger.post(fund, "Donation", 30).name
	frappe.db.set_single_value("Party Care Settings", "post_to_books", 1)

	_columns, rows, message = execute({"from_date": today(), "to_date": today(), "care_fund": fund})
	summary = rows[0]
	assert summary["ledger_balance"] == 10030 and summary["books_balance"] == 10050
	assert summary["difference"] == -20
	details = {r["reference_name"]: r for r in rows if r.get("indent") == 1}
	assert set(details) == {je.name, unbooked}
	assert details[je.name]["reference_doctype"] == "Journal Entry" and details[je.name]["difference"] == -50
	assert details[unbooked]["difference"] == 30
	assert "1" in message


def test_fund_vs_books_agrees_when_everything_is_posted(world, erp, fund):
	from party_care.care_fund.report.fund_vs_books.fund_vs_books import execute

	app = make_application(world.members.mem_a, fund, amount=400, user=world.users.mem_a).name
	to_paid(app, world, 400)
	_columns, rows, _message = execute({"from_date": today(), "to_date": today(), "care_fund": fund})
	assert len(rows) == 1
	assert rows[0]["ledger_out"] == 400 and rows[0]["books_credit"] == 400 and rows[0]["difference"] == 0


def test_payment_cannot_be_cancelled_so_its_journal_entry_stands(world, erp, fund):
	app = make_application(world.members.mem_a, fund, amount=300, user=world.users.mem_a).name
	to_paid(app, world, 300)
	entry = frappe.get_doc("Fund Ledger Entry", frappe.db.get_value("Fund Application", app, "ledger_entry"))
	with pytest.raises(LedgerEntryError):
		entry.cancel()
	assert journal_entry_of(entry.name).docstatus == 1


# --- over HTTP: a failed Journal Entry leaves neither entry -----------------------------------------


@pytest.fixture
def committed_payment(world, erp, committed):
	"""An approved application on a fund with books on, committed so the served site sees it."""
	fund_name = "测试入账并发资金"
	make_fund(fund_name, opening=0)
	ew.books_on(erp, fund_name, erp.other_fund_account)
	ledger.post(fund_name, "Allocation", 1000)
	member = make_member(world.orgs.branch_a).name
	app = make_application(member, fund_name, amount=500, user=world.users.sec_a).name
	act(app, "Submit", world.users.sec_a)
	act(app, "Pass Branch Review", world.users.sec_a, **branch_values())
	act(app, "Accept", world.users.officer, department_opinion="情况属实")
	decide(app, world, 500)
	end_notice("Fund Application", app)
	act(app, "Close Notice", world.users.officer)
	frappe.set_user(world.users.officer)
	doc = frappe.get_doc("Fund Application", app)
	doc.payment_method = "Signed Receipt"
	doc.save()
	frappe.set_user("Administrator")
	# ERPNext itself refuses the Journal Entry: a frozen expense account
	frappe.db.set_value("Account", erp.illness, "freeze_account", "Yes")
	frappe.db.commit()
	yield frappe._dict(app=app, fund=fund_name)
	frappe.db.rollback()
	frappe.db.set_value("Account", erp.illness, "freeze_account", "No")
	frappe.db.set_single_value("Party Care Settings", "post_to_books", 0)
	frappe.db.commit()


def _pay(session, app):
	return session.post(
		session.base_url + "/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": json.dumps({"doctype": "Fund Application", "name": app}), "action": "Pay"},
		timeout=120,
	)


def test_failed_journal_entry_leaves_neither_entry_over_http(world, erp, login, committed_payment):
	officer = login(world.users.officer)
	r = _pay(officer, committed_payment.app)
	assert r.status_code == 417, r.text[:500]
	assert "frozen" in r.text
	frappe.db.rollback()  # read what the server committed
	assert not frappe.get_all("Fund Ledger Entry", filters={"reference_name": committed_payment.app})
	assert not frappe.get_all("GL Entry", filters={"account": erp.illness, "is_cancelled": 0})
	assert frappe.db.get_value("Fund Application", committed_payment.app, "workflow_state") == "Approved"
	assert ledger.get_balance(committed_payment.fund) == 1000 == ew.account_balance(erp.other_fund_account)

	# the account unfrozen, the same payment goes through: both entries, linked
	frappe.db.set_value("Account", erp.illness, "freeze_account", "No")
	frappe.db.commit()
	r = _pay(officer, committed_payment.app)
	assert r.status_code == 200, r.text[:500]
	frappe.db.rollback()
	entry = frappe.db.get_value("Fund Application", committed_payment.app, "ledger_entry")
	assert journal_entry_of(entry).docstatus == 1
	assert ledger.get_balance(committed_payment.fund) == 500 == ew.account_balance(erp.other_fund_account)


def test_commendation_reward_is_booked_to_the_reward_expense_account(world, erp, fund):
	from tests.support.routes import make_commendation, to_awarded

	name = make_commendation(make_member(world.orgs.branch_a).name, user=world.users.sec_a).name
	to_awarded(name, world, reward_amount=200, care_fund=fund)
	entry = frappe.db.get_value("Commendation", name, "ledger_entry")
	je = journal_entry_of(entry)
	assert lines(je) == {erp.reward: (200, 0), erp.fund_account: (0, 200)}
	assert je.cheque_no == name


def test_a_batch_paid_at_once_books_each_line_to_the_care_payments_account(world, erp, fund):
	"""ledger.post_many (holiday batches, allowance periods) writes its rows in bulk; with the books
	on, every one of them gets its own Journal Entry in the same transaction."""
	payments = [
		dict(
			amount=amount,
			member=member,
			member_name="测试",
			party_organization=world.orgs.branch_a,
			reference_doctype="Care Payment Line",
			reference_name=f"TEST-LINE-{i}",
			payment_key=f"test-books-batch-{i}",
		)
		for i, (member, amount) in enumerate(((world.members.mem_a, 300), (world.members.mem_b, 500)))
	]
	posted = ledger.post_many(fund, payments, remarks="春节慰问")["posted"]
	assert len(posted) == 2
	for entry, amount in zip(posted.values(), (300, 500), strict=True):
		assert lines(journal_entry_of(entry)) == {
			erp.other_expense: (amount, 0),
			erp.fund_account: (0, amount),
		}
	assert ledger.get_balance(fund) == 9200
	assert ew.account_balance(erp.fund_account) == 9200
