"""Holiday care money in batches: standards, lines, the batch route, paying, caps, notices."""

import datetime

import frappe
import pytest
from frappe.utils import today

from party_care.care_batches import batches, entitlement
from party_care.care_batches.states import LIVE_LINE_STATUSES
from party_care.care_fund import ledger
from party_care.exceptions import (
	DuplicatePaymentError,
	InsufficientFundError,
	PolicyLimitError,
	SelfApprovalError,
)
from tests.support.factories import make_fund, make_member
from tests.support.routes import (
	as_user,
	elderly,
	end_notice,
	lines,
	make_batch,
	make_standard,
	martyr_family,
	to_approved,
)
from tests.support.routes import batch_act as act
from tests.support.routes import batch_approve as approve
from tests.support.routes import batch_to_committee as to_committee

YEAR = frappe.utils.getdate().year


@pytest.fixture
def fund(world):
	return make_fund("测试慰问资金", opening=20000).name


@pytest.fixture
def setup(world, fund):
	make_standard()
	m = frappe._dict()
	m.old_a = elderly(world.orgs.branch_a, full_name="孙老一")
	m.old_group = elderly(world.orgs.group_a, full_name="孙老二")
	m.martyr_b = martyr_family(world.orgs.branch_b, full_name="烈属三")
	m.both_b = elderly(world.orgs.branch_b, full_name="孙老四", is_duty_martyr_family=1)
	return m


def _state(name):
	return frappe.db.get_value("Care Payment Batch", name, "workflow_state")


def _by_member(batch):
	return {r.member: r for r in lines(batch)}


# --- drawing up ---------------------------------------------------------------------------------------


def test_lines_follow_the_standard_highest_amount(world, fund, setup):
	name = make_batch(world, fund)
	got = _by_member(name)
	assert set(got) == set(setup.values())  # the world's ordinary members fit no category
	assert got[setup.old_a].amount == 500 and got[setup.old_a].category == "80岁以上"
	assert got[setup.martyr_b].amount == 800
	assert got[setup.both_b].amount == 800  # fits 80岁以上, 老党员 and 烈属: the highest
	doc = frappe.get_doc("Care Payment Batch", name)
	assert doc.line_count == 4 and doc.total_amount == 500 + 500 + 800 + 800


def test_sum_standard_adds_the_categories(world, fund, setup):
	make_standard("测试累加标准", combination="Sum")
	name = make_batch(world, fund, standard="测试累加标准")
	got = _by_member(name)
	assert got[setup.both_b].amount == 500 + 300 + 800
	assert "烈属" in got[setup.both_b].category and "老党员" in got[setup.both_b].category


def test_batch_of_a_subtree_and_redraw_adds_nothing(world, fund, setup):
	name = make_batch(world, fund, org=world.orgs.branch_a)
	assert set(_by_member(name)) == {setup.old_a, setup.old_group}
	assert as_user(world.users.officer, batches.make_lines, name)["added"] == 0


def test_member_is_in_one_batch_per_occasion(world, fund, setup):
	first = make_batch(world, fund, org=world.orgs.branch_a)
	second = make_batch(world, fund)  # the whole committee, same occasion: branch A's are taken
	assert set(_by_member(second)) == {setup.martyr_b, setup.both_b}
	other = make_batch(world, fund, occasion="July 1")
	assert len(lines(other)) == 4
	assert first


def test_deceased_and_transferred_members_are_not_drawn_up(world, fund, setup):
	frappe.db.set_value("Member", setup.old_a, "member_status", "Transferred Out")
	name = make_batch(world, fund)
	assert setup.old_a not in _by_member(name)


def test_batch_from_a_holiday_campaign_takes_its_members(world, fund, setup):
	campaign = frappe.get_doc(
		doctype="Visit Campaign",
		campaign_name="测试春节走访",
		occasion="Spring Festival",
		year=YEAR,
		party_organization=world.orgs.committee,
		due_date=today(),
		include_duty_martyr_family=1,
	).insert()
	from party_care.care_visits.visits import generate_campaign_visits

	generate_campaign_visits(campaign.name)
	name = make_batch(world, fund, visit_campaign=campaign.name)
	assert set(_by_member(name)) == {setup.martyr_b, setup.both_b}


# --- branch confirmation ----------------------------------------------------------------------------------


def test_secretary_confirms_only_his_branch(world, fund, setup):
	name = make_batch(world, fund)
	act(name, "Submit", world.users.officer)
	result = as_user(world.users.sec_a, batches.confirm_lines, name)
	assert result["confirmed"] == 2
	got = _by_member(name)
	assert got[setup.old_a].status == got[setup.old_group].status == "Confirmed"
	assert got[setup.martyr_b].status == "Proposed"
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_b, batches.confirm_lines, name, organization=world.orgs.branch_a)
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.mem_a, batches.confirm_lines, name)
	# Close Confirmation waits for branch B
	with pytest.raises(frappe.ValidationError, match="wait"):
		act(name, "Close Confirmation", world.users.officer)
	as_user(world.users.sec_b, batches.confirm_lines, name)
	act(name, "Close Confirmation", world.users.officer)
	assert _state(name) == "Department Review"


def test_lines_are_confirmed_only_in_branch_confirmation(world, fund, setup):
	name = make_batch(world, fund)
	with pytest.raises(batches.LineChangeError):
		as_user(world.users.sec_a, batches.confirm_lines, name)


def test_secretary_removes_and_adds_with_a_reason(world, fund, setup):
	name = make_batch(world, fund)
	act(name, "Submit", world.users.officer)
	line = _by_member(name)[setup.old_a].name
	with pytest.raises(batches.LineChangeError):
		as_user(world.users.sec_a, batches.remove_line, line, "")
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_b, batches.remove_line, line, "不在本支部")
	as_user(world.users.sec_a, batches.remove_line, line, "已随子女迁居外地")
	row = frappe.db.get_value(
		"Care Payment Line", line, ["status", "change_reason", "changed_by"], as_dict=True
	)
	assert (
		row.status == "Removed"
		and row.change_reason == "已随子女迁居外地"
		and row.changed_by == world.users.sec_a
	)

	# an ordinary member of branch A, added by hand with an amount (he fits no category)
	with pytest.raises(batches.LineChangeError):
		as_user(world.users.sec_a, batches.add_line, name, world.members.other_a, "", 300)
	with pytest.raises(batches.LineChangeError, match="no category"):
		as_user(world.users.sec_a, batches.add_line, name, world.members.other_a, "家中突发变故", 5000)
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_b, batches.add_line, name, world.members.other_a, "家中突发变故", 300)
	totals = as_user(world.users.sec_a, batches.add_line, name, world.members.other_a, "家中突发变故", 300)
	added = _by_member(name)[world.members.other_a]
	assert added.amount == 300 and added.status == "Proposed"
	assert totals["line_count"] == 4 and totals["total_amount"] == 500 + 800 + 800 + 300
	with pytest.raises(batches.LineChangeError, match="already"):
		as_user(world.users.sec_a, batches.add_line, name, world.members.other_a, "再加一次", 300)


def test_nobody_confirms_or_changes_his_own_line(world, fund, setup):
	frappe.db.set_value("Member", world.members.sec_a, "is_duty_martyr_family", 1)
	name = make_batch(world, fund)
	act(name, "Submit", world.users.officer)
	own = _by_member(name)[world.members.sec_a]
	as_user(world.users.sec_a, batches.confirm_lines, name)
	assert frappe.db.get_value("Care Payment Line", own.name, "status") == "Proposed"
	with pytest.raises(SelfApprovalError):
		as_user(world.users.sec_a, batches.remove_line, own.name, "我不需要")
	as_user(world.users.gb_sec, batches.confirm_lines, name)  # the general branch above confirms it
	assert frappe.db.get_value("Care Payment Line", own.name, "status") == "Confirmed"


# --- the route --------------------------------------------------------------------------------------------


def test_route_to_paid_posts_one_ledger_entry_per_line(world, fund, setup):
	name = make_batch(world, fund)
	before = ledger.get_balance(fund)
	to_committee(name, world)
	assert frappe.db.get_value("Care Payment Batch", name, "department_checked_by") == world.users.officer
	approve(name, world)
	doc = frappe.get_doc("Care Payment Batch", name)
	assert (
		doc.workflow_state == "Public Notice"
		and doc.approved_total == 2600
		and doc.decided_by == world.users.committee
	)
	end_notice("Care Payment Batch", name)
	act(name, "Close Notice", world.users.officer)
	act(name, "Pay", world.users.officer, payment_method="Signed Receipt")
	doc = frappe.get_doc("Care Payment Batch", name)
	assert (
		doc.workflow_state == "Paid"
		and doc.docstatus == 1
		and doc.paid_count == 4
		and doc.paid_amount == 2600
	)
	assert ledger.get_balance(fund) == before - 2600
	entries = frappe.get_all(
		"Fund Ledger Entry",
		filters={"reference_doctype": "Care Payment Line", "docstatus": 1},
		fields=["reference_name", "member", "amount_out", "payment_key"],
	)
	assert len(entries) == 4
	for line in lines(name):
		assert line.status == "Paid" and line.ledger_entry
	assert {e.payment_key for e in entries} == {
		f"Care Payment::Spring Festival::{YEAR}::{m}" for m in setup.values()
	}


def test_wrong_roles_and_direct_state_writes_are_refused(world, fund, setup):
	name = make_batch(world, fund)
	with pytest.raises(frappe.ValidationError):
		act(name, "Submit", world.users.sec_a)
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_a, frappe.get_doc("Care Payment Batch", name).save)
	doc = frappe.get_doc("Care Payment Batch", name)
	doc.workflow_state = "Approved"
	frappe.set_user(world.users.officer)
	try:
		with pytest.raises(frappe.ValidationError):
			doc.save()
	finally:
		frappe.set_user("Administrator")
	to_committee(name, world)
	# the committee's fields are the committee's (ApprovalRoute), and so is its action (Workflow)
	with pytest.raises(frappe.PermissionError):
		act(name, "Approve", world.users.officer, committee_meeting_date=today(), committee_decision="同意")
	with pytest.raises(frappe.ValidationError):
		act(name, "Approve", world.users.officer)


def test_return_and_reject_need_reasons(world, fund, setup):
	name = make_batch(world, fund)
	to_committee(name, world)
	with pytest.raises(frappe.ValidationError, match=r"Return Reason|退回"):
		act(name, "Return", world.users.committee)
	act(name, "Return", world.users.committee, return_reason="请补充烈属证明")
	assert _state(name) == "Draft"
	assert {r.status for r in lines(name)} == {"Proposed"}  # the branches confirm again
	name2 = make_batch(world, fund, occasion="New Year")
	to_committee(name2, world)
	with pytest.raises(frappe.ValidationError):
		act(name2, "Reject", world.users.committee)
	act(name2, "Reject", world.users.committee, rejection_reason="资金另有安排")
	assert _state(name2) == "Rejected"


def test_preparer_cannot_approve_and_decider_cannot_pay(world, fund, setup):
	from party_care import roles
	from tests.support.factories import make_user

	# an officer who is also on the committee prepares the batch: he cannot approve it
	make_user("both@party-care.test", [roles.ORGANIZATION_OFFICER, roles.COMMITTEE_MEMBER], first_name="both")
	name = make_batch(world, fund, user="both@party-care.test")
	to_committee(name, world)
	with pytest.raises(frappe.ValidationError):
		act(
			name, "Approve", "both@party-care.test", committee_meeting_date=today(), committee_decision="同意"
		)
	approve(name, world)
	end_notice("Care Payment Batch", name)
	act(name, "Close Notice", world.users.officer)
	# the committee member who decided cannot pay (also given the officer role)
	frappe.get_doc("User", world.users.committee).add_roles(roles.ORGANIZATION_OFFICER)
	with pytest.raises(SelfApprovalError):
		act(name, "Pay", world.users.committee, payment_method="Signed Receipt")


def test_notice_cannot_close_early(world, fund, setup):
	from party_care.exceptions import NoticePeriodError

	name = make_batch(world, fund)
	to_committee(name, world)
	approve(name, world)
	with pytest.raises(NoticePeriodError):
		act(name, "Close Notice", world.users.officer)


# --- paying -------------------------------------------------------------------------------------------


def test_member_who_died_or_was_removed_after_approval_is_not_paid(world, fund, setup):
	name = make_batch(world, fund)
	to_approved(name, world)
	frappe.db.set_value("Member", setup.martyr_b, "member_status", "Deceased")
	removed = _by_member(name)[setup.old_a].name
	as_user(world.users.officer, batches.remove_line, removed, "本人表示不再领取")
	act(name, "Pay", world.users.officer, payment_method="Signed Receipt")
	got = _by_member(name)
	assert got[setup.martyr_b].status == "Skipped" and got[setup.martyr_b].skip_reason
	assert got[setup.old_a].status == "Removed" and not got[setup.old_a].ledger_entry
	paid = frappe.get_all(
		"Fund Ledger Entry", filters={"reference_doctype": "Care Payment Line"}, pluck="member"
	)
	assert sorted(paid) == sorted([setup.old_group, setup.both_b])
	doc = frappe.get_doc("Care Payment Batch", name)
	assert doc.paid_count == 2 and doc.skipped_count == 1 and doc.paid_amount == 1300


def test_batch_larger_than_the_balance_pays_nothing(world, setup):
	small = make_fund("测试小额资金", opening=1000).name
	name = make_batch(world, small)
	to_approved(name, world)
	with pytest.raises(InsufficientFundError):
		act(name, "Pay", world.users.officer, payment_method="Signed Receipt")
	assert not frappe.db.exists("Fund Ledger Entry", {"care_fund": small, "entry_type": "Payment"})
	assert {r.status for r in lines(name)} == {"Confirmed"}
	assert ledger.get_balance(small) == 1000


def test_member_already_paid_for_the_occasion_is_skipped_not_paid_twice(world, fund, setup):
	name = make_batch(world, fund)
	to_approved(name, world)
	# the same member's money for this occasion went out already (e.g. from another batch)
	key = entitlement.payment_key(frappe.get_doc("Care Payment Batch", name), setup.old_a)
	result = ledger.post_many(
		fund,
		[
			dict(
				amount=500,
				member=setup.old_a,
				payment_key=key,
				reference_doctype="Care Payment Line",
				reference_name="CPL-elsewhere",
			)
		],
	)
	assert list(result["posted"]) == [key]
	act(name, "Pay", world.users.officer, payment_method="Signed Receipt")
	got = _by_member(name)
	assert got[setup.old_a].status == "Skipped" and got[setup.old_a].skip_reason
	assert got[setup.both_b].status == "Paid"
	assert frappe.db.count("Fund Ledger Entry", {"member": setup.old_a, "docstatus": 1}) == 1


def test_post_many_refuses_duplicate_keys_and_bad_amounts(world, fund):
	with pytest.raises(DuplicatePaymentError):
		ledger.post_many(fund, [dict(amount=1, payment_key="k"), dict(amount=2, payment_key="k")])
	with pytest.raises(frappe.ValidationError):
		ledger.post_many(fund, [dict(amount=0, payment_key="k0")])


# --- caps ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("set_at", ["site settings", "committee rules"])
def test_yearly_cap_counts_applications_and_batches(world, fund, setup, set_at, request):
	"""The cap is the member's committee's (its Committee Rules, else the site's): a batch and an
	application hold to the same one."""
	from party_care.organization import rules
	from tests.support.factories import make_application
	from tests.support.routes import fund_to_paid as pay_application

	def forget_rules():  # the rules are rolled back with the test; the request's cache must follow
		rules.clear_cache()
		frappe.clear_document_cache("Committee Rules", world.orgs.committee)

	request.addfinalizer(forget_rules)
	if set_at == "site settings":
		frappe.db.set_single_value("Party Care Settings", "yearly_cap_per_member", 1000)
	else:
		frappe.db.set_single_value("Party Care Settings", "yearly_cap_per_member", 0)
		frappe.get_doc(
			doctype="Committee Rules", committee=world.orgs.committee, yearly_cap_per_member=1000
		).insert()
	rules.clear_cache()
	frappe.clear_document_cache("Party Care Settings", "Party Care Settings")
	# 1) an application already paid: the batch's 800 would pass the cap → the committee is refused
	app = make_application(setup.martyr_b, fund, amount=500, user=world.users.officer).name
	_pay_application_as_officer(app, world)
	name = make_batch(world, fund)
	to_committee(name, world)
	with pytest.raises(PolicyLimitError, match="烈属三"):
		approve(name, world)
	# 2) remove that line; once the batch is on notice, a new application counts the batch's money
	act(name, "Return", world.users.committee, return_reason="超出年度上限")
	as_user(world.users.officer, batches.remove_line, _by_member(name)[setup.martyr_b].name, "超出年度上限")
	to_committee(name, world)
	approve(name, world)
	later = make_application(setup.both_b, fund, amount=300, user=world.users.officer).name
	with pytest.raises(PolicyLimitError):
		_pay_application_as_officer(later, world)
	assert pay_application  # the fund route helper is the same one the fund tests use


def _pay_application_as_officer(name, w):
	"""Submit an application the officer made for a member without a login, along the route."""
	from tests.support.routes import branch_values, decide
	from tests.support.routes import fund_act as app_act

	app_act(name, "Submit", w.users.officer)
	app_act(name, "Pass Branch Review", w.users.sec_b, **branch_values())
	app_act(name, "Accept", w.users.officer, department_opinion="属实")
	decide(name, w, frappe.db.get_value("Fund Application", name, "amount_requested"))


# --- notice ---------------------------------------------------------------------------------------------


def test_notice_shows_only_the_allowed_columns_and_takes_objections(world, fund, setup):
	from party_care.care_fund import notice

	name = make_batch(world, fund)
	to_committee(name, world)
	approve(name, world)
	rows = [r for r in as_user(world.users.mem_b, notice.current_notices) if r["name"].startswith("CPL-")]
	assert len(rows) == 4
	allowed = {
		"name",
		"member_name",
		"party_organization",
		"purpose",
		"purpose_label",
		"amount_approved",
		"notice_start",
		"notice_end",
	}  # the fund's notice rows' shape
	for row in rows:
		assert set(row) <= allowed
	line = _by_member(name)[setup.martyr_b].name
	as_user(world.users.mem_b, notice.raise_objection, line, "此人已享受其他补助，重复发放")
	end_notice("Care Payment Batch", name)
	from party_care.exceptions import NoticePeriodError

	with pytest.raises(NoticePeriodError):
		act(name, "Close Notice", world.users.officer)
	act(name, "Uphold Objection", world.users.officer)
	assert _state(name) == "Committee Review"
	assert frappe.db.get_value("Care Payment Line", line, "status") == "Removed"
	approve(name, world)
	assert frappe.db.get_value("Care Payment Batch", name, "approved_total") == 1800


# --- permissions ------------------------------------------------------------------------------------------


def test_secretary_reads_only_his_subtree_lines_and_member_none(world, fund, setup):
	name = make_batch(world, fund)
	frappe.set_user(world.users.sec_b)
	try:
		seen = frappe.get_list("Care Payment Line", filters={"batch": name}, pluck="member")
		assert set(seen) == {setup.martyr_b, setup.both_b}
		assert frappe.get_list("Care Payment Batch", pluck="name") == [name]
		summary = batches.lines_by_organization(name)
		assert {r["party_organization"] for r in summary} == {world.orgs.branch_b}
	finally:
		frappe.set_user("Administrator")
	frappe.set_user(world.users.mem_a)
	try:
		for doctype in ("Care Payment Line", "Care Payment Batch"):
			with pytest.raises(frappe.PermissionError):
				frappe.get_list(doctype)
	finally:
		frappe.set_user("Administrator")


def test_roster_groups_by_organization_with_totals(world, fund, setup):
	name = make_batch(world, fund)
	doc = frappe.get_doc("Care Payment Batch", name)
	roster = doc.roster()
	assert roster["count"] == 4 and roster["total"] == 2600
	by_org = {g["party_organization"]: g["total"] for g in roster["groups"]}
	assert by_org == {world.orgs.branch_a: 500, world.orgs.group_a: 500, world.orgs.branch_b: 1600}


def test_batch_organization_is_fixed_after_draft_and_a_deleted_draft_leaves_no_lines(world, fund, setup):
	name = make_batch(world, fund)
	act(name, "Submit", world.users.officer)
	frappe.set_user(world.users.officer)
	try:
		doc = frappe.get_doc("Care Payment Batch", name)
		doc.party_organization = world.orgs.branch_b
		with pytest.raises(frappe.ValidationError):
			doc.save()
	finally:
		frappe.set_user("Administrator")
	draft = make_batch(world, fund, occasion="New Year")
	assert lines(draft)
	frappe.delete_doc("Care Payment Batch", draft)
	assert not lines(draft)


def _live_batches_per_member(occasion: str, year: int) -> dict[str, list[str]]:
	"""member -> the live batches of an occasion and year that list him (each should list him once)."""
	out: dict[str, list[str]] = {}
	for batch in frappe.get_all(
		"Care Payment Batch",
		filters={"occasion": occasion, "year": year, "workflow_state": ["!=", "Rejected"]},
		pluck="name",
	):
		for row in lines(batch):
			if row.status in LIVE_LINE_STATUSES:
				out.setdefault(row.member, []).append(batch)
	return out


def _save_as_officer(world, name, **values):
	frappe.set_user(world.users.officer)
	try:
		doc = frappe.get_doc("Care Payment Batch", name)
		doc.update(values)
		doc.save()
	finally:
		frappe.set_user("Administrator")


def test_a_draft_batch_whose_year_changes_is_drawn_up_for_the_new_year(world, fund, setup):
	"""Issue 19, item 6: the lines kept the year they were drawn up for, so a member stood in two
	live batches of one occasion and year. The officer corrects the year of a draft: its lines are
	the new year's — those already listed in another of its batches leave this one, the amounts
	are the standard's on the new year (a member 80 this year was 79 last year), the old year is
	free again."""
	turning_80 = make_member(
		world.orgs.branch_b,
		full_name="钱八十",
		date_of_birth=datetime.date(YEAR - 80, 1, 1),
		date_joined=datetime.date(YEAR - 50, 7, 1),
		date_full_member=datetime.date(YEAR - 49, 7, 1),
	).name
	last_year = make_batch(
		world, fund, org=world.orgs.branch_a, year=YEAR - 1
	)  # branch A's elderly, last year
	assert set(_by_member(last_year)) == {setup.old_a, setup.old_group}
	name = make_batch(world, fund)  # this year's, the whole committee
	assert set(_by_member(name)) == {*setup.values(), turning_80}

	_save_as_officer(world, name, year=YEAR - 1)

	got = _by_member(name)
	assert set(got) == {setup.martyr_b, setup.both_b}
	assert {
		r.occasion for r in frappe.get_all("Care Payment Line", filters={"batch": name}, fields=["occasion"])
	} == {f"Spring Festival::{YEAR - 1}"}
	assert set(frappe.get_all("Care Payment Line", filters={"batch": name}, pluck="year")) == {YEAR - 1}
	assert all(len(listed) == 1 for listed in _live_batches_per_member("Spring Festival", YEAR - 1).values())
	doc = frappe.get_doc("Care Payment Batch", name)
	assert (doc.line_count, doc.total_amount) == (2, 1600)
	# this year is free again: a new batch lists everyone
	again = make_batch(world, fund)
	assert set(_by_member(again)) == {*setup.values(), turning_80}
	assert all(len(listed) == 1 for listed in _live_batches_per_member("Spring Festival", YEAR).values())


def test_a_draft_batch_whose_occasion_or_organisation_changes_follows_it(world, fund, setup):
	name = make_batch(world, fund)
	line = _by_member(name)[setup.martyr_b].name
	as_user(world.users.officer, batches.remove_line, line, "已领取单位慰问")  # the officer's own edits stay
	as_user(world.users.officer, batches.add_line, name, world.members.other_b, "家中突发变故", 300)
	july = make_batch(world, fund, occasion="July 1", org=world.orgs.branch_b)
	assert set(_by_member(july)) == {setup.martyr_b, setup.both_b}

	_save_as_officer(world, name, occasion="July 1")
	got = _by_member(name)
	# branch B's two are July 1's already; the removed line stays removed; the one added by hand stays
	assert {m: r.status for m, r in got.items()} == {
		setup.old_a: "Proposed",
		setup.old_group: "Proposed",
		setup.martyr_b: "Removed",
		world.members.other_b: "Proposed",
	}
	assert all(len(listed) == 1 for listed in _live_batches_per_member("July 1", YEAR).values())
	assert not _live_batches_per_member("Spring Festival", YEAR)

	_save_as_officer(world, name, party_organization=world.orgs.branch_a)
	assert {m for m, r in _by_member(name).items() if r.status != "Removed"} == {setup.old_a, setup.old_group}
	doc = frappe.get_doc("Care Payment Batch", name)
	assert (doc.line_count, doc.total_amount) == (2, 1000)


def test_a_batch_waiting_on_the_officer_counts_on_his_card(world, fund, setup):
	from party_care.desk.dashboard import documents_waiting_for_me

	name = make_batch(world, fund)
	before = as_user(world.users.officer, documents_waiting_for_me)["value"]
	committee_before = as_user(world.users.committee, documents_waiting_for_me)["value"]
	act(name, "Submit", world.users.officer)
	assert as_user(world.users.officer, documents_waiting_for_me)["value"] == before + 1
	assert as_user(world.users.committee, documents_waiting_for_me)["value"] == committee_before
