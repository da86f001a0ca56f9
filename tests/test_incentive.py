"""The party-building responsibility assessment (述职评议考核): a round per committee with indicators
and grades, one assessment per general branch and branch, the care indicators read from the records,
the committee's grade and its consequences (reminder talk, rectification within a deadline)."""

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from party_care.exceptions import SelfApprovalError
from party_care.incentive import rectification as rectifications
from tests.support.factories import make_member
from tests.support.incentive import THIS_YEAR, act, make_round, open_assessments, score, to_published


@pytest.fixture
def assessments(world):
	return open_assessments(world, make_round(world).name)


# --- the round ------------------------------------------------------------------------------------


def test_round_comes_with_the_seeds_grades_and_indicators(world):
	doc = make_round(world)
	assert [g.grade_name for g in doc.grades] == ["优秀", "良好", "一般", "较差"]
	assert [g.grade_name for g in doc.grades if g.requires_rectification] == ["一般", "较差"]
	assert sum(r.weight for r in doc.indicators) == 100


def test_round_weights_must_add_up_to_100(world):
	with pytest.raises(frappe.ValidationError, match="100"):
		make_round(
			world, indicators=[{"indicator": "党建工作", "weight": 60, "source": "Scored by Assessors"}]
		)


def test_round_is_held_by_a_committee_once_a_year(world):
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			doctype="Party Building Assessment Round",
			round_name="x",
			year=THIS_YEAR,
			party_organization=world.orgs.branch_a,
		).insert()
	make_round(world)
	with pytest.raises(frappe.ValidationError):
		make_round(world)


def test_a_committee_names_its_own_grades(world):
	doc = make_round(
		world,
		grades=[
			{"grade_name": "好", "min_score": 70, "is_top_grade": 1},
			{"grade_name": "差", "min_score": 0, "requires_rectification": 1},
		],
	)
	assert [g.grade_name for g in doc.grades] == ["好", "差"]
	with pytest.raises(frappe.ValidationError):
		make_round(
			world, year=THIS_YEAR - 1, grades=[{"grade_name": "好", "min_score": 70}]
		)  # nothing from 0


# --- opening the assessments ------------------------------------------------------------------------


def test_every_general_branch_and_branch_is_assessed_once_with_its_secretary(world, assessments):
	orgs = world.orgs
	assert {orgs.general_branch, orgs.branch_a, orgs.branch_b} <= set(assessments)
	assert orgs.group_a not in assessments and orgs.committee not in assessments
	doc = frappe.get_doc("Party Building Assessment", assessments[orgs.branch_a])
	assert (doc.secretary, doc.secretary_name, doc.year) == (world.members.sec_a, "张建国", THIS_YEAR)
	assert doc.workflow_state == "Draft"
	round_name = doc.assessment_round
	assert open_assessments(world, round_name) == assessments  # again: nothing new


def test_care_indicators_are_read_from_the_annual_care_assessment(world, assessments):
	from party_care.organization.report.annual_care_assessment.annual_care_assessment import data

	doc = frappe.get_doc("Party Building Assessment", assessments[world.orgs.branch_a])
	rows = data(THIS_YEAR, world.orgs.branch_a)  # the branch and its party group
	assert doc.care_members == sum(r.members for r in rows) > 0
	talked, members = sum(r.talked for r in rows), sum(r.members for r in rows)
	talk = next(r for r in doc.scores if r.source == "Talk Coverage")
	assert talk.figure == pytest.approx(round(100.0 * talked / members, 1))
	assert talk.weighted_score == pytest.approx(round(talk.score * talk.weight / 100, 2))

	# a talk done today moves the figure on the next save
	frappe.get_doc(
		doctype="Visit",
		member=world.members.other_a,
		visit_reason="Annual Talk",
		status="Done",
		due_date=today(),
		visit_date=today(),
		visitors=[{"visitor": world.members.sec_a}],
	).insert()
	doc.save()
	assert doc.scores[[r.source for r in doc.scores].index("Talk Coverage")].figure >= talk.figure


def test_total_and_grade_by_score(world, assessments):
	doc = score(assessments[world.orgs.branch_a], world.users.officer, 100)
	assert doc.total_score == pytest.approx(sum(r.weighted_score for r in doc.scores))
	low = score(assessments[world.orgs.branch_b], world.users.officer, 10)
	assert low.total_score < doc.total_score
	assert low.suggested_grade in ("一般", "较差")


# --- who fills what ---------------------------------------------------------------------------------


def test_the_secretary_attaches_his_report_but_scores_nothing(world, assessments):
	name = assessments[world.orgs.branch_a]
	frappe.set_user(world.users.sec_a)
	doc = frappe.get_doc("Party Building Assessment", name)
	doc.report_summary = "一年来，支部认真落实党建工作责任制……"
	doc.save()
	assert doc.report_submitted_on
	doc.scores[0].score = 100  # permlevel 1: he reads it, Frappe resets what he writes
	doc.save()
	frappe.set_user("Administrator")
	assert frappe.get_doc("Party Building Assessment", name).scores[0].score == 0


def test_only_the_secretary_concerned_writes_the_report(world, assessments):
	frappe.set_user(world.users.gb_sec)  # the general branch's secretary: branch A is in his subtree
	doc = frappe.get_doc("Party Building Assessment", assessments[world.orgs.branch_a])
	doc.report_summary = "代写"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_another_branchs_secretary_cannot_open_it(world, assessments):
	frappe.set_user(world.users.sec_b)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Party Building Assessment", assessments[world.orgs.branch_a]).check_permission("read")
	assert assessments[world.orgs.branch_a] not in frappe.get_list("Party Building Assessment", pluck="name")
	assert assessments[world.orgs.branch_b] in frappe.get_list("Party Building Assessment", pluck="name")


def test_a_member_reads_no_assessment(world, assessments):
	frappe.set_user(world.users.mem_a)
	assert not frappe.has_permission("Party Building Assessment", "read")


def test_the_auditor_reads_the_assessment_but_not_its_grade(world, assessments):
	name = assessments[world.orgs.branch_b]
	score(name, world.users.officer, 50)
	to_published(world, name)
	frappe.set_user(world.users.auditor)
	doc = frappe.get_doc("Party Building Assessment", name)
	doc.apply_fieldlevel_read_permissions()
	assert doc.workflow_state == "Published"
	assert (
		not doc.get("grade")
		and not doc.get("total_score")
		and not doc.get("scores")
		and not doc.get("rectification")
	)
	assert not frappe.has_permission("Party Building Rectification", "read")


# --- the route and its consequences -----------------------------------------------------------------


def test_submit_needs_the_report_and_every_assessors_score(world, assessments):
	name = assessments[world.orgs.branch_a]
	with pytest.raises(frappe.ValidationError, match=r"report|述职"):
		act(name, "Submit", world.users.officer)
	score(name, world.users.officer, 0)
	with pytest.raises(frappe.ValidationError):
		act(name, "Submit", world.users.officer)  # a zero without a note counts as not scored
	score(name, world.users.officer, 85)
	assert act(name, "Submit", world.users.officer).workflow_state == "Committee Review"


def test_a_good_grade_is_published_without_consequences(world):
	"""(A round scored by the assessors alone: the care figures depend on what else the site holds.)"""
	round_name = make_round(
		world,
		indicators=[{"indicator": "党建工作责任制落实", "weight": 100, "source": "Scored by Assessors"}],
	).name
	name = open_assessments(world, round_name)[world.orgs.branch_a]
	score(name, world.users.officer, 100)
	doc = to_published(world, name, issues=None)
	assert doc.docstatus == 1 and doc.published_on
	assert doc.grade == doc.suggested_grade
	assert not doc.reminder_talk and not doc.rectification


def test_a_fair_grade_opens_a_reminder_talk_and_a_rectification(world, assessments):
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 100)
	doc = to_published(world, name, grade="一般")  # the committee decides otherwise than the score
	assert doc.grade == "一般"
	talk = frappe.get_doc("Visit", doc.reminder_talk)
	assert (talk.member, talk.visit_type, talk.status) == (world.members.sec_a, "Talk", "Planned")
	assert getdate(talk.due_date) == getdate(add_days(today(), 15))
	rect = frappe.get_doc("Party Building Rectification", doc.rectification)
	assert (rect.party_organization, rect.status, rect.grade) == (world.orgs.branch_a, "Open", "一般")
	assert getdate(rect.due_date) == getdate(add_days(today(), 30))
	assert "三会一课" in rect.issues


def test_a_grade_calling_for_rectification_needs_the_problems(world, assessments):
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 100)
	with pytest.raises(frappe.ValidationError):
		to_published(world, name, grade="较差", issues=None)


def test_the_grade_must_be_one_of_the_rounds(world, assessments):
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 100)
	with pytest.raises(frappe.ValidationError):
		to_published(world, name, grade="特优")


def test_scores_are_fixed_once_submitted(world, assessments):
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 80)
	act(name, "Submit", world.users.officer)
	frappe.set_user(world.users.officer)
	doc = frappe.get_doc("Party Building Assessment", name)
	doc.scores[0].score = 100
	with pytest.raises(frappe.ValidationError):
		doc.save()


def test_the_secretary_takes_no_step_on_his_own_assessment(world, assessments):
	"""The assessed secretary sits on the committee too: he does not decide his own grade."""
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 80)
	act(name, "Submit", world.users.officer)
	frappe.set_user("Administrator")
	user = frappe.get_doc("User", world.users.sec_a)
	user.append("roles", {"role": "Party Committee Member"})
	user.save(ignore_permissions=True)
	with pytest.raises(SelfApprovalError):
		act(name, "Decide", world.users.sec_a, committee_meeting_date=today(), committee_opinion="自评")


def test_return_needs_a_reason(world, assessments):
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 80)
	act(name, "Submit", world.users.officer)
	with pytest.raises(frappe.ValidationError):
		act(name, "Return", world.users.committee)
	assert act(name, "Return", world.users.committee, return_reason="评分依据不足").workflow_state == "Draft"


# --- the rectification ------------------------------------------------------------------------------


def _rectification(world, assessments) -> str:
	name = assessments[world.orgs.branch_a]
	score(name, world.users.officer, 100)
	return to_published(world, name, grade="较差").rectification


def _set(name, user, **values):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Party Building Rectification", name)
		doc.update(values)
		return doc.save()
	finally:
		frappe.set_user("Administrator")


def test_the_secretary_reports_back_and_the_committee_closes(world, assessments):
	name = _rectification(world, assessments)
	with pytest.raises(frappe.ValidationError):
		_set(name, world.users.sec_a, status="Reported")  # no report yet
	doc = _set(
		name,
		world.users.sec_a,
		status="Reported",
		rectification_report="已建立“三会一课”台账，按月开展组织生活",
	)
	assert doc.reported_on
	with pytest.raises(SelfApprovalError):
		_set(name, world.users.sec_a, status="Closed", closing_opinion="自行销号")
	with pytest.raises(frappe.ValidationError):
		_set(name, world.users.committee, status="Closed")  # the opinion first
	doc = _set(name, world.users.committee, status="Closed", closing_opinion="整改到位，同意销号")
	assert (doc.status, doc.closed_by) == ("Closed", world.users.committee)
	with pytest.raises(frappe.ValidationError):
		_set(name, world.users.officer, status="Open", closing_opinion="重新整改")  # closed is final


def test_only_the_app_opens_a_rectification(world, assessments):
	frappe.set_user(world.users.officer)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			doctype="Party Building Rectification",
			assessment=assessments[world.orgs.branch_a],
			party_organization=world.orgs.branch_a,
			due_date=today(),
			issues="x",
		).insert()


def test_the_committee_sends_a_report_back_with_a_new_date(world, assessments):
	name = _rectification(world, assessments)
	_set(name, world.users.sec_a, status="Reported", rectification_report="已整改")
	doc = _set(
		name,
		world.users.committee,
		status="Open",
		closing_opinion="整改不彻底",
		due_date=add_days(today(), 20),
	)
	assert doc.status == "Open" and not doc.reported_on


def test_overdue_rectifications_are_reminded_once(world, assessments):
	name = _rectification(world, assessments)
	frappe.db.set_value("Party Building Rectification", name, "due_date", add_days(today(), -1))
	before = frappe.db.count("Notification Log", {"document_name": name, "for_user": world.users.sec_a})
	assert rectifications.remind_overdue() >= 1
	assert rectifications.remind_overdue() == 0
	assert (
		frappe.db.count("Notification Log", {"document_name": name, "for_user": world.users.sec_a})
		== before + 1
	)
	# the general branch's secretary (the level above branch A) hears of it too
	assert frappe.db.exists("Notification Log", {"document_name": name, "for_user": world.users.gb_sec})


def test_a_member_who_left_office_keeps_his_assessment(world, assessments):
	"""The assessment names the secretary of the year, not whoever leads the branch later."""
	name = assessments[world.orgs.branch_a]
	new = make_member(world.orgs.branch_a, full_name="钱学军")
	org = frappe.get_doc("Party Organization", world.orgs.branch_a)
	org.secretary = new.name
	org.save()
	frappe.get_doc("Party Building Assessment", name).save()
	assert frappe.db.get_value("Party Building Assessment", name, "secretary") == world.members.sec_a


# --- activities, volunteers, pairings -----------------------------------------------------------------


def test_every_incentive_doctype_has_the_permission_hooks():
	from party_care import hooks
	from party_care.incentive.permissions import OWN_RECORDS

	for doctype in OWN_RECORDS:
		assert (
			hooks.permission_query_conditions[doctype] == "party_care.incentive.permissions.query_conditions"
		)
		assert hooks.has_permission[doctype] == "party_care.incentive.permissions.has_permission"


def test_an_activity_counts_its_participants_and_hours(world):
	doc = frappe.get_doc(
		doctype="Party Activity",
		title="党员奉献日",
		activity_type="Member Dedication Day",
		party_organization=world.orgs.branch_a,
		activity_date=today(),
		content="清扫小区",
		participants=[
			{"member": world.members.mem_a, "hours": 2},
			{"member": world.members.other_a, "hours": 1.5},
		],
	).insert()
	assert (doc.participant_count, doc.total_hours) == (2, 3.5)
	doc.append("participants", {"member": world.members.mem_a, "hours": 1})
	with pytest.raises(frappe.ValidationError):
		doc.save()  # the same member twice


@pytest.mark.parametrize("hours", [0, -1, 25])
def test_volunteer_hours_are_real_hours(world, hours):
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			doctype="Volunteer Service",
			member=world.members.mem_a,
			service_date=today(),
			hours=hours,
			service="探望",
		).insert()


def test_a_secretary_names_only_hardship_cases_he_may_read(world):
	case = frappe.get_doc(
		doctype="Hardship Case",
		member=world.members.mem_b,
		hardship_type="Illness",
		hardship_level="General",
		situation="慢性病",
	).insert()
	frappe.set_user(world.users.sec_a)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			doctype="Volunteer Service",
			member=world.members.mem_a,
			service_date=today(),
			hours=2,
			service="代购药品",
			hardship_case=case.name,
		).insert()


def test_a_pairing_needs_a_partner_and_takes_its_activities_into_the_review(world):
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			doctype="Organization Pairing",
			party_organization=world.orgs.branch_a,
			start_date=today(),
			agreed_measures="共建",
		).insert()
	pairing = frappe.get_doc(
		doctype="Organization Pairing",
		party_organization=world.orgs.branch_a,
		partner_organization=world.orgs.branch_b,
		start_date=today(),
		agreed_measures="每季度联合开展一次主题党日",
	).insert()
	frappe.get_doc(
		doctype="Party Activity",
		title="联合主题党日",
		activity_type="Themed Party Day",
		party_organization=world.orgs.branch_b,
		activity_date=today(),
		content="共学",
		organization_pairing=pairing.name,
	).insert()
	pairing.append(
		"reviews", {"year": THIS_YEAR, "review_date": today(), "rating": "Good", "outcome": "成效明显"}
	)
	pairing.save()
	assert pairing.reviews[0].activities == 1
	with pytest.raises(frappe.ValidationError):  # an activity of an organisation outside the pairing
		frappe.get_doc(
			doctype="Party Activity",
			title="x",
			activity_type="Other",
			party_organization=world.orgs.general_branch,
			activity_date=today(),
			content="x",
			organization_pairing=pairing.name,
		).insert()


def test_the_assessment_sheet_prints_the_grade_for_the_committee_only(world, assessments):
	name = assessments[world.orgs.branch_b]
	score(name, world.users.officer, 95)
	frappe.db.set_value("Party Building Assessment", name, "committee_opinion", "带头作用突出-PRINT")
	frappe.set_user(world.users.committee)
	html = frappe.get_print("Party Building Assessment", name, "Party Building Assessment Sheet")
	assert "述职评议表" in html or "Party Building Assessment Sheet" in html
	assert "带头作用突出-PRINT" in html and world.orgs.branch_b in html
	frappe.set_user(world.users.auditor)
	html = frappe.get_print("Party Building Assessment", name, "Party Building Assessment Sheet")
	assert "带头作用突出-PRINT" not in html
