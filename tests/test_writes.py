"""Writes a role must not make (issue 10, items 7 and 9), in-process: a step's fields belong to
the roles that handle the step, and a once-only honour is re-checked at approval and award."""

import datetime

import frappe
import pytest
from frappe.utils import today

from party_care.exceptions import DuplicateNominationError
from tests.support.factories import make_application, make_fund, make_member
from tests.support.routes import (
	MEDAL,
	THIS_YEAR,
	decide,
	end_notice,
	fund_act,
	make_commendation,
	recommend,
	to_awarded,
)
from tests.support.routes import fund_to_committee as to_committee
from tests.support.routes import fund_to_paid as to_paid
from tests.support.routes import honours_act as act
from tests.support.routes import honours_approve as approve


def _edit_as(user, doctype, name, **values):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		doc.save()
	finally:
		frappe.set_user("Administrator")


def _application(world, amount=1000):
	fund = make_fund("测试写权限资金", opening=10000).name
	return make_application(world.members.mem_a, fund, amount=amount, user=world.users.mem_a).name, fund


# --- 7: a step's fields belong to the roles that handle the step ------------------------------------


def test_secretary_cannot_rewrite_the_committee_decision(world):
	name, _fund = _application(world)
	to_committee(name, world)
	for values in (
		{"amount_approved": 900},
		{"committee_decision": "同意"},
		{"committee_meeting_date": today()},
	):
		with pytest.raises(frappe.PermissionError):
			_edit_as(world.users.sec_a, "Fund Application", name, **values)
	assert not frappe.db.get_value("Fund Application", name, "amount_approved")
	_edit_as(world.users.committee, "Fund Application", name, amount_approved=900)  # the committee's own step
	assert frappe.db.get_value("Fund Application", name, "amount_approved") == 900


def test_officer_and_committee_cannot_rewrite_the_branch_meeting(world):
	name, _fund = _application(world)
	fund_act(name, "Submit", world.users.mem_a)
	for user in (world.users.officer, world.users.committee):
		for values in ({"votes_for": 99}, {"branch_resolution": "改写的决议"}):
			with pytest.raises(frappe.PermissionError):
				_edit_as(user, "Fund Application", name, **values)
	_edit_as(world.users.sec_a, "Fund Application", name, votes_for=20)
	assert frappe.db.get_value("Fund Application", name, "votes_for") == 20


def test_only_officers_record_payment_and_the_signed_receipt(world):
	name, _fund = _application(world, amount=300)
	to_paid(name, world, 300)
	assert frappe.db.get_value("Fund Application", name, "docstatus") == 1
	for user in (world.users.sec_a, world.users.committee):
		with pytest.raises(frappe.PermissionError):
			_edit_as(user, "Fund Application", name, receipt_signed=1)
	assert not frappe.db.get_value("Fund Application", name, "receipt_signed")
	_edit_as(world.users.officer, "Fund Application", name, receipt_signed=1)
	assert frappe.db.get_value("Fund Application", name, "receipt_signed") == 1


def test_secretary_cannot_set_the_payment_method(world):
	name, _fund = _application(world, amount=300)
	to_committee(name, world)
	decide(name, world, 300)
	frappe.db.set_value("Fund Application", name, "workflow_state", "Approved", update_modified=False)
	with pytest.raises(frappe.PermissionError):
		_edit_as(world.users.sec_a, "Fund Application", name, payment_method="Signed Receipt")


def test_dues_relief_steps_belong_to_their_roles(world):
	frappe.set_user(world.users.mem_a)
	doc = frappe.get_doc(
		doctype="Dues Relief Application",
		member=world.members.mem_a,
		relief_type="Reduction",
		monthly_dues=20,
		reduced_dues=5,
		period_from=today(),
		period_to=frappe.utils.getdate().replace(month=12, day=31),
		reason="患病住院，收入减少",
	).insert()
	frappe.set_user("Administrator")
	from tests.support.factories import act_on

	act_on("Dues Relief Application", doc.name, "Submit", world.users.mem_a)
	for user in (world.users.officer, world.users.committee):
		with pytest.raises(frappe.PermissionError):
			_edit_as(user, "Dues Relief Application", doc.name, branch_opinion="改写的支部意见")
	_edit_as(world.users.sec_a, "Dues Relief Application", doc.name, branch_opinion="同意减免")
	assert frappe.db.get_value("Dues Relief Application", doc.name, "branch_opinion") == "同意减免"


# --- 9: the 50-year medal once only, checked again at approval and award ------------------------------


def _veteran(world):
	"""A member whose standing reached 50 years long ago (a candidate this year and last)."""
	return make_member(
		world.orgs.branch_a,
		date_of_birth=datetime.date(1945, 3, 1),
		date_joined=datetime.date(1969, 1, 15),
		date_full_member=datetime.date(1970, 1, 15),
	).name


def test_a_second_medal_nomination_is_refused_at_approval_and_award(world):
	member = _veteran(world)
	# the 2026 nomination is made first and walks on; a 2025 one is made while it is in progress
	first = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR).name
	second = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR - 1).name
	recommend(first, world.users.sec_a)
	recommend(second, world.users.sec_a)
	approve(first, world)
	with pytest.raises(DuplicateNominationError):
		approve(second, world)
	to_notice_and_award(first, world)
	assert frappe.db.get_value("Commendation", first, "workflow_state") == "Awarded"
	assert frappe.db.get_value("Commendation", second, "workflow_state") == "Branch Recommended"


def test_award_rechecks_once_only(world):
	"""A nomination on notice is refused at award when the member got the medal meanwhile
	(here by a record that reached Awarded outside the route, e.g. imported)."""
	member = _veteran(world)
	on_notice = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR - 1).name
	recommend(on_notice, world.users.sec_a)
	approve(on_notice, world)
	act(on_notice, "Publish Notice", world.users.officer)
	end_notice("Commendation", on_notice)
	imported = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR).name
	frappe.db.set_value("Commendation", imported, {"workflow_state": "Awarded", "docstatus": 1})
	with pytest.raises(DuplicateNominationError):
		act(on_notice, "Award", world.users.officer)
	assert frappe.db.get_value("Commendation", on_notice, "workflow_state") == "Public Notice"


def test_a_rejected_first_nomination_leaves_the_way_free(world):
	member = _veteran(world)
	first = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR - 1).name
	second = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR).name
	act(first, "Reject", world.users.sec_a, rejection_reason="材料不全")
	to_awarded(second, world)
	assert frappe.db.get_value("Commendation", second, "workflow_state") == "Awarded"


def test_a_member_who_died_before_the_award_is_not_awarded(world):
	from party_care.exceptions import IneligibleNomineeError

	member = _veteran(world)
	name = make_commendation(member, MEDAL, user=world.users.sec_a, year=THIS_YEAR).name
	recommend(name, world.users.sec_a)
	approve(name, world)
	act(name, "Publish Notice", world.users.officer)
	end_notice("Commendation", name)
	frappe.db.set_value("Member", member, {"member_status": "Deceased", "date_of_death": today()})
	with pytest.raises(IneligibleNomineeError):
		act(name, "Award", world.users.officer)


def to_notice_and_award(name, world):
	act(name, "Publish Notice", world.users.officer)
	end_notice("Commendation", name)
	act(name, "Award", world.users.officer)


# --- 6: who may record an event (in-process; the HTTP sweep is in test_writes_http) -----------------


@pytest.mark.parametrize("who", ["auditor", "committee"])
def test_read_only_and_committee_cannot_record_events(world, who):
	from party_care.care_visits.permissions import check_may_report_event

	frappe.set_user(world.users[who])
	with pytest.raises(frappe.PermissionError):
		check_may_report_event(world.members.mem_b)


def test_members_and_secretaries_record_events_in_their_scope(world):
	from party_care.care_visits.permissions import check_may_report_event

	frappe.set_user(world.users.mem_a)
	check_may_report_event(world.members.other_a)  # same branch (his party group counts as it)
	with pytest.raises(frappe.PermissionError):
		check_may_report_event(world.members.mem_b)
	frappe.set_user(world.users.sec_b)
	check_may_report_event(world.members.mem_b)
	with pytest.raises(frappe.PermissionError):
		check_may_report_event(world.members.other_a)
	frappe.set_user(world.users.officer)
	check_may_report_event(world.members.other_a)
