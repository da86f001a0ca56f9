"""The care fund: the ledger never goes negative, and applications pass branch, department,
committee and public notice before money moves — with each role, in-process."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import flt

from party_care.care_fund import ledger
from party_care.exceptions import (
	DuplicatePaymentError,
	InsufficientFundError,
	LedgerEntryError,
	NoticePeriodError,
	PolicyLimitError,
	SelfApprovalError,
)
from tests.support.factories import make_application, make_fund, make_member, make_user
from tests.support.routes import branch_values, decide, end_notice
from tests.support.routes import fund_act as act
from tests.support.routes import fund_to_committee as to_committee
from tests.support.routes import fund_to_paid as to_paid


@pytest.fixture
def fund(world):
	return make_fund("测试帮扶资金", opening=10000).name


def _app(world, fund, **kwargs):
	kwargs.setdefault("user", world.users.mem_a)
	return make_application(world.members.mem_a, fund, **kwargs).name


def _state(name):
	return frappe.db.get_value("Fund Application", name, ["workflow_state", "docstatus"])


# --- the ledger -----------------------------------------------------------------------------------


def test_balance_is_sum_of_ledger(world, fund):
	ledger.post(fund, "Donation", 500, member=world.members.mem_b)
	ledger.post(fund, "Dues Share", 250.5, party_organization=world.orgs.branch_a)
	rows = frappe.get_all(
		"Fund Ledger Entry", filters={"care_fund": fund, "docstatus": 1}, fields=["amount_in", "amount_out"]
	)
	total = sum(flt(r.amount_in) - flt(r.amount_out) for r in rows)
	assert ledger.get_balance(fund) == total == 10750.5
	assert frappe.get_doc("Care Fund", fund).balance == 10750.5


def test_payment_beyond_balance_is_refused(world):
	fund = make_fund("测试小额资金", opening=300).name
	with pytest.raises(InsufficientFundError):
		ledger.post(
			fund, "Payment", 300.01, reference_doctype="Fund Application", reference_name=_app(world, fund)
		)
	assert ledger.get_balance(fund) == 300


def test_payment_cannot_be_typed_in_by_hand(world, fund):
	frappe.set_user(world.users.officer)
	entry = frappe.get_doc(doctype="Fund Ledger Entry", care_fund=fund, entry_type="Payment", amount=10)
	with pytest.raises(LedgerEntryError):
		entry.insert()


def test_cancelling_a_receipt_cannot_make_the_balance_negative(world):
	fund = make_fund("测试撤销资金", opening=0).name
	receipt = ledger.post(fund, "Donation", 1000)
	ledger.post(fund, "Payment", 800, reference_doctype="Fund Application", reference_name=_app(world, fund))
	with pytest.raises(InsufficientFundError):
		frappe.get_doc("Fund Ledger Entry", receipt.name).cancel()
	assert ledger.get_balance(fund) == 200


def test_same_document_is_never_paid_twice(world, fund):
	name = _app(world, fund)
	ledger.post(fund, "Payment", 10, reference_doctype="Fund Application", reference_name=name)
	with pytest.raises(DuplicatePaymentError):
		ledger.post(fund, "Payment", 10, reference_doctype="Fund Application", reference_name=name)


def test_non_positive_amounts_are_refused(world, fund):
	with pytest.raises(LedgerEntryError):
		ledger.post(fund, "Donation", 0)
	with pytest.raises(LedgerEntryError):
		ledger.post(fund, "Donation", -5)


# --- the route --------------------------------------------------------------------------------


def test_route_from_draft_to_paid_with_each_role(world, fund):
	name = _app(world, fund, amount=2000)
	assert _state(name) == ("Draft", 0)
	act(name, "Submit", world.users.mem_a)
	assert _state(name)[0] == "Branch Review"
	act(name, "Pass Branch Review", world.users.sec_a, **branch_values())
	assert _state(name)[0] == "Department Review"
	act(name, "Accept", world.users.officer, department_opinion="情况属实")
	doc = frappe.get_doc("Fund Application", name)
	assert doc.workflow_state == "Committee Review" and doc.department_checked_by == world.users.officer
	decide(name, world, 1500)
	doc = frappe.get_doc("Fund Application", name)
	assert doc.workflow_state == "Public Notice" and doc.decided_by == world.users.committee
	assert (doc.notice_end - doc.notice_start).days == 5  # the configured notice days
	end_notice("Fund Application", name)
	act(name, "Close Notice", world.users.officer)
	assert _state(name)[0] == "Approved"
	act(name, "Pay", world.users.officer, payment_method="Signed Receipt")
	doc = frappe.get_doc("Fund Application", name)
	assert (doc.workflow_state, doc.docstatus) == ("Paid", 1)
	entry = frappe.get_doc("Fund Ledger Entry", doc.ledger_entry)
	assert (entry.entry_type, entry.amount_out, entry.docstatus) == ("Payment", 1500, 1)
	assert entry.reference_name == name and entry.member == world.members.mem_a
	assert ledger.get_balance(fund) == 8500


def test_branch_secretary_can_apply_on_members_behalf(world, fund):
	name = make_application(world.members.other_a, fund, user=world.users.sec_a).name
	assert frappe.db.get_value("Fund Application", name, "applied_by") == world.users.sec_a
	act(name, "Submit", world.users.sec_a)
	assert _state(name)[0] == "Branch Review"


def test_party_member_cannot_apply_for_someone_else(world, fund):
	with pytest.raises(frappe.PermissionError):
		make_application(world.members.other_a, fund, user=world.users.mem_a)


def test_wrong_role_cannot_take_a_step(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	with pytest.raises(WorkflowTransitionError):
		act(name, "Pass Branch Review", world.users.officer)  # the officer's step comes later
	with pytest.raises(WorkflowTransitionError):
		act(name, "Pass Branch Review", world.users.mem_a)
	assert _state(name)[0] == "Branch Review"


def test_other_branch_secretary_cannot_touch_the_application(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	with pytest.raises(frappe.PermissionError):
		act(name, "Pass Branch Review", world.users.sec_b, **branch_values())


def test_nobody_acts_on_his_own_application(world, fund):
	name = make_application(world.members.sec_a, fund, user=world.users.sec_a).name
	act(name, "Submit", world.users.sec_a)
	with pytest.raises(SelfApprovalError):
		act(name, "Pass Branch Review", world.users.sec_a, **branch_values())
	# the general-branch secretary above him may
	act(name, "Pass Branch Review", world.users.gb_sec, **branch_values())
	assert _state(name)[0] == "Department Review"


def test_committee_member_cannot_decide_his_own_application(world, fund):
	user = make_user("committee-member-applicant@party-care.test", ["Party Committee Member"])
	member = make_member(world.orgs.branch_b, user=user.name)
	name = make_application(member.name, fund, user=world.users.sec_b).name
	act(name, "Submit", world.users.sec_b)
	act(name, "Pass Branch Review", world.users.sec_b, **branch_values())
	act(name, "Accept", world.users.officer, department_opinion="属实")
	frappe.set_user(user.name)
	doc = frappe.get_doc("Fund Application", name)
	doc.update(
		dict(committee_meeting_date=frappe.utils.today(), committee_decision="同意", amount_approved=500)
	)
	with pytest.raises(SelfApprovalError):
		doc.save()


def test_writing_workflow_state_directly_cannot_skip_steps(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	frappe.set_user(world.users.sec_a)
	doc = frappe.get_doc("Fund Application", name)
	doc.workflow_state = "Approved"
	with pytest.raises(WorkflowPermissionError):
		doc.save()
	frappe.set_user("Administrator")
	assert _state(name)[0] == "Branch Review"


def test_submitting_docstatus_directly_is_refused(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	frappe.set_user(world.users.sec_a)
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc("Fund Application", name).submit()


def test_branch_meeting_must_pass_with_majority(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	with pytest.raises(frappe.ValidationError, match="Branch Meeting Date"):
		act(name, "Pass Branch Review", world.users.sec_a)  # no meeting recorded
	with pytest.raises(frappe.ValidationError, match="more votes for than against"):
		act(
			name,
			"Pass Branch Review",
			world.users.sec_a,
			**{**branch_values(), "votes_for": 3, "votes_against": 5},
		)
	assert _state(name)[0] == "Branch Review"


def test_notice_cannot_be_closed_early(world, fund):
	name = _app(world, fund)
	to_committee(name, world)
	decide(name, world, 800)
	with pytest.raises(WorkflowTransitionError):
		act(name, "Close Notice", world.users.officer)
	frappe.set_user(world.users.officer)
	doc = frappe.get_doc("Fund Application", name)
	doc.workflow_state = "Approved"
	with pytest.raises((WorkflowPermissionError, NoticePeriodError)):
		doc.save()
	frappe.set_user("Administrator")
	assert _state(name)[0] == "Public Notice"


def test_upheld_objection_sends_it_back_to_committee(world, fund):
	from party_care.care_fund.notice import raise_objection

	name = _app(world, fund)
	to_committee(name, world)
	decide(name, world, 800)
	frappe.set_user(world.users.mem_b)
	objection = raise_objection(name, "该同志家庭经济条件较好，不符合条件")["name"]
	frappe.set_user("Administrator")
	end_notice("Fund Application", name)
	with pytest.raises(NoticePeriodError):
		act(name, "Close Notice", world.users.officer)  # an objection is open
	act(name, "Uphold Objection", world.users.committee)
	assert _state(name)[0] == "Committee Review"
	assert frappe.db.get_value("Notice Objection", objection, "status") == "Upheld"


def test_dismissed_objection_lets_the_notice_close(world, fund):
	from party_care.care_fund.notice import raise_objection

	name = _app(world, fund)
	to_committee(name, world)
	decide(name, world, 800)
	frappe.set_user(world.users.mem_b)
	objection = raise_objection(name, "有疑问，请核实")["name"]
	frappe.set_user(world.users.officer)
	doc = frappe.get_doc("Notice Objection", objection)
	doc.status = "Dismissed"
	with pytest.raises(frappe.ValidationError):
		doc.save()  # a response is required
	doc = frappe.get_doc("Notice Objection", objection)
	doc.status = "Dismissed"
	doc.response = "经核实，情况属实"
	doc.save()
	frappe.set_user("Administrator")
	end_notice("Fund Application", name)
	act(name, "Close Notice", world.users.officer)
	assert _state(name)[0] == "Approved"


def test_objection_only_while_notice_runs(world, fund):
	from party_care.care_fund.notice import raise_objection

	name = _app(world, fund)
	frappe.set_user(world.users.mem_b)
	with pytest.raises(frappe.ValidationError):
		raise_objection(name, "不同意这项申请")


def test_payment_beyond_fund_balance_leaves_application_approved(world):
	fund = make_fund("测试余额不足资金", opening=500).name
	name = _app(world, fund, amount=1000)
	with pytest.raises(InsufficientFundError):
		to_paid(name, world, 1000)
	assert _state(name) == ("Approved", 0)
	assert ledger.get_balance(fund) == 500


def test_payer_is_not_the_decider(world, fund):
	both = make_user("decider-and-payer@party-care.test", ["Party Committee Member", "Organization Officer"])
	name = _app(world, fund)
	to_committee(name, world)
	act(
		name,
		"Approve",
		both.name,
		committee_meeting_date=frappe.utils.today(),
		committee_decision="同意",
		amount_approved=600,
	)
	end_notice("Fund Application", name)
	act(name, "Close Notice", world.users.officer)
	with pytest.raises(SelfApprovalError):
		act(name, "Pay", both.name, payment_method="Signed Receipt")
	assert _state(name)[0] == "Approved"


def test_decider_cannot_be_blanked_to_pay_his_own_decision(world, fund):
	both = make_user(
		"decider-and-payer-2@party-care.test", ["Party Committee Member", "Organization Officer"]
	)
	name = _app(world, fund)
	to_committee(name, world)
	act(
		name,
		"Approve",
		both.name,
		committee_meeting_date=frappe.utils.today(),
		committee_decision="同意",
		amount_approved=600,
	)
	end_notice("Fund Application", name)
	act(name, "Close Notice", world.users.officer)
	frappe.set_user(both.name)
	doc = frappe.get_doc("Fund Application", name)
	doc.update(
		{"decided_by": world.users.committee, "payment_method": "Signed Receipt"}
	)  # as a REST client could
	doc.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Fund Application", name, "decided_by") == both.name
	with pytest.raises(SelfApprovalError):
		act(name, "Pay", both.name)


def test_a_new_application_cannot_bring_its_own_review(world, fund):
	name = _app(
		world,
		fund,
		branch_meeting_date=frappe.utils.today(),
		branch_resolution="同意",
		votes_for=30,
		committee_decision="同意",
		amount_approved=1000,
	)
	doc = frappe.get_doc("Fund Application", name)
	assert not (
		doc.branch_meeting_date
		or doc.branch_resolution
		or doc.votes_for
		or doc.committee_decision
		or doc.amount_approved
	)


def test_approved_amount_cannot_exceed_request(world, fund):
	name = _app(world, fund, amount=1000)
	to_committee(name, world)
	with pytest.raises(PolicyLimitError):
		decide(name, world, 1200)


def test_living_subsidy_bounds_from_settings(world, fund):
	with pytest.raises(PolicyLimitError, match="at most"):
		name = _app(world, fund, purpose="Living Hardship Subsidy", amount=400)
		act(name, "Submit", world.users.mem_a)
	with pytest.raises(PolicyLimitError, match="at least"):
		name = _app(world, fund, purpose="Living Hardship Subsidy", amount=100)
		act(name, "Submit", world.users.mem_a)
	name = _app(world, fund, purpose="Living Hardship Subsidy", amount=300)
	act(name, "Submit", world.users.mem_a)
	assert _state(name)[0] == "Branch Review"


def test_yearly_living_subsidy_counts_what_was_already_approved(world, fund):
	first = _app(world, fund, purpose="Living Hardship Subsidy", amount=200)
	to_paid(first, world, 200)
	second = _app(world, fund, purpose="Living Hardship Subsidy", amount=200)
	with pytest.raises(PolicyLimitError, match="at most"):
		act(second, "Submit", world.users.mem_a)


def test_yearly_cap_per_member(world, fund):
	from party_care.care_fund.doctype.fund_application.fund_application import approved_in_year

	assert (
		approved_in_year(world.members.mem_a, frappe.utils.getdate().year) == 0
	)  # no other module's leftovers
	frappe.db.set_single_value("Party Care Settings", "yearly_cap_per_member", 1000)
	frappe.clear_document_cache("Party Care Settings", "Party Care Settings")
	first = _app(world, fund, amount=800)
	to_paid(first, world, 800)
	second = _app(world, fund, amount=300)
	with pytest.raises(PolicyLimitError, match="cap"):
		act(second, "Submit", world.users.mem_a)


def test_return_needs_a_reason_and_goes_back_to_draft(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	with pytest.raises(frappe.ValidationError, match="Reason for Return"):
		act(name, "Return", world.users.sec_a)
	act(name, "Return", world.users.sec_a, return_reason="请补充医院诊断证明")
	assert _state(name)[0] == "Draft"
	# the member completes it and submits again
	frappe.set_user(world.users.mem_a)
	doc = frappe.get_doc("Fund Application", name)
	doc.reason = doc.reason + "（已补充诊断证明）"
	doc.save()
	frappe.set_user("Administrator")
	act(name, "Submit", world.users.mem_a)
	assert _state(name)[0] == "Branch Review"


def test_rejection_needs_a_reason_and_closes_the_application(world, fund):
	name = _app(world, fund)
	to_committee(name, world)
	with pytest.raises(frappe.ValidationError, match="Reason for Rejection"):
		act(name, "Reject", world.users.committee)
	act(name, "Reject", world.users.committee, rejection_reason="不符合帮扶条件")
	assert _state(name) == ("Rejected", 1)


def test_fields_of_an_earlier_step_are_locked(world, fund):
	name = _app(world, fund, amount=1000)
	to_committee(name, world)
	frappe.set_user(world.users.committee)
	doc = frappe.get_doc("Fund Application", name)
	doc.amount_requested = 5000
	with pytest.raises(frappe.ValidationError, match="cannot be changed"):
		doc.save()


def test_emergency_relief_is_paid_first_and_noticed_after(world, fund):
	name = _app(world, fund, purpose="Emergency Relief", amount=2000)
	to_committee(name, world)
	decide(name, world, 2000)
	doc = frappe.get_doc("Fund Application", name)
	assert doc.workflow_state == "Approved" and not doc.notice_start
	act(name, "Pay", world.users.officer, payment_method="Real-name Bank Card")
	doc = frappe.get_doc("Fund Application", name)
	assert doc.workflow_state == "Paid" and doc.notice_start and doc.notice_end > doc.notice_start


def test_condolence_only_for_a_deceased_member(world, fund):
	with pytest.raises(frappe.ValidationError, match="deceased"):
		_app(world, fund, purpose="Condolence", amount=500, user="Administrator")


def test_next_actor_and_applicant_are_notified(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	logs = frappe.get_all("Notification Log", filters={"document_name": name}, pluck="for_user")
	assert world.users.sec_a in logs and world.users.gb_sec in logs
	assert world.users.sec_b not in logs
	act(name, "Pass Branch Review", world.users.sec_a, **branch_values())
	logs = frappe.get_all("Notification Log", filters={"document_name": name}, pluck="for_user")
	assert world.users.officer in logs and world.users.mem_a in logs


def test_member_sees_only_his_own_applications(world, fund):
	own = _app(world, fund)
	other = make_application(world.members.other_a, fund, user=world.users.sec_a).name
	frappe.set_user(world.users.mem_a)
	names = set(frappe.get_list("Fund Application", pluck="name"))
	assert own in names and other not in names
	frappe.set_user(world.users.sec_b)
	assert not set(frappe.get_list("Fund Application", pluck="name")) & {own, other}


def test_fund_reports_add_up(world, fund):
	from party_care.care_fund.report.fund_movements.fund_movements import execute as movements
	from party_care.care_fund.report.fund_payments.fund_payments import execute as payments

	name = _app(world, fund, amount=1200)
	to_paid(name, world, 1000)
	year = frappe.utils.getdate().year
	_, rows, *_ = movements({"year": year, "care_fund": fund})
	assert sum(flt(r["total_in"]) for r in rows) == 10000
	assert sum(flt(r["total_out"]) for r in rows) == 1000
	assert rows[-1]["closing"] == ledger.get_balance(fund) == 9000
	_, rows, _, chart = payments({"year": year, "care_fund": fund})
	assert chart["data"]["datasets"][0]["values"] == [1000]
	assert [(r["party_organization"], r["amount"]) for r in rows] == [(world.orgs.group_a, 1000)]
	frappe.set_user(world.users.sec_b)
	assert payments({"year": year, "care_fund": fund})[1] == []


def test_applicant_cannot_fill_in_the_review_of_his_own_application(world, fund):
	name = _app(world, fund)
	act(name, "Submit", world.users.mem_a)
	frappe.set_user(world.users.mem_a)
	doc = frappe.get_doc("Fund Application", name)
	doc.update(branch_values())
	with pytest.raises(SelfApprovalError):
		doc.save()
