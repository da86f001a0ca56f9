"""Recurring care allowances: a plan approved once, one batch per period (a rerun adds nothing),
lines that stop by themselves, rules that change from the next period only."""

import datetime

import frappe
import pytest
from frappe.utils import today

from party_care.care_batches import allowances, batches
from party_care.exceptions import SelfApprovalError

from batchroute import act, as_user, elderly, make_standard
from factories import make_fund, make_member


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
			start_date=datetime.date(datetime.date.today().year, 1, 1),
		).insert()
	finally:
		frappe.set_user("Administrator")
	return doc.name


def _approve(plan, user):
	return as_user(user, allowances.approve_plan, plan, today(), "研究同意按月发放")


def _lines(batch):
	return {r.member: r for r in frappe.get_all(
		"Care Payment Line", filters={"batch": batch}, fields=["member", "amount", "status"])}


def test_plan_is_approved_once_by_the_committee_not_its_author(world, plan):
	with pytest.raises(frappe.PermissionError):
		_approve(plan, world.users.officer)
	assert allowances.open_period(plan) is None  # not active yet
	assert _approve(plan, world.users.committee) == "Active"
	doc = frappe.get_doc("Care Allowance Plan", plan)
	assert doc.approved_by == world.users.committee
	with pytest.raises(frappe.ValidationError):
		_approve(plan, world.users.committee)  # only once
	# the officer cannot make it active by writing the status
	doc.status = "Draft"
	doc.frequency = "Yearly"
	frappe.set_user(world.users.officer)
	try:
		with pytest.raises(frappe.ValidationError):
			doc.save()
	finally:
		frappe.set_user("Administrator")


def test_committee_member_who_drew_up_the_plan_cannot_approve(world, plan):
	frappe.db.set_value("Care Allowance Plan", plan, "owner", world.users.committee)
	with pytest.raises(SelfApprovalError):
		_approve(plan, world.users.committee)


def test_each_period_once_and_lines_stop_by_themselves(world, plan):
	old = elderly(world.orgs.branch_a, full_name="补助甲")
	martyr = make_member(world.orgs.branch_b, full_name="补助乙", is_duty_martyr_family=1).name
	poor = make_member(world.orgs.branch_b, full_name="补助丙").name
	case = frappe.get_doc(
		doctype="Hardship Case", member=poor, hardship_type=frappe.get_meta("Hardship Case").get_field(
			"hardship_type").options.split("\n")[0] or None, hardship_level="General",
	)
	case.insert()
	_approve(plan, world.users.committee)
	year = datetime.date.today().year
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
	assert frappe.db.count("Care Payment Batch", {"allowance_plan": plan}) == 1

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
	assert allowances.period_of(day, "Monthly") == "2026-08"
	assert allowances.period_of(day, "Quarterly") == "2026-Q3"
	assert allowances.period_of(day, "Yearly") == "2026"
	assert allowances.period_start("2026-Q3") == datetime.date(2026, 7, 1)
	assert allowances.period_start("2026-08") == datetime.date(2026, 8, 1)


def test_allowance_counts_against_the_yearly_cap(world, plan):
	from party_care.care_fund.caps import yearly_total

	old = elderly(world.orgs.branch_a, full_name="补助丁")
	_approve(plan, world.users.committee)
	year = datetime.date.today().year
	batch = allowances.open_period(plan, on=datetime.date(year, 3, 1))
	assert yearly_total(old, year) == 500  # approved, not yet paid
	act(batch, "Pay", world.users.officer, payment_method="Real-name Bank Card")
	assert yearly_total(old, year) == 500
	assert batches.members_in_occasion(frappe.get_doc("Care Payment Batch", batch)) == {old}
