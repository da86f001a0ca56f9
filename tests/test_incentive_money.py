"""The incentive side's money and honours (issue 23): the work allowance of part-time secretaries
who passed the assessment, paid through the batch route by a standard by grade; awards to an
organisation paid into its activity budget through the ledger, once; rest and study arranged for
honourees against their award."""

import frappe
import pytest
from frappe.utils import add_days, today

from party_care import portal
from party_care.care_batches import batches
from party_care.care_fund import ledger
from party_care.exceptions import DuplicatePaymentError
from party_care.incentive import award_funds
from tests.support.factories import make_application, make_fund
from tests.support.incentive import THIS_YEAR, make_round, open_assessments, score, to_published
from tests.support.routes import (
	ADVANCED_ORGANIZATION,
	EXCELLENT_MEMBER,
	as_user,
	end_notice,
	honours_act,
	lines,
	make_commendation,
	to_awarded,
	to_notice,
)
from tests.support.routes import batch_act as act_on_batch
from tests.support.routes import to_approved as batch_to_approved

ALLOWANCE = "Secretary Work Allowance"
STANDARD = "测试兼职书记补贴标准"


def grade_standard(rows=(("优秀", 600), ("良好", 400))):
	if frappe.db.exists("Care Standard", STANDARD):
		frappe.delete_doc("Care Standard", STANDARD, force=True)
	return frappe.get_doc(
		doctype="Care Standard",
		standard_name=STANDARD,
		combination="Highest",
		rows=[
			{"category": "Assessment Grade", "grade": g, "label": f"考核{g}", "amount": a} for g, a in rows
		],
	).insert()


@pytest.fixture
def fund(world):
	return make_fund("测试书记补贴资金", opening=5000).name


@pytest.fixture
def graded(world):
	"""This year's round: branch A's part-time secretary 优秀, branch B's part-time 良好, the general
	branch's (not part-time) 优秀 — all published; the organisation says who is part-time."""
	frappe.db.set_value("Party Organization", world.orgs.branch_a, "secretary_part_time", 1)
	round_doc = make_round(world)
	assessments = open_assessments(world, round_doc.name)
	orgs = world.orgs
	assert frappe.db.get_value("Party Building Assessment", assessments[orgs.branch_a], "is_part_time") == 1
	assert frappe.db.get_value("Party Building Assessment", assessments[orgs.branch_b], "is_part_time") == 0
	doc = frappe.get_doc("Party Building Assessment", assessments[orgs.branch_b])
	as_user(world.users.officer, lambda: (doc.update({"is_part_time": 1}), doc.save()))  # the department
	for org, grade in ((orgs.branch_a, "优秀"), (orgs.branch_b, "良好"), (orgs.general_branch, "优秀")):
		score(assessments[org], world.users.officer, 90)
		to_published(world, assessments[org], grade=grade)
	return frappe._dict(round=round_doc.name, assessments=assessments)


def allowance_batch(world, fund, round_name, org=None, **values):
	frappe.set_user(world.users.officer)
	try:
		doc = frappe.get_doc(
			doctype="Care Payment Batch",
			title="兼职书记工作补贴",
			occasion=ALLOWANCE,
			year=values.pop("year", THIS_YEAR),
			party_organization=org or world.orgs.committee,
			care_fund=fund,
			care_standard=STANDARD,
			assessment_round=round_name,
			**values,
		).insert()
		batches.make_lines(doc.name)
		return doc.name
	finally:
		frappe.set_user("Administrator")


# --- allowances for part-time secretaries ------------------------------------------------------------


def test_part_time_secretaries_who_passed_are_drawn_up_by_grade(world, fund, graded):
	grade_standard()
	name = allowance_batch(world, fund, graded.round)
	got = {r.member: (r.amount, r.category) for r in lines(name)}
	# the general branch's secretary was rated 优秀 but is not part-time; nobody else is a secretary
	assert got == {world.members.sec_a: (600, "考核优秀"), world.members.sec_b: (400, "考核良好")}


def test_which_grades_qualify_is_the_standards(world, fund, graded):
	grade_standard(rows=(("优秀", 600),))
	name = allowance_batch(world, fund, graded.round)
	assert [r.member for r in lines(name)] == [world.members.sec_a]


def test_an_assessment_not_yet_published_pays_nothing(world, fund):
	grade_standard()
	frappe.db.set_value("Party Organization", world.orgs.branch_a, "secretary_part_time", 1)
	round_doc = make_round(world)
	open_assessments(world, round_doc.name)  # all in Draft
	assert not lines(allowance_batch(world, fund, round_doc.name))


def test_the_allowance_goes_the_batch_route_and_is_paid_once(world, fund, graded):
	grade_standard()
	name = allowance_batch(world, fund, graded.round)
	before = ledger.get_balance(fund)
	batch_to_approved(name, world)
	act_on_batch(name, "Pay", world.users.officer, payment_method="Real-name Bank Card")
	doc = frappe.get_doc("Care Payment Batch", name)
	assert (doc.workflow_state, doc.paid_count, doc.paid_amount) == ("Paid", 2, 1000)
	assert ledger.get_balance(fund) == before - 1000
	keys = frappe.get_all(
		"Fund Ledger Entry",
		filters={
			"reference_doctype": "Care Payment Line",
			"reference_name": ["in", [r.name for r in lines(name)]],
		},
		pluck="payment_key",
	)
	assert sorted(keys) == sorted(
		f"Care Payment::{ALLOWANCE}::{THIS_YEAR}::{m}" for m in (world.members.sec_a, world.members.sec_b)
	)
	# a second batch for the same round draws up nobody: each secretary is paid once a year
	again = allowance_batch(world, fund, graded.round)
	assert not lines(again)
	with pytest.raises(frappe.ValidationError):
		act_on_batch(again, "Submit", world.users.officer)


def test_a_branch_secretary_confirms_but_not_his_own_allowance(world, fund, graded):
	from party_care.care_batches.batches import confirm_lines

	grade_standard()
	name = allowance_batch(world, fund, graded.round)
	act_on_batch(name, "Submit", world.users.officer)
	result = as_user(world.users.sec_b, confirm_lines, name)
	assert result["confirmed"] == 0 and result["own_pending"] == 1  # his own waits for the level above
	as_user(world.users.officer, confirm_lines, name)
	assert {r.status for r in lines(name)} == {"Confirmed"}


@pytest.mark.parametrize(
	"values, message",
	[
		({"assessment_round": None}, r"(?i)考核年度|assessment round"),
		({"year": THIS_YEAR - 1}, "年度|is for"),
	],
)
def test_an_allowance_batch_needs_its_round_of_its_year(world, fund, graded, values, message):
	grade_standard()
	with pytest.raises(frappe.ValidationError, match=message):
		allowance_batch(world, fund, values.pop("assessment_round", graded.round), **values)
	assert not frappe.db.exists("Care Payment Batch", {"occasion": ALLOWANCE})


def test_a_standard_without_grades_and_a_round_on_another_occasion_are_refused(world, fund, graded):
	from tests.support.routes import make_standard

	make_standard()
	frappe.set_user(world.users.officer)
	with pytest.raises(frappe.ValidationError, match=r"考核等次|assessment grade"):
		frappe.get_doc(
			doctype="Care Payment Batch",
			title="x",
			occasion=ALLOWANCE,
			year=THIS_YEAR,
			party_organization=world.orgs.committee,
			care_fund=fund,
			care_standard="测试慰问标准",
			assessment_round=graded.round,
		).insert()
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			doctype="Care Payment Batch",
			title="x",
			occasion="Spring Festival",
			year=THIS_YEAR,
			party_organization=world.orgs.committee,
			care_fund=fund,
			care_standard="测试慰问标准",
			assessment_round=graded.round,
		).insert()
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			doctype="Care Standard",
			standard_name="无等次",
			rows=[{"category": "Assessment Grade", "label": "x", "amount": 100}],
		).insert()


# --- awards that fund work -----------------------------------------------------------------------------


def _organisation_award(world, fund, amount=1000, year=THIS_YEAR, org=None):
	name = make_commendation(
		None,
		ADVANCED_ORGANIZATION,
		user=world.users.gb_sec,
		recipient_organization=org or world.orgs.branch_a,
		year=year,
	).name
	to_awarded(name, world, secretary=world.users.gb_sec, reward_amount=amount, care_fund=fund)
	return frappe.get_doc("Commendation", name)


def test_an_award_to_an_organisation_pays_into_its_activity_budget(world, fund):
	before = ledger.get_balance(fund)
	doc = _organisation_award(world, fund)
	budget = frappe.get_doc("Care Fund", doc.activity_budget)
	assert (budget.fund_type, budget.budget_organization, budget.committee) == (
		"Activity Budget",
		world.orgs.branch_a,
		world.orgs.committee,
	)
	assert ledger.get_balance(fund) == before - 1000
	assert ledger.get_balance(budget.name) == 1000
	entries = frappe.get_all(
		"Fund Ledger Entry",
		filters={"reference_doctype": "Commendation", "reference_name": doc.name, "docstatus": 1},
		fields=["care_fund", "entry_type", "amount", "payment_key"],
	)
	assert sorted((e.care_fund, e.entry_type, e.amount) for e in entries) == sorted(
		[(fund, "Payment", 1000), (budget.name, "Allocation", 1000)]
	)
	assert doc.ledger_entry and f"Commendation::{doc.name}" in {e.payment_key for e in entries}
	# the next award to the organisation goes into the same budget
	second = _organisation_award(world, fund, amount=500, year=THIS_YEAR - 1)
	assert second.activity_budget == budget.name and ledger.get_balance(budget.name) == 1500


def test_an_award_is_paid_into_the_budget_once(world, fund):
	doc = _organisation_award(world, fund)
	balance = ledger.get_balance(doc.activity_budget)
	with pytest.raises(DuplicatePaymentError):
		award_funds.pay_reward(doc)  # refused before any entry is written
	assert ledger.get_balance(doc.activity_budget) == balance


def test_an_award_beyond_the_balance_moves_no_money(world):
	poor = make_fund("测试小额资金", opening=100).name
	name = make_commendation(
		None, ADVANCED_ORGANIZATION, user=world.users.gb_sec, recipient_organization=world.orgs.branch_a
	).name
	to_notice(name, world, secretary=world.users.gb_sec, reward_amount=1000, care_fund=poor)
	end_notice("Commendation", name)
	with pytest.raises(frappe.ValidationError):
		honours_act(name, "Award", world.users.officer)


def test_a_member_award_is_paid_as_before(world, fund):
	name = make_commendation(world.members.other_a, EXCELLENT_MEMBER, user=world.users.sec_a).name
	to_awarded(name, world, reward_amount=300, care_fund=fund)
	doc = frappe.get_doc("Commendation", name)
	assert doc.ledger_entry and not doc.activity_budget


def test_an_activity_budget_pays_no_member(world, fund):
	budget = award_funds.budget_of(world.orgs.branch_a)
	ledger.post(budget, "Allocation", 1000, remarks="opening")
	assert budget not in [f.name for f in as_user(world.users.mem_a, portal.funds)]
	with pytest.raises(frappe.ValidationError, match=r"活动经费|activity budget"):
		make_application(world.members.other_a, budget, user=world.users.sec_a)
	name = make_commendation(world.members.other_a, EXCELLENT_MEMBER, user=world.users.sec_a).name
	with pytest.raises(frappe.ValidationError, match=r"活动经费|activity budget"):
		to_awarded(name, world, reward_amount=300, care_fund=budget)


def test_an_activity_budget_names_its_organisation_once(world):
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(doctype="Care Fund", fund_name="无组织经费", fund_type="Activity Budget").insert()
	award_funds.budget_of(world.orgs.branch_b)
	with pytest.raises(frappe.ValidationError, match=r"已有|already"):
		frappe.get_doc(
			doctype="Care Fund",
			fund_name="又一笔经费",
			fund_type="Activity Budget",
			budget_organization=world.orgs.branch_b,
		).insert()


# --- rest and study for honourees ---------------------------------------------------------------------


@pytest.fixture
def honour(world):
	"""mem_b's award (branch B), awarded."""
	name = make_commendation(world.members.mem_b, EXCELLENT_MEMBER, user=world.users.sec_b).name
	to_awarded(name, world, secretary=world.users.sec_b)
	return name


def arrangement(commendation, user, **values):
	def make():
		return frappe.get_doc(
			doctype="Honour Arrangement",
			commendation=commendation,
			arrangement_kind=values.pop("arrangement_kind", "Rest and Recuperation"),
			from_date=values.pop("from_date", add_days(today(), 30)),
			to_date=values.pop("to_date", add_days(today(), 36)),
			place=values.pop("place", "北戴河职工疗养院"),
			**values,
		).insert()

	return as_user(user, make)


def test_an_arrangement_is_recorded_against_the_award(world, honour):
	doc = arrangement(honour, world.users.sec_b)
	# what the client says of the member and his organisation is not taken: the award says it
	other = arrangement(honour, world.users.officer, member=world.members.mem_a)
	assert other.member == world.members.mem_b
	assert (doc.member, doc.party_organization, doc.award_type, doc.status) == (
		world.members.mem_b,
		frappe.db.get_value("Member", world.members.mem_b, "party_organization"),
		EXCELLENT_MEMBER,
		"Offered",
	)
	doc.status = "Accepted"
	as_user(world.users.officer, doc.save)
	assert doc.answered_on
	doc.status = "Done"  # it has not begun
	with pytest.raises(frappe.ValidationError):
		as_user(world.users.officer, doc.save)


def test_status_moves_forward_only(world, honour):
	doc = arrangement(honour, world.users.officer, from_date=today(), to_date=today())
	doc.status = "Declined"
	doc.decline_reason = "家中老人需照顾"
	as_user(world.users.officer, doc.save)
	doc.status = "Accepted"
	with pytest.raises(frappe.ValidationError):
		as_user(world.users.officer, doc.save)
	with pytest.raises(frappe.ValidationError):
		arrangement(honour, world.users.officer, status="Done")


@pytest.mark.parametrize(
	"values",
	[{"to_date": add_days(today(), -1), "from_date": today()}, {"arrangement_kind": "Holiday"}],
)
def test_bad_input_is_refused(world, honour, values):
	with pytest.raises(frappe.ValidationError):
		arrangement(honour, world.users.officer, **values)
	assert not frappe.db.exists("Honour Arrangement", {"commendation": honour})


def test_only_an_awarded_member_award_takes_an_arrangement(world):
	nominated = make_commendation(world.members.mem_b, EXCELLENT_MEMBER, user=world.users.sec_b).name
	with pytest.raises(frappe.ValidationError):
		arrangement(nominated, world.users.officer)


def test_scoped_by_the_tree_and_nobody_arranges_his_own(world, honour):
	with pytest.raises(frappe.PermissionError):
		arrangement(honour, world.users.sec_a)  # branch B is not his
	own = make_commendation(world.members.sec_a, EXCELLENT_MEMBER, user=world.users.gb_sec).name
	to_awarded(own, world, secretary=world.users.gb_sec)
	with pytest.raises(frappe.PermissionError):
		arrangement(own, world.users.sec_a)  # his own honour: the general branch or the department records it
	assert arrangement(own, world.users.gb_sec).member == world.members.sec_a
	doc = arrangement(honour, world.users.sec_b)
	assert as_user(world.users.mem_b, frappe.get_list, "Honour Arrangement", pluck="name") == [doc.name]
	assert as_user(world.users.mem_a, frappe.get_list, "Honour Arrangement", pluck="name") == []
	assert doc.name not in as_user(world.users.sec_a, frappe.get_list, "Honour Arrangement", pluck="name")
