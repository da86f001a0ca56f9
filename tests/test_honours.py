"""Commendations: nomination → branch recommendation → committee approval within quota → public
notice → award with a certificate number and a reward paid through the fund ledger; and the
computed candidate lists (50-year medal, ten years in party work, standing milestones)."""

import datetime

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import getdate

from party_care.care_fund import ledger
from party_care.exceptions import (
	DuplicateNominationError,
	IneligibleNomineeError,
	InsufficientFundError,
	NoticePeriodError,
	QuotaExceededError,
	SelfApprovalError,
	SelfNominationError,
)
from party_care.honours import eligibility
from party_care.utils.dates import anniversary
from tests.support.factories import make_fund, make_member, make_user
from tests.support.routes import (
	ADVANCED_ORGANIZATION,
	EXCELLENT_MEMBER,
	EXCELLENT_WORKER,
	MEDAL,
	PLEDGE_KEEPING,
	TEN_YEAR,
	THIS_YEAR,
	end_notice,
	make_commendation,
	recommend,
	to_awarded,
	to_notice,
)
from tests.support.routes import commendation_state as state
from tests.support.routes import honours_act as act
from tests.support.routes import honours_approve as approve

Y = THIS_YEAR


def _nominate(world, member=None, award_type=EXCELLENT_MEMBER, **kwargs):
	kwargs.setdefault("user", world.users.sec_a)
	return make_commendation(member or make_member(world.orgs.branch_a).name, award_type, **kwargs).name


def _quota(award_type, organization, quota, year=Y):
	return frappe.get_doc(
		doctype="Commendation Quota",
		award_type=award_type,
		year=year,
		party_organization=organization,
		quota=quota,
	).insert()


# --- award types ----------------------------------------------------------------------------------


def test_standard_award_types_are_installed(world):
	kinds = dict(frappe.get_all("Award Type", fields=["name", "recipient_kind"], as_list=True))
	assert kinds[EXCELLENT_MEMBER] == kinds[MEDAL] == kinds[TEN_YEAR] == "Member"
	assert kinds[ADVANCED_ORGANIZATION] == "Party Organization"
	assert frappe.db.get_value("Award Type", PLEDGE_KEEPING, "allow_self_nomination") == 1
	assert frappe.db.get_value("Award Type", EXCELLENT_MEMBER, "allow_self_nomination") == 0
	from party_care.honours.setup import create_award_types

	create_award_types()  # idempotent
	assert frappe.db.count("Award Type", {"name": EXCELLENT_MEMBER}) == 1


def test_recipient_must_match_the_award_types_kind(world):
	with pytest.raises(frappe.ValidationError, match="party organisation"):
		make_commendation(world.members.other_a, ADVANCED_ORGANIZATION)
	with pytest.raises(frappe.ValidationError, match="a member"):
		make_commendation(None, EXCELLENT_MEMBER, recipient_organization=world.orgs.group_a)
	doc = make_commendation(
		world.members.other_a, ADVANCED_ORGANIZATION, recipient_organization=world.orgs.group_a
	)
	assert doc.party_organization == doc.recipient_name == world.orgs.group_a and not doc.member


# --- the route -------------------------------------------------------------------------------------


def test_route_from_nomination_to_award_with_each_role(world):
	name = _nominate(world)
	doc = frappe.get_doc("Commendation", name)
	assert (doc.workflow_state, doc.nominated_by, doc.nomination_kind) == (
		"Nominated",
		world.users.sec_a,
		"Organization",
	)
	assert (
		doc.party_organization == world.orgs.branch_a and doc.nominating_organization == world.orgs.branch_a
	)
	recommend(name, world.users.sec_a)
	doc = frappe.get_doc("Commendation", name)
	assert doc.workflow_state == "Branch Recommended" and doc.recommended_by == world.users.sec_a
	approve(name, world)
	doc = frappe.get_doc("Commendation", name)
	assert doc.workflow_state == "Committee Approved" and doc.approved_by == world.users.committee
	act(name, "Publish Notice", world.users.officer)
	doc = frappe.get_doc("Commendation", name)
	assert doc.workflow_state == "Public Notice"
	assert (doc.notice_end - doc.notice_start).days == 5  # Party Care Settings.notice_days
	with pytest.raises(WorkflowTransitionError):
		act(name, "Award", world.users.officer)  # the notice still runs
	end_notice("Commendation", name)
	act(name, "Award", world.users.officer)
	doc = frappe.get_doc("Commendation", name)
	assert (doc.workflow_state, doc.docstatus) == ("Awarded", 1)
	assert doc.certificate_number.startswith(f"{Y}-") and len(doc.certificate_number) == 9
	assert getdate(doc.award_date) == getdate() and doc.awarded_by == world.users.officer
	assert doc.awarding_organization == world.orgs.committee
	assert not doc.ledger_entry  # no reward


def test_wrong_role_cannot_take_a_step(world):
	name = _nominate(world)
	with pytest.raises(WorkflowTransitionError):
		recommend(name, world.users.officer)
	with pytest.raises(WorkflowTransitionError):
		act(name, "Approve", world.users.committee)  # the branch recommends first
	recommend(name, world.users.sec_a)
	with pytest.raises(WorkflowTransitionError):
		act(name, "Approve", world.users.sec_a)
	assert state(name)[0] == "Branch Recommended"


def test_other_branch_secretary_cannot_recommend(world):
	name = _nominate(world)
	with pytest.raises(frappe.PermissionError):
		recommend(name, world.users.sec_b)


def test_general_branch_secretary_may_recommend_below_him(world):
	name = _nominate(world)
	recommend(name, world.users.gb_sec)
	assert state(name)[0] == "Branch Recommended"


def test_nobody_recommends_his_own_nomination(world):
	name = _nominate(world, world.members.sec_a, EXCELLENT_WORKER, user=world.users.gb_sec)
	with pytest.raises(SelfApprovalError):
		recommend(name, world.users.sec_a)
	recommend(name, world.users.gb_sec)
	assert state(name)[0] == "Branch Recommended"


def test_committee_member_cannot_approve_his_own_commendation(world):
	user = make_user("committee-honoured@party-care.test", ["Party Committee Member"])
	member = make_member(world.orgs.branch_b, user=user.name).name
	name = _nominate(world, member, user=world.users.sec_b)
	recommend(name, world.users.sec_b)
	with pytest.raises(SelfApprovalError):
		approve(name, world, user=user.name)
	assert state(name)[0] == "Branch Recommended"


def test_self_nomination_only_where_the_award_allows_it(world):
	doc = make_commendation(world.members.mem_a, PLEDGE_KEEPING, user=world.users.mem_a)
	assert doc.nomination_kind == "Self" and doc.nominated_by == world.users.mem_a
	with pytest.raises(SelfNominationError):
		make_commendation(world.members.mem_a, EXCELLENT_MEMBER, user=world.users.mem_a)
	# a secretary is no exception
	with pytest.raises(SelfNominationError):
		make_commendation(world.members.sec_a, EXCELLENT_MEMBER, user=world.users.sec_a)


def test_member_cannot_nominate_someone_else(world):
	with pytest.raises(frappe.PermissionError):
		make_commendation(world.members.other_a, PLEDGE_KEEPING, user=world.users.mem_a)


def test_secretary_cannot_nominate_outside_his_subtree(world):
	with pytest.raises(frappe.PermissionError):
		make_commendation(world.members.other_a, EXCELLENT_MEMBER, user=world.users.sec_b)


def test_a_member_is_nominated_once_per_award_and_year(world):
	member = make_member(world.orgs.branch_a).name
	_nominate(world, member)
	with pytest.raises(DuplicateNominationError):
		_nominate(world, member)
	_nominate(world, member, EXCELLENT_WORKER)  # another award is fine
	_nominate(world, member, year=Y - 1)  # and another year


def test_writing_workflow_state_directly_cannot_skip_steps(world):
	name = _nominate(world)
	for user, target in ((world.users.sec_a, "Awarded"), (world.users.officer, "Public Notice")):
		frappe.set_user(user)
		doc = frappe.get_doc("Commendation", name)
		doc.workflow_state = target
		with pytest.raises(WorkflowPermissionError):
			doc.save()
	frappe.set_user("Administrator")
	assert state(name) == ("Nominated", 0)


def test_submitting_directly_is_refused(world):
	name = _nominate(world)
	frappe.set_user(world.users.officer)
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc("Commendation", name).submit()
	frappe.set_user("Administrator")
	assert state(name) == ("Nominated", 0)


def test_fields_of_an_earlier_step_are_locked(world):
	name = _nominate(world)
	recommend(name, world.users.sec_a)
	frappe.set_user(world.users.committee)
	doc = frappe.get_doc("Commendation", name)
	doc.citation = "改写的事迹"
	with pytest.raises(frappe.ValidationError, match="cannot be changed"):
		doc.save()


def test_only_the_committee_fills_in_the_committee_decision(world):
	name = _nominate(world)
	recommend(name, world.users.sec_a)
	frappe.set_user(world.users.sec_a)
	doc = frappe.get_doc("Commendation", name)
	doc.committee_decision = "同意"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_rejection_needs_a_reason(world):
	name = _nominate(world)
	with pytest.raises(frappe.ValidationError, match="Reason for Rejection"):
		act(name, "Reject", world.users.sec_a)
	act(name, "Reject", world.users.sec_a, rejection_reason="事迹不够突出")
	assert state(name) == ("Rejected", 1)


def test_upheld_objection_sends_it_back_to_the_committee(world):
	from party_care.honours.notice import current_commendation_notices, raise_objection

	name = _nominate(world)
	to_notice(name, world)
	frappe.set_user(world.users.mem_b)
	notice = next(n for n in current_commendation_notices() if n["name"] == name)
	assert "citation" not in notice and notice["award_type"] == EXCELLENT_MEMBER
	objection = raise_objection(name, "该同志本年度有违纪行为")["name"]
	frappe.set_user("Administrator")
	end_notice("Commendation", name)
	with pytest.raises(NoticePeriodError):
		act(name, "Award", world.users.officer)  # an objection is open
	act(name, "Uphold Objection", world.users.committee)
	assert state(name)[0] == "Branch Recommended"
	assert frappe.db.get_value("Notice Objection", objection, "status") == "Upheld"


def test_objection_only_while_the_notice_runs(world):
	from party_care.honours.notice import raise_objection

	name = _nominate(world)
	frappe.set_user(world.users.mem_b)
	with pytest.raises(frappe.ValidationError):
		raise_objection(name, "不同意这项表彰")


# --- quotas ------------------------------------------------------------------------------------------


def test_quota_of_the_organisation_is_enforced(world):
	_quota(EXCELLENT_MEMBER, world.orgs.branch_a, 1)
	first, second = _nominate(world), _nominate(world)
	for name in (first, second):
		recommend(name, world.users.sec_a)
	approve(first, world)
	with pytest.raises(QuotaExceededError):
		approve(second, world)
	assert state(second)[0] == "Branch Recommended"
	# another branch is not limited by branch A's quota
	other = _nominate(world, make_member(world.orgs.branch_b).name, user=world.users.sec_b)
	recommend(other, world.users.sec_b)
	approve(other, world)
	assert state(other)[0] == "Committee Approved"


def test_quota_of_an_organisation_above_counts_its_whole_subtree(world):
	_quota(EXCELLENT_MEMBER, world.orgs.general_branch, 1)
	in_group = _nominate(world, make_member(world.orgs.group_a).name)
	in_branch = _nominate(world)
	for name in (in_group, in_branch):
		recommend(name, world.users.sec_a)
	approve(in_group, world)
	with pytest.raises(QuotaExceededError, match=world.orgs.general_branch):
		approve(in_branch, world)


def test_rejected_nominations_free_their_place(world):
	_quota(EXCELLENT_MEMBER, world.orgs.branch_a, 1)
	first, second = _nominate(world), _nominate(world)
	recommend(first, world.users.sec_a)
	recommend(second, world.users.sec_a)
	act(first, "Reject", world.users.committee, rejection_reason="名额调整")
	approve(second, world)
	assert state(second)[0] == "Committee Approved"


def test_default_quota_of_the_award_type_applies_without_a_quota_row(world):
	frappe.db.set_value("Award Type", EXCELLENT_WORKER, "default_quota", 1)
	first, second = (
		_nominate(world, award_type=EXCELLENT_WORKER),
		_nominate(world, award_type=EXCELLENT_WORKER),
	)
	recommend(first, world.users.sec_a)
	recommend(second, world.users.sec_a)
	approve(first, world)
	with pytest.raises(QuotaExceededError):
		approve(second, world)


def test_no_quota_means_unlimited(world):
	names = [_nominate(world, award_type=EXCELLENT_WORKER) for _ in range(3)]
	for name in names:
		recommend(name, world.users.sec_a)
		approve(name, world)
	assert {state(n)[0] for n in names} == {"Committee Approved"}


# --- certificate numbers and rewards -------------------------------------------------------------


def test_certificate_numbers_are_sequential_per_year_and_unique(world):
	names = [_nominate(world) for _ in range(3)]
	numbers = []
	for name in names:
		to_awarded(name, world)
		numbers.append(frappe.db.get_value("Commendation", name, "certificate_number"))
	assert all(n.startswith(f"{Y}-") for n in numbers)
	sequence = [int(n.split("-")[1]) for n in numbers]
	assert sequence == list(range(sequence[0], sequence[0] + 3))
	last_year = _nominate(world, year=Y - 1)
	to_awarded(last_year, world)
	assert frappe.db.get_value("Commendation", last_year, "certificate_number").startswith(f"{Y - 1}-")
	assert len(set(numbers)) == 3


def test_reward_is_paid_through_the_fund_ledger(world):
	fund = make_fund("测试表彰奖励资金", opening=1000).name
	name = _nominate(world)
	recommend(name, world.users.sec_a)
	with pytest.raises(frappe.ValidationError, match="Care Fund"):
		approve(name, world, reward_amount=300)  # a reward needs the fund that pays it
	approve(name, world, reward_amount=300, care_fund=fund)
	act(name, "Publish Notice", world.users.officer)
	end_notice("Commendation", name)
	act(name, "Award", world.users.officer)
	doc = frappe.get_doc("Commendation", name)
	entry = frappe.get_doc("Fund Ledger Entry", doc.ledger_entry)
	assert (entry.entry_type, entry.amount_out, entry.docstatus) == ("Payment", 300, 1)
	assert (entry.reference_doctype, entry.reference_name, entry.member) == ("Commendation", name, doc.member)
	assert ledger.get_balance(fund) == 700


def test_insufficient_balance_refuses_the_award(world):
	fund = make_fund("测试余额不足表彰资金", opening=100).name
	name = _nominate(world)
	to_notice(name, world, reward_amount=300, care_fund=fund)
	end_notice("Commendation", name)
	with pytest.raises(InsufficientFundError):
		act(name, "Award", world.users.officer)
	assert state(name) == ("Public Notice", 0)
	assert not frappe.db.get_value("Commendation", name, "certificate_number")
	assert ledger.get_balance(fund) == 100


# --- eligibility -------------------------------------------------------------------------------------


def _veteran(world, full_member: datetime.date | None, **kwargs):
	"""A member who became a full member on `full_member` (joined the year before)."""
	values = (
		dict(
			date_of_birth=datetime.date(full_member.year - 30, 3, 1),
			date_joined=datetime.date(full_member.year - 1, 1, 15),
			date_full_member=full_member,
		)
		if full_member
		else {}
	)
	values.update(kwargs)
	return make_member(world.orgs.branch_a, **values).name


def test_medal_candidates_at_the_boundaries(world):
	exactly = _veteran(world, datetime.date(Y - 50, 7, 1))  # 50 years on 1 July
	one_day_short = _veteran(world, datetime.date(Y - 50, 7, 2))  # 49 years 364 days on 1 July
	long_ago = _veteran(world, datetime.date(Y - 55, 1, 1))
	probationary = _veteran(
		world,
		None,
		member_status="Probationary",
		date_joined=datetime.date(Y - 60, 1, 1),
		date_of_birth=datetime.date(Y - 85, 1, 1),
		date_full_member=None,
	)
	deceased = _veteran(
		world, datetime.date(Y - 52, 1, 1), member_status="Deceased", date_of_death=datetime.date(Y - 1, 1, 1)
	)
	awarded = _veteran(world, datetime.date(Y - 53, 1, 1))
	to_awarded(_nominate(world, awarded, MEDAL, year=Y - 1), world)  # awarded last year

	names = {row.member for row in eligibility.medal_candidates(Y)}
	assert exactly in names and long_ago in names
	assert not names & {one_day_short, probationary, deceased, awarded}
	row = next(r for r in eligibility.medal_candidates(Y) if r.member == exactly)
	assert row.years == 50 and row.reaches_on == datetime.date(Y, 7, 1)
	# next year the one-day-short member is a candidate
	assert one_day_short in {r.member for r in eligibility.medal_candidates(Y + 1)}


def test_medal_for_a_29_february_full_member(world):
	leap = next(y for y in range(Y - 50, Y - 60, -1) if y % 4 == 0)
	member = _veteran(world, datetime.date(leap, 2, 29))
	row = next(r for r in eligibility.medal_candidates(leap + 50) if r.member == member)
	assert row.years == 50 and row.reaches_on == anniversary(datetime.date(leap, 2, 29), leap + 50)


def test_medal_nomination_is_checked_against_eligibility(world):
	too_young = _veteran(world, datetime.date(Y - 49, 1, 1))
	with pytest.raises(IneligibleNomineeError):
		_nominate(world, too_young, MEDAL)
	eligible = _veteran(world, datetime.date(Y - 51, 1, 1))
	assert _nominate(world, eligible, MEDAL)


def test_party_workers_reaching_ten_years(world):
	def post(member, start, end=None):
		frappe.get_doc(
			doctype="Party Worker Post",
			member=member,
			party_organization=world.orgs.branch_a,
			post="Secretary",
			start_date=start,
			end_date=end,
		).insert()

	ten = make_member(world.orgs.branch_a).name
	post(ten, datetime.date(Y - 10, 12, 31))
	nine = make_member(world.orgs.branch_a).name
	post(nine, datetime.date(Y - 9, 1, 1))
	ended_early = make_member(world.orgs.branch_a).name
	post(ended_early, datetime.date(Y - 15, 1, 1), datetime.date(Y - 6, 1, 1))
	served_then_left = make_member(world.orgs.branch_a).name
	post(served_then_left, datetime.date(Y - 14, 1, 1), datetime.date(Y - 4, 1, 1))
	names = {row.member: row for row in eligibility.party_worker_candidates(Y)}
	assert ten in names and served_then_left in names
	assert nine not in names and ended_early not in names
	assert names[ten].reaches_on == datetime.date(Y, 12, 31)
	assert _nominate(world, ten, TEN_YEAR)
	with pytest.raises(IneligibleNomineeError):
		_nominate(world, nine, TEN_YEAR)


def test_standing_milestones_of_the_year(world):
	ten = _veteran(world, datetime.date(Y - 10, 5, 4))
	eleven = _veteran(world, datetime.date(Y - 11, 5, 4))
	rows = {row.member: row for row in eligibility.standing_milestones(Y)}
	assert rows[ten].years == 10 and rows[ten].reaches_on == datetime.date(Y, 5, 4)
	assert eleven not in rows


def test_create_nominations_is_idempotent(world):
	a = _veteran(world, datetime.date(Y - 51, 1, 1))
	b = _veteran(world, datetime.date(Y - 52, 1, 1))
	frappe.set_user(world.users.sec_a)
	first = eligibility.create_nominations(MEDAL, Y, [a, b])
	again = eligibility.create_nominations(MEDAL, Y, frappe.as_json([a, b]))
	frappe.set_user("Administrator")
	assert len(first["created"]) == 2 and again["created"] == [] and again["skipped"] == sorted([a, b])
	assert frappe.db.count("Commendation", {"award_type": MEDAL, "year": Y, "member": ["in", [a, b]]}) == 2
	assert frappe.db.get_value("Commendation", first["created"][0], "nominated_by") == world.users.sec_a


def test_candidate_lists_are_scoped_to_the_secretarys_subtree(world):
	from party_care.honours.report.medal_candidates.medal_candidates import execute

	member = _veteran(world, datetime.date(Y - 51, 1, 1))
	frappe.set_user(world.users.sec_a)
	assert member in {r.member for r in execute({"year": Y, "kind": eligibility.MEDAL})[1]}
	frappe.set_user(world.users.sec_b)
	assert member not in {r.member for r in execute({"year": Y, "kind": eligibility.MEDAL})[1]}
	frappe.set_user(world.users.mem_a)
	assert execute({"year": Y, "kind": eligibility.MEDAL})[1] == []


# --- reports and prints ---------------------------------------------------------------------------------


def test_commendations_report_counts_by_organisation_and_award(world):
	from party_care.honours.report.commendations.commendations import execute

	def counts():
		_, rows = execute(
			{"year": Y, "award_type": EXCELLENT_MEMBER, "party_organization": world.orgs.branch_a}
		)
		row = next((r for r in rows if r.party_organization == world.orgs.branch_a), frappe._dict())
		return [row.get(k) or 0 for k in ("nominations", "awarded", "rejected", "in_progress", "rewards")]

	before = counts()  # commendations other test modules committed
	fund = make_fund("测试表彰报表资金", opening=1000).name
	awarded = _nominate(world)
	to_awarded(awarded, world, reward_amount=200, care_fund=fund)
	_nominate(world)
	rejected = _nominate(world)
	act(rejected, "Reject", world.users.sec_a, rejection_reason="不符合条件")
	assert [a - b for a, b in zip(counts(), before, strict=True)] == [3, 1, 1, 1, 200]
	frappe.set_user(world.users.sec_b)
	_, rows = execute({"year": Y, "award_type": EXCELLENT_MEMBER})
	assert world.orgs.branch_a not in {r.party_organization for r in rows}
