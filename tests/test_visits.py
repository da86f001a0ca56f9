"""Visits, condolences and talks: events open visits with deadlines, campaigns plan them,
overdue ones are reminded once, coverage adds up, money only through the fund."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, add_years, getdate, today

from party_care.care_visits import visits
from party_care.care_visits.setup import STANDARD_REASONS
from tests.support.factories import make_fund, make_member, make_organization
from tests.support.jobs import run_jobs_after_commit
from tests.support.routes import branch_values, decide, end_notice

EVENT_REASONS = [
	(name, kind, days, deceased) for name, kind, days, on_event, deceased, _ in STANDARD_REASONS if on_event
]


def record_event(member, event_type, event_date=None, user="Administrator"):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			doctype="Member Event", member=member, event_type=event_type, event_date=event_date or today()
		).insert()
	finally:
		frappe.set_user("Administrator")


@pytest.mark.parametrize("reason,kind,days,deceased", EVENT_REASONS)
def test_each_event_opens_the_right_visit_with_its_due_date(world, reason, kind, days, deceased):
	member = make_member(world.orgs.group_a).name
	event = record_event(member, reason, add_days(today(), -1), user=world.users.sec_a)
	visit = frappe.get_doc("Visit", event.visit)
	assert (visit.member, visit.visit_reason, visit.visit_type, visit.status) == (
		member,
		reason,
		kind,
		"Planned",
	)
	assert getdate(visit.due_date) == getdate(add_days(today(), days - 1))
	assert visit.member_event == event.name
	# assigned to the secretary of the member's branch (the group has none of its own), by the job
	# that runs once the event is saved
	run_jobs_after_commit()
	todo = frappe.get_all(
		"ToDo",
		filters={"reference_type": "Visit", "reference_name": visit.name, "status": "Open"},
		pluck="allocated_to",
	)
	assert todo == [world.users.sec_a]
	status = frappe.db.get_value("Member", member, "member_status")
	assert (status == "Deceased") == bool(deceased)


def test_event_that_opens_nothing_is_refused(world):
	with pytest.raises(frappe.ValidationError):
		record_event(world.members.other_a, "Holiday Visit")


def test_death_recorded_on_the_member_opens_the_condolence_visit(world):
	member = frappe.get_doc("Member", make_member(world.orgs.branch_a).name)
	member.member_status = "Deceased"
	member.date_of_death = add_days(today(), -2)
	member.save()
	visit = frappe.get_all("Visit", filters={"member": member.name}, fields=["visit_reason", "due_date"])
	assert [(v.visit_reason, getdate(v.due_date)) for v in visit] == [
		("Death of Member", getdate(add_days(today(), 1)))
	]


def test_a_member_may_report_an_event_for_his_own_branch_only(world):
	frappe.set_user(world.users.mem_a)
	result = visits.report_event(world.members.other_a, "Hospitalisation or Serious Illness")
	assert frappe.db.get_value("Visit", result["visit"], "member") == world.members.other_a
	with pytest.raises(frappe.PermissionError):
		visits.report_event(world.members.mem_b, "Hospitalisation or Serious Illness")


def test_done_visit_needs_date_and_visitors(world):
	event = record_event(world.members.other_a, "Special Hardship")
	run_jobs_after_commit()
	assert frappe.get_all("ToDo", filters={"reference_name": event.visit, "status": "Open"})
	visit = frappe.get_doc("Visit", event.visit)
	visit.status = "Done"
	with pytest.raises(frappe.ValidationError):
		visit.save()
	visit = frappe.get_doc("Visit", event.visit)
	visit.update({"status": "Done", "visit_date": today()})
	with pytest.raises(frappe.ValidationError, match="who visited"):
		visit.save()
	visit = frappe.get_doc("Visit", event.visit)
	visit.update({"status": "Done", "visit_date": today()})
	visit.append("visitors", {"visitor": world.members.sec_a})
	visit.notes = "了解到其子女在外地工作，生活基本能够自理"
	visit.save()
	assert visit.visitors[0].visitor_name == "张建国"
	assert not frappe.get_all("ToDo", filters={"reference_name": visit.name, "status": "Open"})


def _todos(visit):
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "Visit", "reference_name": visit, "status": "Open"},
		pluck="allocated_to",
	)


def _plan_visit(member, user):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			doctype="Visit", member=member, visit_reason="Routine Visit", due_date=today()
		).insert()
	finally:
		frappe.set_user("Administrator")


def test_secretary_gets_the_visit_on_his_todo_list_once_it_is_saved(world):
	visit = _plan_visit(world.members.other_a, world.users.officer)
	assert not _todos(visit.name)  # not while the officer waits for the save
	assert "party_care.care_visits.doctype.visit.visit.assign_to_secretary" in run_jobs_after_commit()
	assert _todos(visit.name) == [world.users.sec_a]
	todo = frappe.get_all(
		"ToDo", filters={"reference_name": visit.name}, fields=["description", "date", "assigned_by"]
	)[0]
	assert "赵志强" in todo.description and getdate(todo.date) == getdate(today())
	assert todo.assigned_by == world.users.officer
	[note] = frappe.get_all(
		"Notification Log",
		filters={"for_user": world.users.sec_a, "document_type": "Visit", "document_name": visit.name},
		fields=["type", "from_user"],
	)
	assert (note.type, note.from_user) == ("Assignment", world.users.officer)
	# a retried job assigns nothing twice
	from party_care.care_visits.doctype.visit.visit import assign_to_secretary

	assign_to_secretary(visit.name, "again")
	assert _todos(visit.name) == [world.users.sec_a]


def test_secretary_plans_visits_for_members_of_his_subtree_only(world):
	assert _plan_visit(world.members.mem_a, world.users.sec_a).party_organization == world.orgs.group_a
	before = frappe.db.count("Visit", {"member": world.members.other_b})
	with pytest.raises(frappe.PermissionError):
		_plan_visit(world.members.other_b, world.users.sec_a)
	assert frappe.db.count("Visit", {"member": world.members.other_b}) == before


def test_visit_done_cancelled_or_deleted_before_the_job_runs_is_not_assigned(world):
	done = _plan_visit(world.members.other_a, world.users.officer)
	done.update({"status": "Done", "visit_date": today()})
	done.append("visitors", {"visitor": world.members.sec_a})
	done.save()
	cancelled = _plan_visit(world.members.other_a, world.users.officer)
	cancelled.update({"status": "Cancelled", "cancel_reason": "成员已外出"})
	cancelled.save()
	kept = _plan_visit(world.members.other_a, world.users.officer)
	deleted = _plan_visit(
		world.members.other_a, world.users.officer
	)  # the last of the series: its name is not reused
	frappe.delete_doc("Visit", deleted.name)
	run_jobs_after_commit()
	assert not _todos(done.name) and not _todos(cancelled.name) and not _todos(deleted.name)
	assert _todos(kept.name) == [world.users.sec_a]


def test_assignment_to_the_secretary_is_closed_when_the_visit_is_cancelled(world):
	visit = _plan_visit(world.members.mem_b, world.users.sec_b)
	run_jobs_after_commit()
	assert _todos(visit.name) == [world.users.sec_b]
	visit.update({"status": "Cancelled", "cancel_reason": "成员已外出"})
	visit.save()
	assert not _todos(visit.name)


# --- campaigns ------------------------------------------------------------------------------


def _campaign(world, org, name="测试春节走访"):
	return frappe.get_doc(
		doctype="Visit Campaign",
		campaign_name=name,
		occasion="Spring Festival",
		year=getdate().year,
		party_organization=org,
		due_date=add_days(today(), 20),
	).insert()


def test_campaign_defaults_come_from_settings(world):
	campaign = _campaign(world, world.orgs.branch_a)
	assert campaign.min_age == 80 and campaign.include_retired and campaign.include_living_alone
	assert not campaign.include_chronically_ill


def test_campaign_generation_is_scoped_and_idempotent(world):
	old = getdate(add_years(today(), -85))
	elderly_a = make_member(
		world.orgs.group_a,
		date_of_birth=old,
		date_joined=datetime.date(old.year + 30, 3, 1),
		date_full_member=datetime.date(old.year + 31, 3, 1),
	).name
	alone_a = make_member(world.orgs.branch_a, is_living_alone=1).name
	elderly_b = make_member(
		world.orgs.branch_b,
		date_of_birth=old,
		date_joined=datetime.date(old.year + 30, 3, 1),
		date_full_member=datetime.date(old.year + 31, 3, 1),
	).name
	plain_a = make_member(world.orgs.branch_a).name
	campaign = _campaign(world, world.orgs.branch_a).name
	visits.generate_campaign_visits(campaign)
	planned = set(frappe.get_all("Visit", filters={"campaign": campaign}, pluck="member"))
	assert {elderly_a, alone_a} <= planned
	assert elderly_b not in planned and plain_a not in planned
	count = len(planned)
	assert visits.generate_campaign_visits(campaign) == 0
	assert frappe.db.count("Visit", {"campaign": campaign}) == count
	newcomer = make_member(world.orgs.branch_a, is_incapacitated=1).name
	assert visits.generate_campaign_visits(campaign) == 1
	assert newcomer in set(frappe.get_all("Visit", filters={"campaign": campaign}, pluck="member"))
	row = frappe.get_doc("Visit", {"campaign": campaign, "member": elderly_a})
	assert row.status == "Planned" and row.visit_reason == "Holiday Visit" and row.name.startswith("VIS-")
	# tracked by the campaign: no to-do each
	run_jobs_after_commit()
	assert not frappe.get_all(
		"ToDo",
		filters={
			"reference_type": "Visit",
			"reference_name": (
				"in",
				list(frappe.get_all("Visit", filters={"campaign": campaign}, pluck="name")),
			),
		},
	)
	# campaign visits open like any other and continue the same series
	event = record_event(plain_a, "Special Hardship")
	assert event.visit > max(frappe.get_all("Visit", filters={"campaign": campaign}, pluck="name"))


def test_campaign_progress_counts_done(world):
	alone = make_member(world.orgs.branch_b, is_living_alone=1).name
	campaign = _campaign(world, world.orgs.branch_b, "测试七一走访").name
	visits.generate_campaign_visits(campaign)
	visit = frappe.get_doc("Visit", {"campaign": campaign, "member": alone})
	visit.update({"status": "Done", "visit_date": today()})
	visit.append("visitors", {"visitor": world.members.sec_b})
	visit.save()
	doc = frappe.get_doc("Visit Campaign", campaign)
	assert doc.visits_done == 1 and doc.visits_planned >= 1
	assert doc.completion_rate == round(100.0 / doc.visits_planned, 1)


# --- overdue --------------------------------------------------------------------------------


def test_overdue_visits_are_reminded_once(world):
	event = record_event(world.members.other_a, "Hospitalisation or Serious Illness", add_days(today(), -10))
	before = frappe.db.count("Notification Log", {"for_user": world.users.sec_a})
	assert visits.remind_overdue_visits() >= 1
	assert frappe.db.get_value("Visit", event.visit, "overdue_reminded_on")
	assert frappe.db.count("Notification Log", {"for_user": world.users.sec_a}) == before + 1
	assert visits.remind_overdue_visits() == 0
	assert frappe.db.count("Notification Log", {"for_user": world.users.sec_a}) == before + 1
	# tomorrow's run reminds only what became overdue since, never this visit again
	visits.remind_overdue_visits(on=add_days(today(), 1))
	assert getdate(frappe.db.get_value("Visit", event.visit, "overdue_reminded_on")) == getdate(today())


def test_overdue_report_lists_only_the_viewers_scope(world):
	from party_care.care_visits.report.overdue_visits.overdue_visits import execute

	a = record_event(world.members.other_a, "Special Hardship", add_days(today(), -30)).visit
	b = record_event(world.members.other_b, "Special Hardship", add_days(today(), -30)).visit
	frappe.set_user(world.users.sec_a)
	names = {r.name for r in execute({})[1]}
	assert a in names and b not in names


# --- coverage -------------------------------------------------------------------------------


def _done(visit_name, on, visitor):
	visit = frappe.get_doc("Visit", visit_name)
	visit.update({"status": "Done", "visit_date": on})
	visit.append("visitors", {"visitor": visitor})
	visit.save()


def test_care_coverage_matches_a_seeded_branch(world):
	from party_care.care_visits.report.care_coverage.care_coverage import execute

	branch = make_organization("测试覆盖支部", "Branch", world.orgs.committee).name
	old = getdate(add_years(today(), -82))
	m = [make_member(branch).name for _ in range(3)]
	elderly = make_member(
		branch,
		date_of_birth=old,
		date_joined=datetime.date(old.year + 25, 5, 1),
		date_full_member=datetime.date(old.year + 26, 5, 1),
	).name
	secretary = m[0]
	yesterday = add_days(today(), -1)
	# two talks done (one member twice), one on time
	t1 = (
		frappe.get_doc(doctype="Visit", member=m[1], visit_reason="Annual Talk", due_date=today())
		.insert()
		.name
	)
	_done(t1, today(), secretary)
	t2 = (
		frappe.get_doc(
			doctype="Visit", member=m[2], visit_reason="Annual Talk", due_date=add_days(today(), -5)
		)
		.insert()
		.name
	)
	_done(t2, yesterday, secretary)  # done after its due date
	t3 = (
		frappe.get_doc(doctype="Visit", member=m[2], visit_reason="Annual Talk", due_date=today())
		.insert()
		.name
	)
	_done(t3, today(), secretary)
	# the elderly member visited; one visit overdue; one cancelled (not counted)
	v1 = (
		frappe.get_doc(doctype="Visit", member=elderly, visit_reason="Elderly Member Visit", due_date=today())
		.insert()
		.name
	)
	_done(v1, today(), secretary)
	frappe.get_doc(
		doctype="Visit", member=m[0], visit_reason="Routine Visit", due_date=add_days(today(), -3)
	).insert()
	frappe.get_doc(
		doctype="Visit",
		member=m[0],
		visit_reason="Routine Visit",
		due_date=today(),
		status="Cancelled",
		cancel_reason="已调出",
	).insert()
	_, rows, _, chart = execute({"party_organization": branch})
	assert chart["data"]["labels"] == ["测试覆盖"] and chart["data"]["datasets"][1]["values"] == [
		4
	]  # the branch by its short name (desk/charts.py)
	assert len(rows) == 1
	row = rows[0]
	assert (row.members, row.planned, row.done, row.done_on_time, row.overdue) == (4, 5, 4, 3, 1)
	assert (row.talked, row.talk_coverage, row.elderly, row.elderly_visited) == (2, 50.0, 1, 1)
	frappe.set_user(world.users.sec_b)
	assert execute({"party_organization": branch})[1] == []


def test_talks_due_lists_members_without_a_talk(world):
	from party_care.care_visits.report.talks_due.talks_due import execute

	member = make_member(world.orgs.branch_b).name
	frappe.set_user(world.users.sec_b)
	due = {r["member"] for r in execute({})[1]}
	assert member in due and world.members.mem_a not in due
	frappe.set_user("Administrator")
	talk = (
		frappe.get_doc(doctype="Visit", member=member, visit_reason="Annual Talk", due_date=today())
		.insert()
		.name
	)
	_done(talk, today(), world.members.sec_b)
	frappe.set_user(world.users.sec_b)
	assert member not in {r["member"] for r in execute({})[1]}


def test_talk_period_setting_of_three_years(world):
	from party_care.care_visits.report.talks_due.talks_due import members_without_talk

	member = make_member(world.orgs.branch_b).name
	talk = (
		frappe.get_doc(
			doctype="Visit", member=member, visit_reason="Annual Talk", due_date=add_years(today(), -2)
		)
		.insert()
		.name
	)
	_done(talk, add_years(today(), -2), world.members.sec_b)
	assert member in {r["member"] for r in members_without_talk()}
	frappe.db.set_single_value("Party Care Settings", "talk_period_years", 3)
	assert member not in {r["member"] for r in members_without_talk()}


def test_quarterly_talk_of_branch_secretaries(world):
	from party_care.care_visits.report.talks_due.talks_due import secretaries_without_quarterly_talk

	assert world.members.sec_a in {r["member"] for r in secretaries_without_quarterly_talk()}
	assert world.members.sec_b not in {
		r["member"] for r in secretaries_without_quarterly_talk()
	}  # no general branch
	talk = (
		frappe.get_doc(
			doctype="Visit",
			member=world.members.sec_a,
			visit_reason="Quarterly Talk with Branch Secretary",
			due_date=today(),
		)
		.insert()
		.name
	)
	_done(talk, today(), world.members.gb_sec)
	assert world.members.sec_a not in {r["member"] for r in secretaries_without_quarterly_talk()}


# --- money only through the fund -------------------------------------------------------------


def test_condolence_payment_goes_through_the_fund(world):

	from party_care.care_fund import ledger
	from party_care.care_visits.doctype.visit.visit import request_fund_payment
	from tests.support.routes import fund_act as act

	fund = make_fund("测试吊唁资金", opening=5000).name
	member = make_member(world.orgs.group_a).name
	event = record_event(member, "Death of Member", user=world.users.sec_a)
	assert frappe.db.get_value("Member", member, "member_status") == "Deceased"
	frappe.set_user(world.users.sec_a)
	application = request_fund_payment(event.visit, fund, 800)
	frappe.set_user("Administrator")
	app = frappe.get_doc("Fund Application", application)
	assert (app.purpose, app.member) == ("Condolence", member)
	act(application, "Submit", world.users.sec_a)
	act(application, "Pass Branch Review", world.users.sec_a, **branch_values())
	act(application, "Accept", world.users.officer, department_opinion="属实")
	decide(application, world, 800)
	end_notice("Fund Application", application)
	act(application, "Close Notice", world.users.officer)
	act(application, "Pay", world.users.officer, payment_method="Signed Receipt")
	visit = frappe.get_doc("Visit", event.visit)
	entry = frappe.get_doc(
		"Fund Ledger Entry", frappe.db.get_value("Fund Application", application, "ledger_entry")
	)
	assert visit.amount_paid == entry.amount_out == 800
	assert ledger.get_balance(fund) == 4200
	# no amount can be typed on the visit itself
	visit.set("amount_paid", 99999)  # what a REST client sending the field does
	visit.save()
	assert frappe.get_doc("Visit", event.visit).amount_paid == 800
	assert "amount_paid" not in frappe.db.get_table_columns("Visit")


def test_visit_for_a_reason_without_money_cannot_request_payment(world):
	from party_care.care_visits.doctype.visit.visit import request_fund_payment

	fund = make_fund("测试无款资金", opening=100).name
	event = record_event(world.members.other_a, "Ideological Upheaval")
	with pytest.raises(frappe.ValidationError):
		request_fund_payment(event.visit, fund, 50)


def test_member_sees_only_his_own_visits(world):
	own = record_event(world.members.mem_a, "Change of Post").visit
	other = record_event(world.members.other_a, "Change of Post").visit
	frappe.set_user(world.users.mem_a)
	names = set(frappe.get_list("Visit", pluck="name"))
	assert own in names and other not in names
