"""The incentive side's money and honours over HTTP, as the real users: the part-time secretaries'
allowance batch (drawn up only by the department, its lines read by each secretary for his subtree,
a bad round refused with nothing saved); an organisation's award paid into its activity budget, or,
beyond the fund's balance, refused with no money moved and no budget opened; rest and study
arranged for an honouree, read by him on /my-care and by no one outside his branch's line."""

import json

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from party_care.care_fund import ledger
from tests.support.factories import make_fund
from tests.support.http import apply_workflow, call, error_text, shown
from tests.support.incentive import make_round, open_assessments, score, to_published
from tests.support.routes import (
	ADVANCED_ORGANIZATION,
	EXCELLENT_MEMBER,
	end_notice,
	make_commendation,
	to_awarded,
	to_notice,
)

YEAR = getdate(today()).year - 6  # committed: a year of its own
STANDARD = "HTTP测试兼职书记补贴标准"
PLACE = "HTTP测试井冈山干部学院-5521"


def resource(session, doctype, name=""):
	return f"{session.base_url}/api/resource/{doctype}" + (f"/{name}" if name else "")


@pytest.fixture(scope="module")
def allowance(world, committed):
	"""A round of YEAR: branch A's and branch B's part-time secretaries published 优秀; a standard by
	grade; a fund."""
	frappe.set_user("Administrator")
	round_doc = committed.add(make_round(world, year=YEAR))
	assessments = open_assessments(world, round_doc.name)
	for org in (world.orgs.branch_a, world.orgs.branch_b, world.orgs.general_branch):
		committed.made.append(("Party Building Assessment", assessments[org]))
	for org in (world.orgs.branch_a, world.orgs.branch_b):
		frappe.db.set_value("Party Building Assessment", assessments[org], "is_part_time", 1)
		score(assessments[org], world.users.officer, 95)
		to_published(world, assessments[org], grade="优秀")
	committed.insert(
		frappe.get_doc(
			doctype="Care Standard",
			standard_name=STANDARD,
			rows=[{"category": "Assessment Grade", "grade": "优秀", "label": "考核优秀", "amount": 500}],
		)
	)
	fund = committed.add(make_fund("HTTP测试书记补贴资金", opening=5000)).name
	frappe.db.commit()
	return frappe._dict(round=round_doc.name, fund=fund)


def batch_values(world, allowance, **values):
	return {
		"title": "兼职书记工作补贴",
		"occasion": "Secretary Work Allowance",
		"year": YEAR,
		"party_organization": world.orgs.committee,
		"care_fund": allowance.fund,
		"care_standard": STANDARD,
		"assessment_round": allowance.round,
		**values,
	}


@pytest.fixture(scope="module")
def batch(world, login, allowance):
	s = login(world.users.officer)
	r = s.post(resource(s, "Care Payment Batch"), json=batch_values(world, allowance), timeout=60)
	assert r.status_code == 200, error_text(r)
	name = r.json()["data"]["name"]
	assert call(s, "party_care.care_batches.batches.make_lines", batch=name).status_code == 200
	return name


def test_the_department_draws_up_the_part_time_secretaries(world, login, batch):
	s = login(world.users.officer)
	rows = s.get(
		resource(s, "Care Payment Line"),
		params={"filters": json.dumps({"batch": batch}), "fields": '["member", "amount", "category"]'},
		timeout=60,
	).json()["data"]
	assert sorted((r["member"], r["amount"]) for r in rows) == sorted(
		[(world.members.sec_a, 500), (world.members.sec_b, 500)]
	)


def test_a_secretary_draws_up_nothing_and_reads_his_subtree(world, login, batch):
	s = login(world.users.sec_b)
	assert call(s, "party_care.care_batches.batches.make_lines", batch=batch).status_code == 403
	rows = s.get(
		resource(s, "Care Payment Line"),
		params={"filters": json.dumps({"batch": batch}), "fields": '["member"]'},
		timeout=60,
	).json()["data"]
	assert [r["member"] for r in rows] == [world.members.sec_b]
	member = login(world.users.mem_b)
	assert member.get(resource(member, "Care Payment Batch", batch), timeout=60).status_code == 403


@pytest.mark.parametrize(
	"values", [{"year": YEAR - 1}, {"assessment_round": None}, {"occasion": "Spring Festival"}]
)
def test_a_bad_allowance_batch_is_refused_and_nothing_saved(world, login, allowance, batch, values):
	s = login(world.users.officer)
	before = frappe.db.count("Care Payment Batch")
	r = s.post(resource(s, "Care Payment Batch"), json=batch_values(world, allowance, **values), timeout=60)
	assert r.status_code == 417, r.text[:300]
	frappe.db.rollback()
	assert frappe.db.count("Care Payment Batch") == before


# --- an organisation's award into its activity budget --------------------------------------------------


@pytest.fixture(scope="module")
def award(world, committed):
	"""An award to branch A at the end of its notice, its reward (800) larger than its fund (100)."""
	frappe.set_user("Administrator")
	fund = committed.add(make_fund("HTTP测试奖励资金", opening=100)).name
	name = make_commendation(
		None,
		ADVANCED_ORGANIZATION,
		user=world.users.gb_sec,
		recipient_organization=world.orgs.branch_a,
		year=YEAR,
	).name
	committed.made.append(("Commendation", name))
	to_notice(name, world, secretary=world.users.gb_sec, reward_amount=800, care_fund=fund)
	end_notice("Commendation", name)
	frappe.db.commit()
	return frappe._dict(name=name, fund=fund)


def _budgets(org):
	return frappe.get_all(
		"Care Fund", filters={"fund_type": "Activity Budget", "budget_organization": org}, pluck="name"
	)


def test_an_award_beyond_the_fund_is_refused_with_nothing_moved_then_paid_once_after_a_top_up(
	world, login, award
):
	had_budget = _budgets(world.orgs.branch_a)
	r = apply_workflow(login(world.users.officer), "Commendation", award.name, "Award")
	assert r.status_code == 417 and "100" in error_text(r)
	frappe.db.rollback()
	assert frappe.db.get_value("Commendation", award.name, ["workflow_state", "docstatus"]) == (
		"Public Notice",
		0,
	)
	assert not frappe.get_all("Fund Ledger Entry", filters={"reference_name": award.name})
	assert _budgets(world.orgs.branch_a) == had_budget and ledger.get_balance(award.fund) == 100

	# topped up, the same award pays into the budget once (one test: the award's states in order)
	frappe.set_user("Administrator")
	ledger.post(award.fund, "Allocation", 1000, remarks="top-up")
	frappe.db.commit()
	s = login(world.users.officer)
	r = apply_workflow(s, "Commendation", award.name, "Award")
	assert r.status_code == 200, error_text(r)
	frappe.db.rollback()
	budget = frappe.db.get_value("Commendation", award.name, "activity_budget")
	assert budget in _budgets(world.orgs.branch_a)
	assert ledger.get_balance(budget) == 800 and ledger.get_balance(award.fund) == 300
	assert apply_workflow(s, "Commendation", award.name, "Award").status_code in (400, 403, 417)
	frappe.db.rollback()
	assert ledger.get_balance(budget) == 800
	# the branch's secretary reads his budget; a member cannot apply to it
	assert login(world.users.sec_a).get(resource(s, "Care Fund", budget), timeout=60).status_code == 200
	page = login(world.users.mem_a).get(f"{s.base_url}/my-care/apply", timeout=60)
	assert budget not in shown(page)


# --- rest and study for honourees --------------------------------------------------------------------


@pytest.fixture(scope="module")
def honour(world, committed):
	frappe.set_user("Administrator")
	name = make_commendation(world.members.mem_b, EXCELLENT_MEMBER, user=world.users.sec_b, year=YEAR).name
	committed.made.append(("Commendation", name))
	to_awarded(name, world, secretary=world.users.sec_b)
	frappe.db.commit()
	return name


def arrangement_values(honour, **values):
	return {
		"commendation": honour,
		"arrangement_kind": "Study and Training",
		"from_date": add_days(today(), 20),
		"to_date": add_days(today(), 25),
		"place": PLACE,
		**values,
	}


@pytest.fixture(scope="module")
def arrangement(world, login, honour):
	s = login(world.users.sec_b)
	r = s.post(resource(s, "Honour Arrangement"), json=arrangement_values(honour), timeout=60)
	assert r.status_code == 200, error_text(r)
	return r.json()["data"]["name"]


def test_the_honouree_sees_his_arrangement_with_his_honours(world, login, arrangement):
	s = login(world.users.mem_b)
	page = s.get(f"{s.base_url}/my-care", timeout=60)
	assert page.status_code == 200 and PLACE in page.text
	assert s.get(resource(s, "Honour Arrangement", arrangement), timeout=60).status_code == 200
	r = s.put(resource(s, "Honour Arrangement", arrangement), json={"status": "Accepted"}, timeout=60)
	assert r.status_code == 403


@pytest.mark.parametrize("who", ["mem_a", "sec_a"])
def test_others_do_not_read_it(world, login, arrangement, who):
	s = login(world.users[who])
	assert s.get(resource(s, "Honour Arrangement", arrangement), timeout=60).status_code == 403
	assert PLACE not in shown(s.get(f"{s.base_url}/my-care", timeout=60))


def test_the_committee_and_the_officers_read_it(world, login, arrangement):
	for who in ("committee", "officer"):
		s = login(world.users[who])
		assert s.get(resource(s, "Honour Arrangement", arrangement), timeout=60).status_code == 200


@pytest.mark.parametrize(
	"who, values, status",
	[
		("sec_a", {}, 403),  # branch B's honouree
		("officer", {"to_date": today(), "from_date": add_days(today(), 3)}, 417),
		("officer", {"status": "Done"}, 417),
		("officer", {"arrangement_kind": "出国旅游"}, 417),
	],
)
def test_bad_arrangements_are_refused_and_nothing_saved(
	world, login, honour, arrangement, who, values, status
):
	s = login(world.users[who])
	before = frappe.db.count("Honour Arrangement")
	r = s.post(resource(s, "Honour Arrangement"), json=arrangement_values(honour, **values), timeout=60)
	assert r.status_code == status, r.text[:300]
	frappe.db.rollback()
	assert frappe.db.count("Honour Arrangement") == before


def test_the_secretary_records_the_answer(world, login, arrangement):
	s = login(world.users.sec_b)
	r = s.put(resource(s, "Honour Arrangement", arrangement), json={"status": "Accepted"}, timeout=60)
	assert r.status_code == 200, error_text(r)
	assert r.json()["data"]["answered_on"] == today()
	r = s.put(resource(s, "Honour Arrangement", arrangement), json={"status": "Offered"}, timeout=60)
	assert r.status_code == 417
