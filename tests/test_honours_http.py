"""Commendations over HTTP, as a REST client would drive them against the served site: scoping
by branch, self-nomination only where the award allows it, no skipping of steps; and the
Chinese prints rendered to PDF."""

import datetime
import json

import frappe
import pytest
import requests

from party_care.honours.birthdays import send_political_birthday_greetings
from tests.support.factories import make_member
from tests.support.routes import EXCELLENT_MEMBER, PLEDGE_KEEPING, THIS_YEAR, make_commendation, recommend
from tests.support.site import SITE

SECRET_DEED = "深夜救助落水群众，本人身患肝病仍坚持工作"


@pytest.fixture(scope="module")
def commendations(world, committed):
	"""Commendations in branch A and branch B, committed so the server sees them (and removed at the
	module's end)."""
	frappe.set_user("Administrator")
	in_a = make_member(world.orgs.group_a).name
	in_b = make_member(world.orgs.branch_b).name
	nominated_a = make_commendation(in_a, EXCELLENT_MEMBER, user=world.users.sec_a, citation=SECRET_DEED).name
	recommended_a = make_commendation(
		make_member(world.orgs.branch_a).name, EXCELLENT_MEMBER, user=world.users.sec_a
	).name
	recommend(recommended_a, world.users.sec_a)
	nominated_b = make_commendation(in_b, EXCELLENT_MEMBER, user=world.users.sec_b).name
	frappe.db.commit()
	return frappe._dict(nominated_a=nominated_a, recommended_a=recommended_a, nominated_b=nominated_b)


def _url(s, name=""):
	return f"{s.base_url}/api/resource/Commendation" + (f"/{name}" if name else "")


def test_other_branch_secretary_cannot_read_the_commendation(world, login, commendations):
	s = login(world.users.sec_b)
	assert s.get(_url(s, commendations.nominated_a), timeout=30).status_code == 403
	names = {r["name"] for r in s.get(_url(s), params={"limit_page_length": 0}, timeout=30).json()["data"]}
	assert commendations.nominated_b in names and commendations.nominated_a not in names


def test_secretaries_above_read_it(world, login, commendations):
	for user in (world.users.sec_a, world.users.gb_sec):
		s = login(user)
		r = s.get(_url(s, commendations.nominated_a), timeout=30)
		assert r.status_code == 200 and r.json()["data"]["citation"] == SECRET_DEED


def test_member_reads_only_his_own_commendations(world, login, commendations):
	s = login(world.users.mem_b)
	assert s.get(_url(s, commendations.nominated_b), timeout=30).status_code == 403
	rows = s.get(_url(s), params={"limit_page_length": 0, "fields": '["name", "member"]'}, timeout=30).json()[
		"data"
	]
	# his own only (his self-nomination, when the test that makes it ran first), none of the branch's
	assert {row["member"] for row in rows} <= {world.members.mem_b}
	assert not {row["name"] for row in rows} & set(commendations.values())


def test_member_nominates_himself_only_where_the_award_allows_it(world, login, commendations):
	s = login(world.users.mem_b)
	base = {
		"doctype": "Commendation",
		"member": world.members.mem_b,
		"year": THIS_YEAR - 3,
		"citation": "全年兑现承诺三项，带头参加志愿服务",
	}
	r = s.post(_url(s), json={**base, "award_type": EXCELLENT_MEMBER}, timeout=30)
	assert r.status_code == 403 and "SelfNominationError" in r.json()["exc_type"]
	r = s.post(_url(s), json={**base, "award_type": PLEDGE_KEEPING}, timeout=30)
	assert r.status_code == 200, r.text[:300]
	data = r.json()["data"]
	assert (data["workflow_state"], data["nomination_kind"], data["nominated_by"]) == (
		"Nominated",
		"Self",
		world.users.mem_b,
	)
	# ... and never another member
	r = s.post(
		_url(s), json={**base, "award_type": PLEDGE_KEEPING, "member": world.members.other_b}, timeout=30
	)
	assert r.status_code == 403


def test_direct_state_write_over_rest_is_refused(world, login, commendations):
	s = login(world.users.sec_a)
	for state in ("Committee Approved", "Public Notice", "Awarded"):
		r = s.put(_url(s, commendations.nominated_a), json={"workflow_state": state}, timeout=30)
		assert r.status_code in (403, 417), (state, r.status_code)
	r = s.put(_url(s, commendations.nominated_a), json={"docstatus": 1}, timeout=30)
	assert r.status_code in (403, 417)
	assert (
		s.get(_url(s, commendations.nominated_a), timeout=30).json()["data"]["workflow_state"] == "Nominated"
	)


def test_wrong_role_action_over_rest_is_refused(world, login, commendations):
	s = login(world.users.sec_a)
	r = s.post(
		f"{s.base_url}/api/method/frappe.model.workflow.apply_workflow",
		json={
			"doc": json.dumps({"doctype": "Commendation", "name": commendations.recommended_a}),
			"action": "Approve",
		},
		timeout=60,
	)
	assert r.status_code in (403, 417)
	committee = login(world.users.committee)
	r = committee.get(_url(committee, commendations.recommended_a), timeout=30)
	assert r.json()["data"]["workflow_state"] == "Branch Recommended"


def test_guest_cannot_read_commendation_notices(server):
	r = requests.get(
		f"{server}/api/method/party_care.honours.notice.get_notices",
		headers={"X-Frappe-Site-Name": SITE},
		timeout=30,
	)
	assert r.status_code == 403


# --- prints: rendered to PDF (wkhtmltopdf fetches the page's assets from the served site) ----------


@pytest.fixture
def served_host(server):
	previous = frappe.local.conf.get("host_name")
	frappe.local.conf.host_name = server
	yield
	frappe.local.conf.host_name = previous


def test_honour_certificate_renders_to_pdf(world, served_host):
	from tests.support.routes import to_awarded

	name = make_commendation(
		make_member(world.orgs.branch_a).name, EXCELLENT_MEMBER, user=world.users.sec_a
	).name
	to_awarded(name, world)
	doc = frappe.get_doc("Commendation", name)
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	try:
		html = frappe.get_print("Commendation", name, "Honour Certificate")
		pdf = frappe.get_print("Commendation", name, "Honour Certificate", as_pdf=True)
	finally:
		frappe.local.lang = "en"
		frappe.local.lang_full_dict = None
	assert "荣誉证书" in html and doc.certificate_number in html and "优秀共产党员" in html
	assert doc.recipient_name in html
	assert pdf[:4] == b"%PDF"


def test_political_birthday_card_renders_to_pdf(world, served_host):
	member = make_member(
		world.orgs.branch_a,
		date_of_birth=datetime.date(1980, 1, 1),
		date_joined=datetime.date(2006, 6, 30),
		date_full_member=datetime.date(2007, 7, 1),
	).name
	send_political_birthday_greetings(on=datetime.date(2026, 6, 30))
	greeting = frappe.db.get_value("Political Birthday Greeting", {"member": member}, "name")
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	try:
		html = frappe.get_print("Political Birthday Greeting", greeting, "Political Birthday Card")
		pdf = frappe.get_print(
			"Political Birthday Greeting", greeting, "Political Birthday Card", as_pdf=True
		)
	finally:
		frappe.local.lang = "en"
		frappe.local.lang_full_dict = None
	assert "政治生日贺卡" in html and "入党20周年" in html and "入党誓词" in html
	assert pdf[:4] == b"%PDF"
