"""党员议事厅: members raise issues, the branch puts them on a meeting's agenda and decides, the raiser
and his branch read the outcome; an issue without a decision goes up after the set days, once."""

import frappe
import pytest
from frappe.utils import add_days, today

from party_care.openness import deliberation

DT = "Deliberation Issue"


def raise_as(user, title="食堂就餐难", description="建议延长午餐时间"):
	frappe.set_user(user)
	try:
		return frappe.get_doc(DT, deliberation.raise_issue(title, description)["name"])
	finally:
		frappe.set_user("Administrator")


def visible(user, name) -> bool:
	frappe.set_user(user)
	try:
		return name in frappe.get_list(DT, pluck="name")
	finally:
		frappe.set_user("Administrator")


def test_members_raise_and_their_branch_reads(world):
	issue = raise_as(world.users.mem_a)  # in branch A's party group
	assert (issue.handling_organization, issue.status) == (world.orgs.branch_a, "Raised")
	assert visible(world.users.mem_a, issue.name)
	assert visible(world.users.sec_a, issue.name) and visible(world.users.gb_sec, issue.name)
	assert not visible(world.users.mem_b, issue.name) and not visible(world.users.sec_b, issue.name)


def test_agenda_discussion_and_decision_reach_the_raiser(world):
	issue = raise_as(world.users.mem_a)
	frappe.set_user(world.users.sec_a)
	doc = frappe.get_doc(DT, issue.name)
	doc.meeting_date, doc.meeting = today(), "支部党员大会"
	doc.save()
	assert doc.status == "On Agenda"
	doc.discussion, doc.decision = "大家一致赞成", "午餐时间延长半小时"
	doc.save()
	assert (doc.status, doc.decided_by) == ("Decided", world.users.sec_a)
	frappe.set_user("Administrator")
	assert frappe.db.exists("Notification Log", {"for_user": world.users.mem_a, "document_name": issue.name})
	# the raiser cannot change the record, another branch's secretary cannot decide
	frappe.set_user(world.users.mem_a)
	doc = frappe.get_doc(DT, issue.name)
	doc.title = "改标题"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_other_branch_secretary_cannot_record_the_deliberation(world):
	issue = raise_as(world.users.mem_a)
	frappe.set_user(world.users.sec_b)
	with pytest.raises(frappe.PermissionError):
		doc = frappe.get_doc(DT, issue.name)
		doc.meeting_date = today()
		doc.save()


def test_unanswered_issue_goes_up_once_per_period(world):
	issue = raise_as(world.users.mem_a)
	frappe.db.set_value(DT, issue.name, "raised_on", add_days(today(), -31))
	assert deliberation.escalate_overdue() >= 1
	assert deliberation.escalate_overdue() == 0  # the same day again: nothing moves
	doc = frappe.get_doc(DT, issue.name)
	assert (doc.handling_organization, doc.times_escalated) == (world.orgs.general_branch, 1)
	assert frappe.db.exists("Notification Log", {"for_user": world.users.gb_sec, "document_name": issue.name})
	# thirty days later it reaches the committee; at the top it stays
	assert deliberation.escalate_overdue(add_days(today(), 30)) >= 1
	assert frappe.db.get_value(DT, issue.name, "handling_organization") == world.orgs.committee
	deliberation.escalate_overdue(add_days(today(), 90))
	assert frappe.db.get_value(DT, issue.name, "handling_organization") == world.orgs.committee


def test_decided_issue_does_not_go_up(world):
	issue = raise_as(world.users.mem_a)
	frappe.set_user(world.users.sec_a)
	doc = frappe.get_doc(DT, issue.name)
	doc.update({"meeting_date": today(), "discussion": "讨论", "decision": "同意"})
	doc.save()
	frappe.set_user("Administrator")
	frappe.db.set_value(DT, issue.name, "raised_on", add_days(today(), -60))
	deliberation.escalate_overdue()
	assert frappe.db.get_value(DT, issue.name, "handling_organization") == world.orgs.branch_a


def test_empty_issue_is_refused(world):
	with pytest.raises(frappe.ValidationError, match="fill in"):
		raise_as(world.users.mem_a, title=" ")
