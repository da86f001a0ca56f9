"""Rules per committee, inherited (issue 22): notice days, limits by purpose, the yearly cap, visit
deadlines and the talk period set at a committee hold for the committees below unless they set their
own, the site settings at the top; what a committee above fixed cannot be loosened below; and each
rule is the one the app runs with — a notice of committee 2 runs its days, its limit and cap refuse
an application, its deadline dates a visit, its talk period counts in the talks report.
Commendations are awarded at the level that gives them, each committee with its own quotas and its
own award types.

World: tests/support/world.py `build_committees` (a work committee over committees 1 and 2)."""

import frappe
import pytest
from frappe.utils import add_days, add_years, get_datetime, getdate, today

from party_care.exceptions import InvalidOrganizationError, PolicyLimitError, QuotaExceededError
from party_care.organization import rules
from tests.support.factories import make_application, make_fund, make_member
from tests.support.routes import (
	EXCELLENT_MEMBER,
	THIS_YEAR,
	branch_values,
	fund_act,
	honours_approve,
	make_commendation,
	recommend,
)
from tests.support.world import build_committees

PURPOSE = "Serious Illness or Disaster Relief"


@pytest.fixture(scope="module")
def two(committed):
	return build_committees(committed)


@pytest.fixture(autouse=True)
def fresh_rules():
	"""Rules made in a test are rolled back with it: neither the request's chains nor the document
	cache may keep them."""
	rules.clear_cache()
	for name in frappe.get_all("Committee Rules", pluck="name"):
		frappe.clear_document_cache("Committee Rules", name)
	yield
	for name in frappe.get_all("Committee Rules", pluck="name"):
		frappe.clear_document_cache("Committee Rules", name)
	rules.clear_cache()


def set_rules(committee, user="Administrator", **values):
	"""Create or change a committee's rules as `user`."""
	frappe.set_user(user)
	try:
		if frappe.db.exists("Committee Rules", committee):
			doc = frappe.get_doc("Committee Rules", committee)
			for table in ("purpose_limits", "visit_deadlines"):
				if table in values:
					doc.set(table, [])
			doc.update(values)
			return doc.save()
		return frappe.get_doc(doctype="Committee Rules", committee=committee, **values).insert()
	finally:
		frappe.set_user("Administrator")


# --- inheritance, override, fixed maxima ------------------------------------------------------------


def test_a_committee_inherits_from_above_unless_it_sets_its_own(two):
	site = rules.default("notice_days")
	assert rules.rule("notice_days", two.orgs.b1) == site  # nothing set: the site's settings
	set_rules(two.orgs.upper, notice_days=site + 2, talk_period_years=2)
	set_rules(two.orgs.c1, notice_days=site + 4)
	assert rules.rule("notice_days", two.orgs.b1) == site + 4  # committee 1's own
	assert rules.rule("notice_days", two.orgs.b2) == site + 2  # committee 2 inherits the work committee's
	assert rules.rule("talk_period_years", two.orgs.b1) == 2
	assert rules.rule("notice_days", two.orgs.upper) == site + 2


def test_a_lower_committee_cannot_loosen_a_fixed_maximum(two):
	set_rules(
		two.orgs.upper,
		yearly_cap_per_member=3000,
		yearly_cap_per_member_fixed=1,
		notice_days=7,
		notice_days_fixed=1,
		purpose_limits=[{"purpose": PURPOSE, "max_amount": 2000, "fixed_for_below": 1}],
		visit_deadlines=[{"visit_reason": "Serious Setback", "due_days": 5, "fixed_for_below": 1}],
	)
	for values in (
		{"yearly_cap_per_member": 4000},
		{"notice_days": 5},
		{"purpose_limits": [{"purpose": PURPOSE, "max_amount": 2500}]},
		{"visit_deadlines": [{"visit_reason": "Serious Setback", "due_days": 6}]},
	):
		with pytest.raises(frappe.ValidationError, match=r"above fixed|上级党委"):
			set_rules(two.orgs.c2, **values)
	# stricter is allowed, and is what committee 2 runs with
	set_rules(
		two.orgs.c2,
		yearly_cap_per_member=2000,
		notice_days=9,
		purpose_limits=[{"purpose": PURPOSE, "max_amount": 1500}],
		visit_deadlines=[{"visit_reason": "Serious Setback", "due_days": 2}],
	)
	assert rules.rule("yearly_cap_per_member", two.orgs.b2) == 2000
	assert rules.rule("notice_days", two.orgs.b2) == 9
	assert rules.purpose_limit(PURPOSE, two.orgs.b2) == 1500
	assert rules.visit_due_days("Serious Setback", two.orgs.b2) == 2
	# committee 1 sets nothing: the work committee's values
	assert rules.rule("yearly_cap_per_member", two.orgs.b1) == 3000
	assert rules.purpose_limit(PURPOSE, two.orgs.b1) == 2000
	assert rules.visit_due_days("Serious Setback", two.orgs.b1) == 5


def test_a_maximum_fixed_later_holds_the_committees_below_to_it(two):
	"""The work committee cannot write committee 2's rules, so fixing a maximum below committee 2's
	value is not refused: committee 2 is held to it, and the officer is told."""
	set_rules(
		two.orgs.c2, yearly_cap_per_member=4000, purpose_limits=[{"purpose": PURPOSE, "max_amount": 3000}]
	)
	frappe.clear_messages()
	set_rules(
		two.orgs.upper,
		yearly_cap_per_member=2500,
		yearly_cap_per_member_fixed=1,
		purpose_limits=[{"purpose": PURPOSE, "max_amount": 1000, "fixed_for_below": 1}],
	)
	told = " ".join(str(m) for m in frappe.get_message_log())
	assert two.orgs.c2 in told
	assert rules.rule("yearly_cap_per_member", two.orgs.b2) == 2500
	assert rules.purpose_limit(PURPOSE, two.orgs.b2) == 1000
	# and committee 2 saving its rules again is refused until it tightens them
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc("Committee Rules", two.orgs.c2).save()


def test_rules_belong_to_a_committee(two):
	with pytest.raises(InvalidOrganizationError):
		set_rules(two.orgs.b1, notice_days=9)


# --- who writes and reads a committee's rules ------------------------------------------------------


def test_only_the_committees_own_officers_write_its_rules(two):
	set_rules(two.orgs.c1, user=two.users.c1_officer, notice_days=8)  # his own
	for user in (two.users.c1_officer, two.users.up_officer, two.users.c2_committee):
		with pytest.raises(frappe.PermissionError):
			set_rules(two.orgs.c2, user=user, notice_days=8)
	with pytest.raises(frappe.PermissionError):  # nor change another's
		set_rules(two.orgs.c1, user=two.users.up_officer, notice_days=12)
	assert frappe.db.get_value("Committee Rules", two.orgs.c1, "notice_days") == 8
	assert not frappe.db.exists("Committee Rules", two.orgs.c2)


def test_a_sister_committee_does_not_read_the_rules(two):
	set_rules(two.orgs.c1, notice_days=8)
	set_rules(two.orgs.c2, notice_days=9)
	for user, own, sister in (
		(two.users.c1_officer, two.orgs.c1, two.orgs.c2),
		(two.users.c1_auditor, two.orgs.c1, two.orgs.c2),
		(two.users.c2_committee, two.orgs.c2, two.orgs.c1),
	):
		frappe.set_user(user)
		assert set(frappe.get_list("Committee Rules", pluck="name")) == {own}
		assert not frappe.has_permission("Committee Rules", "read", doc=sister)
	frappe.set_user(two.users.up_auditor)  # the work committee reads both
	assert {two.orgs.c1, two.orgs.c2} <= set(frappe.get_list("Committee Rules", pluck="name"))
	frappe.set_user(two.users.c1_sec)
	assert not frappe.has_permission("Committee Rules", "read")


# --- each rule is the one the app runs with ----------------------------------------------------------


def to_notice(name, two, prefix="c2"):
	fund_act(name, "Submit", two.users[f"{prefix}_sec"])
	fund_act(name, "Pass Branch Review", two.users[f"{prefix}_sec"], **branch_values())
	fund_act(name, "Accept", two.users[f"{prefix}_officer"], department_opinion="属实")
	fund_act(
		name,
		"Approve",
		two.users[f"{prefix}_committee"],
		committee_meeting_date=today(),
		committee_decision="同意",
		amount_approved=frappe.db.get_value("Fund Application", name, "amount_requested"),
	)
	return frappe.get_doc("Fund Application", name)


def notice_days_of(doc):
	return (get_datetime(doc.notice_end) - get_datetime(doc.notice_start)).days


def test_a_notice_of_committee_2_runs_its_own_days(two):
	site = rules.default("notice_days")
	set_rules(two.orgs.c2, notice_days=site + 3)
	make_fund("乙党委规则资金", 5000, committee=two.orgs.c2)
	make_fund("甲党委规则资金", 5000, committee=two.orgs.c1)
	c2 = make_application(two.members.c2_other, "乙党委规则资金", amount=300, user=two.users.c2_sec)
	c1 = make_application(two.members.c1_other, "甲党委规则资金", amount=300, user=two.users.c1_sec)
	c2, c1 = to_notice(c2.name, two), to_notice(c1.name, two, "c1")
	assert c2.workflow_state == c1.workflow_state == "Public Notice"
	assert notice_days_of(c2) == site + 3
	assert notice_days_of(c1) == site


def test_committee_2s_limit_and_cap_refuse_an_application(two):
	make_fund("乙党委规则资金", 5000, committee=two.orgs.c2)
	make_fund("甲党委规则资金", 5000, committee=two.orgs.c1)
	set_rules(two.orgs.c2, purpose_limits=[{"purpose": PURPOSE, "max_amount": 400}])
	with pytest.raises(PolicyLimitError, match="400"):
		make_application(two.members.c2_other, "乙党委规则资金", amount=450, user=two.users.c2_sec)
	make_application(
		two.members.c1_other, "甲党委规则资金", amount=450, user=two.users.c1_sec
	)  # committee 1: the site's limit

	set_rules(two.orgs.c2, purpose_limits=[], yearly_cap_per_member=350)
	name = make_application(two.members.c2_other, "乙党委规则资金", amount=380, user=two.users.c2_sec).name
	with pytest.raises(PolicyLimitError, match="350"):
		fund_act(name, "Submit", two.users.c2_sec)
	assert frappe.db.get_value("Fund Application", name, "workflow_state") == "Draft"


def test_a_visit_opened_by_an_event_is_due_by_the_committees_deadline(two):
	days = frappe.db.get_value("Visit Reason", "Serious Setback", "due_days")
	set_rules(two.orgs.c2, visit_deadlines=[{"visit_reason": "Serious Setback", "due_days": 1}])
	visits = {}
	for key, member in (("c2", two.members.c2_other), ("c1", two.members.c1_other)):
		event = frappe.get_doc(
			doctype="Member Event", member=member, event_type="Serious Setback", event_date=today()
		).insert()
		visits[key] = frappe.get_doc("Visit", event.visit)
	assert getdate(visits["c2"].due_date) == getdate(add_days(today(), 1))
	assert getdate(visits["c1"].due_date) == getdate(add_days(today(), days))


def test_the_talks_report_counts_each_committees_talk_period(two):
	from party_care.care_visits.report.talks_due.talks_due import members_without_talk

	talked = {}
	for key, branch, visitor in (("c1", two.orgs.b1, "c1_sec"), ("c2", two.orgs.b2, "c2_sec")):
		member = make_member(branch).name
		visit = frappe.get_doc(
			doctype="Visit", member=member, visit_reason="Annual Talk", due_date=add_years(today(), -2)
		).insert()
		visit.update({"status": "Done", "visit_date": add_years(today(), -2)})
		visit.append("visitors", {"visitor": two.members[visitor]})
		visit.save()
		talked[key] = member
	frappe.db.set_single_value("Party Care Settings", "talk_period_years", 1)
	set_rules(two.orgs.c2, talk_period_years=3)
	due = {r.member: r.rule for r in members_without_talk(two.orgs.upper)}
	assert talked["c1"] in due and talked["c2"] not in due
	assert "1" in due[talked["c1"]]
	set_rules(two.orgs.c2, talk_period_years=0)  # back to inheriting
	assert talked["c2"] in {r.member for r in members_without_talk(two.orgs.upper)}


# --- commendations at the level that gives them --------------------------------------------------------


def nominate(member, two, prefix, awarding=None, award_type=EXCELLENT_MEMBER):
	doc = make_commendation(
		member, award_type=award_type, user=two.users[f"{prefix}_sec"], awarding_organization=awarding
	)
	recommend(doc.name, two.users[f"{prefix}_sec"])
	return doc.name


def approve(name, user, two):
	return honours_approve(name, two, user=user)


def test_quotas_per_awarding_committee(two):
	for awarding in (two.orgs.upper, two.orgs.c2):
		frappe.get_doc(
			doctype="Commendation Quota",
			award_type=EXCELLENT_MEMBER,
			year=THIS_YEAR,
			party_organization=two.orgs.c2,
			awarding_committee=awarding,
			quota=1,
		).insert()
	members = [make_member(two.orgs.b2).name for _ in range(4)]
	by_upper = [nominate(m, two, "c2", two.orgs.upper) for m in members[:2]]
	own = [nominate(m, two, "c2") for m in members[2:]]
	assert frappe.db.get_value("Commendation", own[0], "awarding_organization") == two.orgs.c2  # default
	approve(by_upper[0], two.users.up_committee, two)
	approve(own[0], two.users.c2_committee, two)  # the work committee's place does not take committee 2's
	with pytest.raises(QuotaExceededError):
		approve(by_upper[1], two.users.up_committee, two)
	with pytest.raises(QuotaExceededError):
		approve(own[1], two.users.c2_committee, two)


def test_the_awarding_committees_people_approve(two):
	by_upper = nominate(make_member(two.orgs.b2).name, two, "c2", two.orgs.upper)
	with pytest.raises(frappe.PermissionError):
		approve(by_upper, two.users.c2_committee, two)  # committee 2 does not decide the work committee's
	own = nominate(make_member(two.orgs.b2).name, two, "c2")
	with pytest.raises(frappe.PermissionError):
		approve(own, two.users.c1_committee, two)
	approve(own, two.users.up_committee, two)  # the committee above may
	assert frappe.db.get_value("Commendation", own, "workflow_state") == "Committee Approved"
	with pytest.raises(InvalidOrganizationError):  # a sister committee does not award committee 2's people
		make_commendation(make_member(two.orgs.b2).name, awarding_organization=two.orgs.c1)


def test_a_committees_award_type_is_given_by_it_and_below_only(two):
	frappe.set_user(two.users.c1_officer)
	award = frappe.get_doc(
		doctype="Award Type", award_name="甲党委规则奖", recipient_kind="Member", committee=two.orgs.c1
	).insert()
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			doctype="Award Type", award_name="乙党委冒名奖", recipient_kind="Member", committee=two.orgs.c2
		).insert()
	frappe.set_user("Administrator")
	make_commendation(make_member(two.orgs.b1).name, award_type=award.name)
	with pytest.raises(InvalidOrganizationError):
		make_commendation(make_member(two.orgs.b2).name, award_type=award.name)
