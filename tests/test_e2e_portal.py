"""The member's pages on a phone (375×812) in real Chromium: a member logs in and lands on his
record, applies for help with an attachment, raises an objection through the short form of a
running notice, downloads his political-birthday card, writes a letter in confidence and raises
an issue for his branch's meeting, and reads his study hours of the year. Screenshots go to screenshots/."""

import os

import frappe
import pytest
from frappe.utils import getdate, today

from tests.support.browser import SHOTS, in_chinese, run_script
from tests.support.factories import act_on, make_application, make_fund, make_member
from tests.support.routes import decide, fund_through_branch
from tests.support.world import PASSWORD


@pytest.fixture(scope="module")
def phone_data(world, committed):
	frappe.set_user("Administrator")
	fund = make_fund("测试手机资金", opening=5000).name
	neighbour = make_member(world.orgs.branch_a, full_name="孙桂兰").name
	on_notice = make_application(neighbour, fund, amount=400, user=world.users.sec_a).name
	fund_through_branch(on_notice, world, world.users.sec_a, votes_for=18, votes_against=1)
	decide(on_notice, world, 400)
	frappe.get_doc(  # his study hours of the year on /my-care
		doctype="Study Session",
		topic="手机测试集中学习",
		kind="Collective Study and Training",
		party_organization=world.orgs.branch_a,
		session_date=today(),
		hours=3,
		attendees=[{"member": world.members.mem_a}],
	).insert()
	# the committee's yearly account, published: every member below reads it on his pages
	frappe.set_user(world.users.officer)
	disclosure = frappe.get_doc(
		doctype="Party Affairs Disclosure", party_organization=world.orgs.committee, year=getdate().year
	).insert()
	frappe.set_user("Administrator")
	act_on("Party Affairs Disclosure", disclosure.name, "Submit", world.users.officer)
	act_on(
		"Party Affairs Disclosure",
		disclosure.name,
		"Publish",
		world.users.committee,
		committee_meeting_date=today(),
		committee_decision="同意公开",
	)
	with in_chinese(world.users.mem_a):
		yield frappe._dict(fund=fund, on_notice=on_notice, disclosure=disclosure.name)


@pytest.fixture
def pdf_host(server):
	"""wkhtmltopdf fetches the page's assets from host_name and cannot resolve *.localhost (the
	name Chromium uses here): point the served site's host_name at the loopback address."""
	from frappe.installer import update_site_config

	previous = frappe.get_site_config().get("host_name")
	in_process = frappe.local.conf.get("host_name")  # the server fixture's, for this process
	update_site_config("host_name", server)
	yield
	update_site_config("host_name", previous or "None")
	frappe.local.conf.host_name = in_process


def test_member_uses_his_pages_on_a_phone(world, server, phone_data, pdf_host):
	os.makedirs(SHOTS, exist_ok=True)
	seen = run_script(
		"portal.js",
		server,
		world.users.mem_a,
		PASSWORD,
		SHOTS,
		phone_data.fund,
		phone_data.on_notice,
	)
	assert seen["landed"] == "/my-care"
	assert not any(seen["overflow"].values()), seen["overflow"]  # nothing wider than the phone
	assert "已提交" in seen["apply_message"]
	assert "支部评议" in seen["applications_text"]
	assert "异议" in seen["objection_message"] or "已" in seen["objection_message"]
	# /notices (issue 21): the member pages' navigation, amounts in yuan, a search, 44 px targets
	from party_care.portal import member_nav

	assert seen["notices_nav"] == len(member_nav()) and "¥" in seen["notices_amount"]
	assert seen["search_rows"] == 1
	assert seen["small_targets"] == [], seen["small_targets"]
	assert "3 / 32" in seen["study_text"] and "还差 29 学时" in seen["study_text"], seen["study_text"]
	assert seen["card_head"] == "%PDF" and seen["card_bytes"] > 5_000
	assert not seen["errors"], seen["errors"]
	frappe.db.rollback()  # read what the browser committed
	doc = frappe.get_doc("Fund Application", seen["application"])
	assert (doc.member, doc.workflow_state, doc.owner) == (
		world.members.mem_a,
		"Branch Review",
		world.users.mem_a,
	)
	# Frappe names a file conflict-free on disk: 住院证明<hash>.pdf when an earlier run left one behind
	assert frappe.db.exists("File", {"attached_to_name": doc.name, "file_name": ["like", "住院证明%.pdf"]})
	assert frappe.db.exists(
		"Notice Objection", {"reference_name": phone_data.on_notice, "raised_by": world.users.mem_a}
	)
	assert not seen["letter_empty_sent"]  # the browser kept the empty letter (a required field)
	assert "已" in seen["letter_message"] and "已" in seen["issue_message"], (
		seen["letter_message"],
		seen["issue_message"],
	)
	letter = frappe.db.get_value(
		"Confidential Letter", seen["letter"], ["member", "wants_talk"], as_dict=True
	)
	assert (letter.member, letter.wants_talk) == (world.members.mem_a, 1)
	assert frappe.db.get_value("Deliberation Issue", seen["issue"], "raised_by") == world.members.mem_a
	# the yearly account: his committee's, with its money in by source (the phone fund's opening)
	assert seen["disclosure"] == phone_data.disclosure and seen["disclosure_fund_lines"] >= 1, seen
	assert "测试手机资金" in seen["disclosure_text"], seen["disclosure_text"][:300]
	# its title in the reader's Chinese, whatever language the officer drafted it in (here English)
	assert "年度党务公开" in seen["disclosure_text"] and "Disclosure" not in seen["disclosure_text"]
	# what he just sent is in his list below the form at once, without reloading the page
	assert (seen["letter_listed"], seen["issue_listed"]) == (1, 1)
	for name in ("portal-01-my-record.png", "portal-02-apply.png", "portal-05-objection-form.png"):
		assert os.path.getsize(os.path.join(SHOTS, name)) > 10_000, name
