"""党务公开: the yearly account is drawn from the ledger and the records (sums and counts, no
names), approved by the committee, then read by every member of the organisation and below."""

import frappe
import pytest
from frappe.utils import getdate, today

from tests.support.factories import act_on, make_application, make_fund
from tests.support.routes import fund_to_paid as to_paid

DT = "Party Affairs Disclosure"
Y = getdate(today()).year


def draft(org, user, year=Y, **values):
	frappe.set_user(user)
	try:
		return frappe.get_doc(doctype=DT, party_organization=org, year=year, **values).insert()
	finally:
		frappe.set_user("Administrator")


def publish(name, world):
	act_on(DT, name, "Submit", world.users.officer)
	return act_on(
		DT,
		name,
		"Publish",
		world.users.committee,
		committee_meeting_date=today(),
		committee_decision="同意公开",
	)


def lines(doc, table):
	return [row.as_dict() for row in doc.get(table)]


def test_figures_come_from_the_ledger_and_records_without_names(world):
	fund = make_fund("党务公开测试资金", opening=8000).name
	person = world.members.mem_a  # 王秀英 applies herself (fundroute drives her application)
	application = make_application(person, fund, amount=1200, user=world.users.mem_a)
	to_paid(application.name, world, 1000)
	doc = draft(world.orgs.committee, world.users.officer)
	fund_rows = {
		(r["direction"], r["category"]): r for r in lines(doc, "fund_lines") if r["care_fund"] == fund
	}
	assert fund_rows[("In", "Allocation")]["amount"] == 8000
	assert fund_rows[("Out", "Serious Illness or Disaster Relief")]["amount"] == 1000
	assert fund_rows[("Out", "Serious Illness or Disaster Relief")]["entries"] == 1
	care = {r["kind_of_care"]: r for r in lines(doc, "care_lines")}
	assert care["Care Fund Assistance Paid"]["members"] >= 1
	assert "王秀英" not in frappe.as_json(doc.as_dict()) and person not in frappe.as_json(doc.as_dict())
	# branch B's account does not count branch A's payment; the committee-level allocation (no
	# organisation) belongs to the committee only
	b = draft(world.orgs.branch_b, world.users.officer)
	assert not [r for r in lines(b, "fund_lines") if r["care_fund"] == fund]


def test_typed_figures_are_replaced_by_the_drawn_ones(world):
	doc = draft(
		world.orgs.branch_b,
		world.users.sec_b,
		fund_lines=[
			{"care_fund": None, "direction": "In", "category": "Donation", "entries": 1, "amount": 999999}
		],
	)
	assert all(r.amount != 999999 for r in doc.fund_lines)


def test_route_and_who_reads(world):
	doc = draft(world.orgs.committee, world.users.officer, notes="本年度关怀工作情况")
	# not published: members do not read it
	frappe.set_user(world.users.mem_b)
	assert doc.name not in frappe.get_list(DT, pluck="name")
	frappe.set_user("Administrator")
	act_on(DT, doc.name, "Submit", world.users.officer)
	with pytest.raises(frappe.ValidationError, match="fill in"):
		act_on(DT, doc.name, "Publish", world.users.committee)
	doc = act_on(
		DT,
		doc.name,
		"Publish",
		world.users.committee,
		committee_meeting_date=today(),
		committee_decision="同意公开",
	)
	assert (doc.workflow_state, doc.docstatus, doc.approved_by) == ("Published", 1, world.users.committee)
	# every member of the committee's tree reads it; a branch's own publication only its members
	branch = draft(world.orgs.branch_b, world.users.sec_b)
	publish(branch.name, world)
	for user, expected in (
		(world.users.mem_b, {doc.name, branch.name}),
		(world.users.mem_a, {doc.name}),
		(world.users.sec_a, {doc.name}),
	):
		frappe.set_user(user)
		assert (
			set(frappe.get_list(DT, pluck="name", filters={"name": ["in", [doc.name, branch.name]]}))
			== expected
		), user
		frappe.set_user("Administrator")
	frappe.set_user(world.users.mem_a)
	assert not frappe.has_permission(DT, "read", doc=frappe.get_doc(DT, branch.name))


def test_secretary_drafts_only_in_his_subtree(world):
	with pytest.raises(frappe.PermissionError):
		draft(world.orgs.branch_a, world.users.sec_b)


def test_a_published_disclosure_stays(world):
	doc = publish(draft(world.orgs.branch_b, world.users.officer).name, world)
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(DT, doc.name).cancel()
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc(DT, doc.name)


def test_year_must_be_a_past_or_current_year(world):
	with pytest.raises(frappe.ValidationError, match="Year"):
		draft(world.orgs.branch_b, world.users.officer, year=Y + 1)


def test_print_for_the_notice_board(world):
	doc = publish(draft(world.orgs.committee, world.users.officer, notes="请党员监督").name, world)
	frappe.set_user(world.users.mem_b)
	html = frappe.get_print(DT, doc.name, print_format="Party Affairs Disclosure Notice")
	assert "请党员监督" in html and str(Y) in html
