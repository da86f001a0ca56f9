"""The hardship register: one open case per member, pairing, reminders once, privacy, the
dues-relief route, and the annual ledger report."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import add_days, add_years, getdate, today

from party_care.exceptions import DuplicateHardshipCaseError, InvalidPairingError, SelfApprovalError
from party_care.hardship import register
from tests.support.factories import act_on, make_case, make_member, make_organization


def test_case_takes_the_members_organisation_and_computes_income_per_head(world):
	case = make_case(world.members.mem_a)
	assert case.party_organization == world.orgs.group_a
	assert case.per_capita_income == 8000  # 24000 for the member and two family members
	assert getdate(case.next_review_date) == getdate(add_years(today(), 1))
	assert case.is_unpaired == 1


def test_one_open_case_per_member(world):
	make_case(world.members.mem_a)
	with pytest.raises(DuplicateHardshipCaseError):
		make_case(world.members.mem_a, hardship_type="Disaster")


def test_closing_and_reopening_keep_one_record_and_its_history(world):
	case = make_case(world.members.other_a)
	case.status = "Closed"
	with pytest.raises(frappe.ValidationError):
		case.save()  # a reason is needed
	case = frappe.get_doc("Hardship Case", case.name)
	case.update({"status": "Closed", "closing_reason": "Out of Hardship"})
	case.save(ignore_version=False)  # Frappe skips the version log in tests unless asked
	assert case.closing_date and not case.is_unpaired
	# a new case may now be opened; the closed one stays as it was
	second = make_case(world.members.other_a, hardship_type="Accident")
	assert frappe.db.get_value("Hardship Case", case.name, "status") == "Closed"
	second.update({"status": "Closed", "closing_reason": "Moved"})
	second.save()
	case = frappe.get_doc("Hardship Case", case.name)
	case.status = "Open"
	case.save(ignore_version=False)
	assert not case.closing_reason
	versions = frappe.get_all("Version", filters={"ref_doctype": "Hardship Case", "docname": case.name})
	assert len(versions) >= 2


def test_leaving_the_register_plans_a_follow_up_contact(world):
	case = make_case(world.members.other_a)
	case.update({"status": "Closed", "closing_reason": "Out of Hardship"})
	case.save()
	visit = frappe.get_all(
		"Visit",
		filters={"member": world.members.other_a, "follow_up_needed": 1},
		fields=["due_date", "visit_reason"],
	)
	assert [(v.visit_reason, getdate(v.due_date)) for v in visit] == [
		("Routine Visit", getdate(add_days(today(), 90)))
	]


def test_pairing_rules(world):
	with pytest.raises(InvalidPairingError):
		make_case(world.members.mem_a, helpers=[{"helper": world.members.mem_a}])
	with pytest.raises(InvalidPairingError):
		make_case(
			world.members.mem_a, helpers=[{"helper": world.members.sec_a}, {"helper": world.members.sec_a}]
		)
	case = make_case(
		world.members.mem_a, helpers=[{"helper": world.members.sec_a, "agreed_measures": "每月上门探望"}]
	)
	assert case.is_unpaired == 0 and case.helpers[0].helper_name == "张建国"
	case.append("help_log", {"helper": world.members.other_b, "action": "送去慰问品"})
	with pytest.raises(InvalidPairingError):
		case.save()


def test_helper_logs_what_he_did_without_reading_the_case(world):
	case = make_case(world.members.mem_a, helpers=[{"helper": world.members.other_a}])
	frappe.set_user(world.users.mem_b)
	with pytest.raises(frappe.PermissionError):
		register.add_help_log(case.name, "上门探望")
	frappe.set_user("Administrator")
	# mem_b's login as the helper's (a login is one member's: it leaves mem_b's record first)
	frappe.db.set_value("Member", world.members.mem_b, "user", None)
	frappe.db.set_value("Member", world.members.other_a, "user", world.users.mem_b)
	frappe.set_user(world.users.mem_b)
	register.add_help_log(case.name, "上门探望，送米面油")
	assert not frappe.has_permission("Hardship Case", "read", doc=case.name)
	frappe.set_user("Administrator")
	assert frappe.get_doc("Hardship Case", case.name).help_log[0].action == "上门探望，送米面油"


def test_reminders_for_unpaired_and_overdue_cases_are_raised_once(world):
	unpaired = make_case(world.members.mem_a)
	overdue = make_case(
		world.members.other_a,
		helpers=[{"helper": world.members.sec_a}],
		registered_on=add_days(today(), -400),
		next_review_date=add_days(today(), -5),
	)
	elsewhere = make_case(world.members.other_b)  # (mem_b's own case may be planted by the side-door suites)
	result = register.remind()
	assert result["unpaired"] >= 2 and result["overdue"] >= 1

	def todos(name):
		return frappe.get_all(
			"ToDo", filters={"reference_type": "Hardship Case", "reference_name": name}, pluck="allocated_to"
		)

	# the nearest secretary: mem_a's party group has none, so its branch's; other_b's own branch's
	assert todos(unpaired.name) == [world.users.sec_a]
	assert todos(overdue.name) == [world.users.sec_a]
	assert todos(elsewhere.name) == [world.users.sec_b]
	assert register.remind() == {"unpaired": 0, "overdue": 0}
	assert len(todos(unpaired.name)) == 1 and len(todos(overdue.name)) == 1
	# pairing re-arms the unpaired reminder: a case that loses its helpers again is reminded again
	case = frappe.get_doc("Hardship Case", unpaired.name)
	case.append("helpers", {"helper": world.members.sec_a})
	case.save()
	assert not frappe.db.get_value("Hardship Case", case.name, "unpaired_reminded_on")
	case.set("helpers", [])
	case.save()
	assert register.remind() == {"unpaired": 1, "overdue": 0}
	# a new review date that passes again re-arms the reminder
	case = frappe.get_doc("Hardship Case", overdue.name)
	case.update({"last_review_date": add_days(today(), -3), "next_review_date": add_days(today(), -1)})
	case.save()
	assert register.remind()["overdue"] == 1


def test_case_follows_the_member_to_another_branch(world):
	member = make_member(world.orgs.branch_a).name
	case = make_case(member)
	doc = frappe.get_doc("Member", member)
	doc.party_organization = world.orgs.branch_b
	doc.save()
	assert frappe.db.get_value("Hardship Case", case.name, "party_organization") == world.orgs.branch_b


def test_death_closes_the_case(world):
	member = make_member(world.orgs.branch_a).name
	case = make_case(member)
	frappe.get_doc(
		doctype="Member Event", member=member, event_type="Death of Member", event_date=today()
	).insert()
	assert frappe.db.get_value("Hardship Case", case.name, ["status", "closing_reason"]) == (
		"Closed",
		"Deceased",
	)


def test_other_members_never_see_a_case(world):
	case = make_case(world.members.mem_a)
	frappe.set_user(world.users.mem_b)
	assert case.name not in frappe.get_list("Hardship Case", pluck="name")
	assert not frappe.has_permission("Hardship Case", "read", doc=case.name)
	frappe.set_user(world.users.sec_b)
	assert case.name not in frappe.get_list("Hardship Case", pluck="name")
	frappe.set_user(world.users.sec_a)
	assert case.name in frappe.get_list("Hardship Case", pluck="name")


def test_member_reads_his_own_case_with_details(world):
	case = make_case(world.members.mem_a)
	frappe.set_user(world.users.mem_a)
	assert case.name in frappe.get_list("Hardship Case", pluck="name")
	mine = register.get_my_case()
	assert mine["name"] == case.name and mine["situation"] == "患慢性肾病，需长期透析"
	assert [f["family_member_name"] for f in mine["family_members"]] == ["李桂兰", "王磊"]
	frappe.set_user(world.users.sec_b)  # another member, without a case of his own
	assert register.get_my_case() is None


# --- the report -----------------------------------------------------------------------------


def test_hardship_register_report(world):
	from party_care.hardship.report.hardship_register.hardship_register import execute

	branch = make_organization("测试台账支部", "Branch", world.orgs.committee).name
	a = make_member(branch, full_name="甲党员").name
	b = make_member(branch, full_name="乙党员").name
	c = make_member(branch, full_name="丙党员").name
	make_case(a, helpers=[{"helper": b}])
	make_case(
		b,
		hardship_type="Disaster",
		next_review_date=add_days(today(), -1),
		registered_on=add_days(today(), -30),
	)
	closed = make_case(c, hardship_type="Disaster")
	closed.update({"status": "Closed", "closing_reason": "Moved"})
	closed.save()
	cols, rows, _, chart, summary = execute({"party_organization": branch})
	by_member = {r.member_name: r for r in rows}
	assert set(by_member) == {"甲党员", "乙党员", "丙党员"}
	assert by_member["甲党员"].helpers == "乙党员" and by_member["甲党员"].per_capita_income == 8000
	assert by_member["乙党员"].flags  # unpaired and overdue
	assert by_member["甲党员"].age > 0 and by_member["甲党员"].party_standing > 0
	assert dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=False)) == {
		"Illness": 1,
		"Disaster": 2,
	}
	assert summary[0]["value"] == 3
	assert len(execute({"party_organization": branch, "status": "Open"})[1]) == 2
	assert len(execute({"party_organization": branch, "hardship_type": "Disaster"})[1]) == 2
	assert [
		r.member_name for r in execute({"party_organization": branch, "attention": "No Helper Yet"})[1]
	] == ["乙党员"]
	assert [
		r.member_name for r in execute({"party_organization": branch, "attention": "Review Overdue"})[1]
	] == ["乙党员"]
	# a branch secretary gets only his subtree's rows; a member gets none
	own = make_case(world.members.mem_a)
	frappe.set_user(world.users.sec_a)
	assert {r.name for r in execute({})[1]} == {own.name}
	frappe.set_user(world.users.sec_b)
	assert execute({"party_organization": branch})[1] == []
	assert own.name not in {r.name for r in execute({})[1]}
	frappe.set_user(world.users.mem_b)
	assert execute({})[1] == []
	# the auditor gets every row
	frappe.set_user(world.users.auditor)
	cols, rows, *_ = execute({"party_organization": branch})
	assert len(rows) == 3 and "per_capita_income" in {c["fieldname"] for c in cols}


# --- party-dues relief --------------------------------------------------------------------------


def relief(member, user, **kwargs):
	frappe.set_user(user)
	try:
		values = dict(
			doctype="Dues Relief Application",
			member=member,
			relief_type="Reduction",
			monthly_dues=20,
			reduced_dues=5,
			period_from=today(),
			period_to=add_days(today(), 364),
			reason="长期患病，收入微薄",
		)
		values.update(kwargs)
		return frappe.get_doc(values).insert().name
	finally:
		frappe.set_user("Administrator")


def step(name, action, user, **values):
	return act_on("Dues Relief Application", name, action, user, **values)


def state(name):
	return frappe.db.get_value("Dues Relief Application", name, ["workflow_state", "docstatus"])


BRANCH = dict(branch_discussion_date=today(), branch_opinion="支部讨论同意")
COMMITTEE = dict(committee_meeting_date=today(), committee_decision="党委研究同意减免")


def test_dues_relief_route_through_the_general_branch(world):
	name = relief(world.members.mem_a, world.users.mem_a)
	assert frappe.db.get_value("Dues Relief Application", name, "general_branch") == world.orgs.general_branch
	step(name, "Submit", world.users.mem_a)
	step(name, "Pass Branch Discussion", world.users.sec_a, **BRANCH)
	assert state(name)[0] == "General Branch Opinion"
	with pytest.raises(SelfApprovalError):
		step(
			name, "Forward to Committee", world.users.sec_a, general_branch_opinion="同意"
		)  # not the GB secretary
	step(name, "Forward to Committee", world.users.gb_sec, general_branch_opinion="总支同意")
	assert state(name)[0] == "Committee Approval"
	with pytest.raises(WorkflowTransitionError):
		step(name, "Approve", world.users.officer)
	step(name, "Approve", world.users.committee, **COMMITTEE)
	assert state(name) == ("Approved", 1)
	assert frappe.db.get_value("Dues Relief Application", name, "decided_by") == world.users.committee


def test_dues_relief_skips_the_general_branch_when_there_is_none(world):
	name = relief(world.members.mem_b, world.users.mem_b, relief_type="Exemption", reduced_dues=9)
	doc = frappe.get_doc("Dues Relief Application", name)
	assert not doc.general_branch and doc.reduced_dues == 0
	step(name, "Submit", world.users.mem_b)
	step(name, "Pass Branch Discussion", world.users.sec_b, **BRANCH)
	assert state(name)[0] == "Committee Approval"


def test_dues_relief_no_self_approval_and_reasons(world):
	name = relief(world.members.sec_a, world.users.sec_a)
	step(name, "Submit", world.users.sec_a)
	with pytest.raises(SelfApprovalError):
		step(name, "Pass Branch Discussion", world.users.sec_a, **BRANCH)
	with pytest.raises(frappe.ValidationError, match="Reason for Return"):
		step(name, "Return", world.users.gb_sec)
	step(name, "Return", world.users.gb_sec, return_reason="请附上医院证明")
	assert state(name)[0] == "Draft"
	step(name, "Submit", world.users.sec_a)
	step(name, "Reject", world.users.gb_sec, rejection_reason="不符合减免条件")
	assert state(name) == ("Rejected", 1)


def test_dues_relief_direct_state_write_is_refused(world):
	name = relief(world.members.mem_a, world.users.mem_a)
	step(name, "Submit", world.users.mem_a)
	frappe.set_user(world.users.sec_a)
	doc = frappe.get_doc("Dues Relief Application", name)
	doc.workflow_state = "Approved"
	with pytest.raises(WorkflowPermissionError):
		doc.save()
	frappe.set_user(world.users.sec_a)
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc("Dues Relief Application", name).submit()
	frappe.set_user("Administrator")
	assert state(name) == ("Branch Discussion", 0)


def test_dues_relief_amount_rules(world):
	with pytest.raises(frappe.ValidationError):
		relief(world.members.mem_a, world.users.mem_a, reduced_dues=25)
	with pytest.raises(frappe.ValidationError):
		relief(world.members.mem_a, world.users.mem_a, period_to=add_days(today(), -1))


def test_data_import_of_an_existing_ledger(world, committed):
	"""Frappe's importer commits each row it imports: `committed` removes the case at the module's end."""
	from frappe.core.doctype.data_import.importer import Importer

	content = (
		"Member,Hardship Type,Hardship Level,Status,Registered On,Household Annual Income\n"
		f"{world.members.other_b},Low Income,General,Open,{today()},12000\n"
	)
	file = committed.insert(
		frappe.get_doc(doctype="File", file_name="hardship-ledger.csv", content=content, is_private=1)
	)
	data_import = committed.insert(
		frappe.get_doc(
			doctype="Data Import", reference_doctype="Hardship Case", import_type="Insert New Records"
		)
	)
	importer = Importer("Hardship Case", data_import=data_import, file_path=file.file_url)
	try:
		importer.import_data()
		case = frappe.get_doc("Hardship Case", {"member": world.members.other_b})
		assert (case.hardship_type, case.party_organization, case.per_capita_income) == (
			"Low Income",
			world.orgs.branch_b,
			12000,
		)
	finally:  # the other tests of this module, in any order, find other_b without a case
		frappe.db.rollback()
		for name in frappe.get_all("Hardship Case", filters={"member": world.members.other_b}, pluck="name"):
			frappe.delete_doc("Hardship Case", name, force=True, ignore_permissions=True)
		frappe.db.commit()
