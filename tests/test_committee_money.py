"""Money and decisions at the right level (issue 22): dues shares handed up to a committee's fund,
traceable to the unit and the period, posted once through the ledger; payment batches, allowance
plans and care standards belong to a committee, whose people (and those above) alone take their
steps; an existing one-committee site migrates with nothing changed."""

import datetime

import frappe
import pytest
from frappe.utils import getdate, today

from party_care.care_batches import allowances, batches
from party_care.care_fund import ledger
from party_care.exceptions import DuplicateDuesShareError, LedgerEntryError
from tests.support import erpnext_world as ew
from tests.support.factories import make_fund
from tests.support.routes import (
	as_user,
	batch_act,
	elderly,
	end_notice,
	listed,
	make_batch,
	make_share,
	make_standard,
)
from tests.support.world import build_committees

YEAR = getdate(today()).year
QUARTER = (getdate(today()).month - 1) // 3 + 1


@pytest.mark.skipif(not ew.installed(), reason="ERPNext is not installed: ERPNext integration tests SKIPPED")
def test_a_dues_share_is_posted_to_the_books_like_other_money_in(world):
	erp = ew.build()
	fund = make_fund("入账党费资金", opening=0).name
	ew.books_on(erp, fund)
	share = make_share(fund, world.orgs.branch_a)
	je = frappe.db.get_value("Fund Ledger Entry", share.ledger_entry, "journal_entry")
	rows = frappe.get_all(
		"Journal Entry Account",
		filters={"parent": je},
		fields=["account", "debit_in_account_currency", "credit_in_account_currency"],
	)
	assert {(r.account, r.debit_in_account_currency, r.credit_in_account_currency) for r in rows} == {
		(erp.fund_account, 1200, 0),
		(erp.dues, 0, 1200),
	}
	share.cancel()
	assert frappe.db.get_value("Journal Entry", je, "docstatus") == 2


# --- dues shares handed up (seed 000) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def two(committed):
	return build_committees(committed)


@pytest.fixture
def funds(two):
	return frappe._dict(
		up=make_fund("工委党费专项资金", 1000, committee=two.orgs.upper).name,
		c1=make_fund("甲党委慰问资金", 20000, committee=two.orgs.c1).name,
		c2=make_fund("乙党委慰问资金", 20000, committee=two.orgs.c2).name,
	)


def test_a_dues_share_is_posted_once_as_money_in_traceable_to_the_unit_and_period(two, funds):
	share = make_share(funds.up, two.orgs.c2, user=two.users.up_officer)
	assert share.amount == 1200 and share.committee == two.orgs.upper
	assert share.period == f"{YEAR}-Q{QUARTER}"
	entries = frappe.get_all(
		"Fund Ledger Entry",
		filters={"reference_doctype": "Dues Share", "reference_name": share.name, "docstatus": 1},
		fields=["name", "care_fund", "entry_type", "amount_in", "party_organization", "period"],
	)
	assert entries == [
		{
			"name": share.ledger_entry,
			"care_fund": funds.up,
			"entry_type": "Dues Share",
			"amount_in": 1200,
			"party_organization": two.orgs.c2,
			"period": share.period,
		}
	]
	assert ledger.get_balance(funds.up) == 2200
	# the Fund Movements report shows it as dues share money in
	from party_care.care_fund.report.fund_movements.fund_movements import execute

	frappe.set_user(two.users.up_auditor)
	try:
		rows = [r for r in execute({"year": YEAR, "care_fund": funds.up})[1] if r.get("month")]
	finally:
		frappe.set_user("Administrator")
	assert sum(r.dues_share for r in rows) == 1200


def test_the_same_unit_period_and_fund_is_posted_only_once(two, funds):
	make_share(funds.up, two.orgs.c2, user=two.users.up_officer)
	with pytest.raises(DuplicateDuesShareError):
		make_share(funds.up, two.orgs.c2, user=two.users.up_officer, dues_collected=9000)
	with pytest.raises(DuplicateDuesShareError):  # a draft counts too
		make_share(funds.up, two.orgs.c1, user=two.users.up_officer, submit=False)
		make_share(funds.up, two.orgs.c1, user=two.users.up_officer)
	with pytest.raises(LedgerEntryError):  # nor by hand, past the share
		frappe.get_doc(
			doctype="Fund Ledger Entry",
			care_fund=funds.up,
			entry_type="Dues Share",
			amount=1200,
			party_organization=two.orgs.c2,
		).insert()
	# another quarter, another unit: their own shares
	make_share(funds.up, two.orgs.c2, user=two.users.up_officer, period_number=QUARTER % 4 + 1)
	assert ledger.get_balance(funds.up) == 1000 + 1200 + 1200


def test_cancelling_a_dues_share_reverses_its_posting(two, funds):
	share = make_share(funds.up, two.orgs.c2, user=two.users.up_officer)
	with pytest.raises(LedgerEntryError):  # not behind the share's back
		frappe.get_doc("Fund Ledger Entry", share.ledger_entry).cancel()
	frappe.set_user(two.users.up_officer)
	try:
		frappe.get_doc("Dues Share", share.name).cancel()
	finally:
		frappe.set_user("Administrator")
	assert frappe.db.get_value("Fund Ledger Entry", share.ledger_entry, "docstatus") == 2
	assert ledger.get_balance(funds.up) == 1000
	# the corrected share can then be recorded
	make_share(funds.up, two.orgs.c2, user=two.users.up_officer, dues_collected=15000)
	assert ledger.get_balance(funds.up) == 2500


def test_a_spent_dues_share_cannot_be_cancelled(two, funds):
	from party_care.exceptions import InsufficientFundError

	fund = make_fund("工委党费零余额资金", 0, committee=two.orgs.upper).name
	share = make_share(fund, two.orgs.c1, user=two.users.up_officer)
	ledger.post_many(
		fund,
		[dict(amount=1000, member=two.members.c1_mem, payment_key="test::spent", reference_doctype=None)],
	)
	with pytest.raises(InsufficientFundError):
		share.cancel()
	assert ledger.get_balance(fund) == 200


def test_only_the_receiving_committees_officers_record_a_share(two, funds):
	for user in (two.users.c1_officer, two.users.c2_officer, two.users.up_committee):
		with pytest.raises(frappe.PermissionError):
			make_share(funds.up, two.orgs.c2, user=user)
	share = make_share(funds.up, two.orgs.c2, user=two.users.up_officer)
	with pytest.raises(frappe.PermissionError):
		as_user(two.users.c2_officer, frappe.get_doc("Dues Share", share.name).cancel)
	# a unit hands up to a committee above it: not sideways, not to itself
	with pytest.raises(frappe.ValidationError, match="乙党委慰问资金"):
		make_share(funds.c2, two.orgs.b1)
	with pytest.raises(frappe.ValidationError):
		make_share(funds.c2, two.orgs.c2)
	for bad in (
		dict(dues_collected=-5),
		dict(share_percent=120),
		dict(period_number=13, frequency="Monthly"),
	):
		with pytest.raises(frappe.ValidationError):
			make_share(funds.up, two.orgs.c1, **bad)


def test_the_unit_reads_its_own_shares_and_no_sisters(two, funds):
	of_c2 = make_share(funds.up, two.orgs.c2).name
	of_b2 = make_share(funds.up, two.orgs.b2).name
	of_c1 = make_share(funds.up, two.orgs.c1).name
	mine = {of_c2, of_b2, of_c1}
	assert listed(two.users.up_auditor, "Dues Share") >= mine
	assert listed(two.users.c2_officer, "Dues Share") & mine == {of_c2, of_b2}
	assert listed(two.users.c2_sec, "Dues Share") & mine == {of_b2}
	assert listed(two.users.c1_auditor, "Dues Share") & mine == {of_c1}
	assert not listed(two.users.c1_sec, "Dues Share") & mine
	assert not listed(two.users.c2_mem, "Dues Share")
	assert not frappe.has_permission("Dues Share", "read", doc=of_c2, user=two.users.c1_officer)
	assert frappe.has_permission("Dues Share", "read", doc=of_b2, user=two.users.c2_sec)


# --- batches, allowance plans and care standards belong to a committee --------------------------------------


@pytest.fixture
def upper_batch(two, funds):
	"""A holiday batch of the work committee over both committees, with a line in each."""
	ledger.post(funds.up, "Allocation", 20000)
	standard = make_standard("工委慰问标准").name
	frappe.db.set_value("Care Standard", standard, "committee", two.orgs.upper)
	members = [elderly(two.orgs.b1), elderly(two.orgs.b2)]
	name = make_batch(
		frappe._dict(users=two.users, orgs=frappe._dict(committee=two.orgs.upper)),
		funds.up,
		standard=standard,
		user=two.users.up_officer,
	)
	return frappe._dict(name=name, standard=standard, members=members)


def refused(name, action, user, **values):
	with pytest.raises(frappe.PermissionError):
		batch_act(name, action, user, **values)


def test_a_batch_is_its_committees_and_its_steps_are_refused_to_a_lower_committee(two, upper_batch):
	name = upper_batch.name
	assert frappe.db.get_value("Care Payment Batch", name, "committee") == two.orgs.upper
	assert frappe.has_permission("Care Payment Batch", "read", doc=name, user=two.users.c2_officer)
	refused(name, "Submit", two.users.c2_officer)
	batch_act(name, "Submit", two.users.up_officer)
	# committee 2's secretary confirms his branch's line; its officer acts for no one here
	assert as_user(two.users.c2_sec, batches.confirm_lines, name)["confirmed"] == 1
	with pytest.raises(frappe.PermissionError):
		as_user(two.users.c2_officer, batches.confirm_lines, name)
	line = frappe.db.get_value("Care Payment Line", {"batch": name, "status": "Proposed"}, "name")
	with pytest.raises(frappe.PermissionError):
		as_user(two.users.c2_officer, batches.remove_line, line, "不符合条件")
	as_user(two.users.up_officer, batches.confirm_lines, name)
	refused(name, "Close Confirmation", two.users.c2_officer)
	batch_act(name, "Close Confirmation", two.users.up_officer)
	refused(name, "Accept", two.users.c2_officer, department_opinion="名单无误")
	batch_act(name, "Accept", two.users.up_officer, department_opinion="名单无误")
	decision = dict(committee_meeting_date=today(), committee_decision="研究同意")
	refused(name, "Approve", two.users.c2_committee, **decision)
	batch_act(name, "Approve", two.users.up_committee, **decision)
	end_notice("Care Payment Batch", name)
	refused(name, "Close Notice", two.users.c2_officer)
	batch_act(name, "Close Notice", two.users.up_officer)
	refused(name, "Pay", two.users.c2_officer, payment_method="Signed Receipt")
	batch_act(name, "Pay", two.users.up_officer, payment_method="Signed Receipt")
	assert frappe.db.get_value("Care Payment Batch", name, "paid_count") == 2


def test_the_upper_committee_takes_the_steps_of_a_lower_committees_batch(two, funds):
	standard = make_standard("乙党委慰问标准").name
	frappe.db.set_value("Care Standard", standard, "committee", two.orgs.c2)
	elderly(two.orgs.b2)
	name = make_batch(
		frappe._dict(users=two.users, orgs=frappe._dict(committee=two.orgs.c2)),
		funds.c2,
		standard=standard,
		user=two.users.c2_officer,
	)
	assert frappe.db.get_value("Care Payment Batch", name, "committee") == two.orgs.c2
	refused(name, "Submit", two.users.c1_officer)
	batch_act(name, "Submit", two.users.up_officer)
	# the committee is the app's: a client cannot move the batch to another one
	doc = frappe.get_doc("Care Payment Batch", name)
	doc.committee = two.orgs.upper
	doc.return_reason = "x"
	as_user(two.users.c2_officer, doc.save)
	assert frappe.db.get_value("Care Payment Batch", name, "committee") == two.orgs.c2


def test_a_committees_standard_serves_its_committee_and_those_below(two, funds):
	of_c1 = make_standard("甲党委慰问标准").name
	frappe.db.set_value("Care Standard", of_c1, "committee", two.orgs.c1)
	of_upper = make_standard("工委通用慰问标准").name
	frappe.db.set_value("Care Standard", of_upper, "committee", two.orgs.upper)
	w2 = frappe._dict(users=two.users, orgs=frappe._dict(committee=two.orgs.c2))
	with pytest.raises(frappe.ValidationError, match="甲党委慰问标准"):
		make_batch(w2, funds.c2, standard=of_c1, user=two.users.c2_officer)
	assert make_batch(w2, funds.c2, standard=of_upper, user=two.users.c2_officer)
	# and a fund pays its own committee's members only
	with pytest.raises(frappe.ValidationError, match="甲党委慰问资金"):
		make_batch(w2, funds.c1, standard=of_upper, user=two.users.up_officer)


def test_a_standard_is_changed_only_by_its_committees_officers(two):
	name = make_standard("工委统一标准").name
	frappe.db.set_value("Care Standard", name, "committee", two.orgs.upper)
	doc = frappe.get_doc("Care Standard", name)
	doc.description = "改"
	with pytest.raises(frappe.PermissionError):
		as_user(two.users.c2_officer, doc.save)
	assert not frappe.has_permission("Care Standard", "write", doc=name, user=two.users.c2_officer)
	assert frappe.has_permission("Care Standard", "read", doc=name, user=two.users.c2_officer)
	as_user(two.users.up_officer, doc.save)
	frappe.set_user(two.users.c1_officer)
	try:
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(
				doctype="Care Standard",
				standard_name="甲党委越权标准",
				committee=two.orgs.c2,
				rows=[{"category": "Retired", "label": "退休", "amount": 100}],
			).insert()
		own = frappe.get_doc(
			doctype="Care Standard",
			standard_name="甲党委自定标准",
			committee=two.orgs.c1,
			rows=[{"category": "Retired", "label": "退休", "amount": 100}],
		).insert()
		assert own.committee == two.orgs.c1
	finally:
		frappe.set_user("Administrator")


@pytest.fixture
def upper_plan(two, funds):
	ledger.post(funds.up, "Allocation", 20000)
	standard = make_standard("工委补助标准").name
	frappe.db.set_value("Care Standard", standard, "committee", two.orgs.upper)
	elderly(two.orgs.b2)
	frappe.set_user(two.users.up_officer)
	try:
		return frappe.get_doc(
			doctype="Care Allowance Plan",
			plan_name="工委老党员月补助",
			party_organization=two.orgs.upper,
			care_fund=funds.up,
			care_standard=standard,
			frequency="Monthly",
			start_date=datetime.date(YEAR, 1, 1),
		).insert()
	finally:
		frappe.set_user("Administrator")


def test_an_allowance_plan_and_its_periods_are_its_committees(two, upper_plan):
	plan = upper_plan.name
	assert upper_plan.committee == two.orgs.upper
	with pytest.raises(frappe.PermissionError):
		as_user(two.users.c2_officer, allowances.submit_plan, plan)
	# approved (as its first batch's route would leave it), then a period opened by the daily job
	frappe.db.set_value(
		"Care Allowance Plan", plan, {"status": "Active", "approved_by": two.users.up_committee}
	)
	batch = allowances.open_period(plan)
	assert frappe.db.get_value("Care Payment Batch", batch, ["committee", "workflow_state"]) == (
		two.orgs.upper,
		batches.APPROVED,
	)
	refused(batch, "Pay", two.users.c2_officer, payment_method="Signed Receipt")
	with pytest.raises(frappe.PermissionError):
		as_user(two.users.c2_officer, allowances.stop_plan, plan)
	batch_act(batch, "Pay", two.users.up_officer, payment_method="Signed Receipt")
	assert frappe.db.get_value("Care Payment Batch", batch, "workflow_state") == batches.PAID
	assert as_user(two.users.up_officer, allowances.stop_plan, plan) == "Stopped"


def test_a_lower_committee_cannot_make_a_plan_on_the_upper_fund(two, funds):
	standard = make_standard("工委补助标准二").name
	frappe.set_user(two.users.c2_officer)
	try:
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(
				doctype="Care Allowance Plan",
				plan_name="越权补助",
				party_organization=two.orgs.c2,
				care_fund=funds.up,
				care_standard=standard,
				frequency="Monthly",
				start_date=datetime.date(YEAR, 1, 1),
			).insert()
	finally:
		frappe.set_user("Administrator")
