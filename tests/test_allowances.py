"""Recurring care allowances: a plan approved once through the batch route, one batch per period (a rerun adds nothing),
lines that stop by themselves, rules that change from the next period only."""

import datetime

import frappe
import pytest

from party_care.care_batches import allowances, entitlement, periods
from tests.support.factories import make_fund, make_member
from tests.support.routes import as_user, elderly, make_standard, to_approved
from tests.support.routes import batch_act as act
from tests.support.routes import batch_to_committee as to_committee


@pytest.fixture
def plan(world):
	fund = make_fund("测试补助资金", opening=50000).name
	make_standard("测试补助标准")
	frappe.set_user(world.users.officer)
	try:
		doc = frappe.get_doc(
			doctype="Care Allowance Plan",
			plan_name="测试老党员月补助",
			party_organization=world.orgs.committee,
			care_fund=fund,
			care_standard="测试补助标准",
			frequency="Monthly",
			start_date=datetime.date(frappe.utils.getdate().year, 1, 1),
		).insert()
	finally:
		frappe.set_user("Administrator")
	return doc.name


def _approve(plan, w):
	"""Through the batch route: the officer submits the plan, its first batch goes the whole way."""
	batch = as_user(w.users.officer, allowances.submit_plan, plan)
	to_approved(batch, w)
	return batch


def _lines(batch):
	return {
		r.member: r
		for r in frappe.get_all(
			"Care Payment Line", filters={"batch": batch}, fields=["member", "amount", "status"]
		)
	}


def test_plan_is_approved_once_through_the_batch_route(world, plan):
	member = elderly(world.orgs.branch_a, full_name="补助戊")
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.committee, allowances.submit_plan, plan)
	assert allowances.open_period(plan) is None  # not active yet
	batch = as_user(world.users.officer, allowances.submit_plan, plan)
	doc = frappe.get_doc("Care Allowance Plan", plan)
	assert doc.status == "Under Approval" and doc.approval_batch == batch
	assert _lines(batch)[member].status == "Proposed"  # the branches confirm the first period
	with pytest.raises(frappe.ValidationError):
		as_user(world.users.officer, allowances.submit_plan, plan)  # only once
	# nobody writes the status or changes the rules' frame by hand
	frappe.set_user(world.users.officer)
	try:
		doc.status = "Active"
		doc.save()
		assert frappe.db.get_value("Care Allowance Plan", plan, "status") == "Under Approval"
		doc.frequency = "Yearly"
		with pytest.raises(frappe.ValidationError):
			doc.save()
	finally:
		frappe.set_user("Administrator")
	to_approved(batch, world)
	doc = frappe.get_doc("Care Allowance Plan", plan)
	assert doc.status == "Active" and doc.approved_by == world.users.committee and doc.committee_decision
	assert allowances.open_period(plan) == batch  # the first period is that batch


def test_rejected_first_batch_sends_the_plan_back_to_draft(world, plan):
	elderly(world.orgs.branch_a, full_name="补助己")
	batch = as_user(world.users.officer, allowances.submit_plan, plan)
	to_committee(batch, world)
	act(batch, "Reject", world.users.committee, rejection_reason="资金来源未落实")
	assert frappe.db.get_value("Care Allowance Plan", plan, ["status", "approval_batch"]) == ("Draft", None)


def test_each_period_once_and_lines_stop_by_themselves(world, plan):
	old = elderly(world.orgs.branch_a, full_name="补助甲")
	martyr = make_member(world.orgs.branch_b, full_name="补助乙", is_duty_martyr_family=1).name
	poor = make_member(world.orgs.branch_b, full_name="补助丙").name
	case = frappe.get_doc(
		doctype="Hardship Case",
		member=poor,
		hardship_type=frappe.get_meta("Hardship Case").get_field("hardship_type").options.split("\n")[0]
		or None,
		hardship_level="General",
	)
	case.insert()
	_approve(plan, world)
	year = frappe.utils.getdate().year
	first = allowances.open_due_periods(on=datetime.date(year, 1, 15))
	assert len(first) == 1
	batch = first[0]
	assert _lines(batch) == {
		old: frappe._dict(member=old, amount=500, status="Confirmed"),
		martyr: frappe._dict(member=martyr, amount=800, status="Confirmed"),
		poor: frappe._dict(member=poor, amount=400, status="Confirmed"),
	}
	doc = frappe.get_doc("Care Payment Batch", batch)
	assert doc.workflow_state == "Approved" and doc.period == f"{year}-01" and doc.total_amount == 1700
	# the job runs again that month (and the next day): nothing new
	assert allowances.open_due_periods(on=datetime.date(year, 1, 16)) == [batch]
	assert frappe.db.count("Care Payment Line", {"batch": batch}) == 3
	assert frappe.db.count("Care Payment Batch", {"allowance_plan": plan, "period": f"{year}-01"}) == 1

	# paid by an officer (not the committee member who approved the plan)
	act(batch, "Pay", world.users.officer, payment_method="Real-name Bank Card")
	assert frappe.db.get_value("Care Payment Batch", batch, "paid_amount") == 1700

	# February: one died, the hardship case closed, the standard was raised on 1 Feb
	frappe.db.set_value("Member", martyr, "member_status", "Deceased")
	frappe.db.set_value("Hardship Case", case.name, "status", "Closed")
	standard = frappe.get_doc("Care Standard", "测试补助标准")
	standard.rows[0].amount = 600
	standard.save()
	second = allowances.open_period(plan, on=datetime.date(year, 2, 1))
	assert second != batch
	assert _lines(second) == {old: frappe._dict(member=old, amount=600, status="Confirmed")}
	# January's amounts did not change
	assert _lines(batch)[old].amount == 500 and _lines(batch)[old].status == "Paid"


def test_periods_by_frequency():
	day = datetime.date(2026, 8, 20)
	assert periods.period_of(day, "Monthly") == "2026-08"
	assert periods.period_of(day, "Quarterly") == "2026-Q3"
	assert periods.period_of(day, "Yearly") == "2026"
	assert periods.period_start("2026-Q3") == datetime.date(2026, 7, 1)
	assert periods.period_start("2026-08") == datetime.date(2026, 8, 1)


def test_allowance_counts_against_the_yearly_cap(world, plan):
	from party_care.care_fund.caps import yearly_total

	old = elderly(world.orgs.branch_a, full_name="补助丁")
	_approve(plan, world)  # the first period's 500, approved
	year = frappe.utils.getdate().year
	assert yearly_total(old, year) == 500
	batch = allowances.open_period(plan, on=datetime.date(year, 3, 1))
	assert yearly_total(old, year) == 1000  # March's, approved, not yet paid
	act(batch, "Pay", world.users.officer, payment_method="Real-name Bank Card")
	assert yearly_total(old, year) == 1000
	assert entitlement.members_in_occasion(frappe.get_doc("Care Payment Batch", batch)) == {old}
