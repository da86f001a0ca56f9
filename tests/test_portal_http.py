"""The member's own pages (/my-care) over HTTP, as a member, a member of another branch, a
secretary, an officer without a member record and a Guest would use them."""

import frappe
import pytest
import requests
from frappe.utils import today

from party_care.compat import DESK_PREFIX
from tests.support.factories import make_application, make_fund
from tests.support.http import error_text, shown
from tests.support.prints import PDF as PDF_BYTES
from tests.support.routes import branch_values, decide, end_notice
from tests.support.routes import fund_act as act
from tests.support.site import SITE
from tests.support.world import PASSWORD

SECRET_NOTE = "谈话中反映其子女长期失业，情绪低落"
PAGES = ("/my-care", "/my-care/apply", "/my-care/applications", "/my-care/report-event")
PDF = ("诊断证明.pdf", PDF_BYTES, "application/pdf")


@pytest.fixture(scope="module")
def portal(world, committed):
	"""A fund, a done visit with secret notes for mem_a and one for mem_b, and an application of
	mem_a returned by his secretary with a reason (committed so the server sees them)."""
	frappe.set_user("Administrator")
	fund = make_fund("测试门户资金", opening=20000).name
	visits = {}
	for key, place in (("mem_a", "王秀英家中"), ("mem_b", "刘德明家中")):
		visits[key] = (
			frappe.get_doc(
				doctype="Visit",
				member=world.members[key],
				visit_reason="Routine Visit",
				due_date=today(),
				visit_date=today(),
				status="Done",
				place=place,
				notes=SECRET_NOTE,
				visitors=[{"visitor": world.members.sec_a if key == "mem_a" else world.members.sec_b}],
			)
			.insert()
			.name
		)
	returned = make_application(world.members.mem_a, fund, amount=150, user=world.users.mem_a).name
	act(returned, "Submit", world.users.mem_a)
	act(returned, "Return", world.users.sec_a, return_reason="请补充医院诊断证明")
	frappe.db.commit()
	return frappe._dict(fund=fund, visits=visits, returned=returned)


def _guest():
	s = requests.Session()
	s.headers.update({"X-Frappe-Site-Name": SITE})
	return s


def _apply(session, fund, files=None, **values):
	data = {
		"care_fund": fund,
		"purpose": "Serious Illness or Disaster Relief",
		"amount_requested": "800",
		"reason": "住院手术，自付费用较高",
		"_lang": "zh",
	}
	data.update(values)
	return session.post(
		f"{session.base_url}/api/method/party_care.portal.apply",
		data=data,
		files=[("attachments", f) for f in (files or [])],
		timeout=60,
	)


def page(session, path, **kwargs):
	"""GET a page in Chinese (the language a member's account has on a real site)."""
	return session.get(f"{session.base_url}{path}", params={"_lang": "zh"}, timeout=30, **kwargs)


def _applications_of(member):
	frappe.db.rollback()  # see what the server committed
	return set(frappe.get_all("Fund Application", filters={"member": member}, pluck="name"))


# --- who gets in ---------------------------------------------------------------------------------


def test_members_are_website_users_and_secretaries_keep_the_desk(world):
	assert frappe.db.get_value("User", world.users.mem_a, "user_type") == "Website User"
	assert frappe.db.get_value("User", world.users.sec_a, "user_type") == "System User"


@pytest.mark.parametrize("path", PAGES)
def test_guest_is_sent_to_log_in(server, path):
	r = _guest().get(f"{server}{path}", allow_redirects=False, timeout=30)
	assert r.status_code in (301, 302, 303, 307)
	assert r.headers["Location"].endswith(f"/login?redirect-to={path}")


def test_guest_cannot_apply_or_download_a_card(server, portal):
	r = _guest().post(
		f"{server}/api/method/party_care.portal.apply",
		data={
			"care_fund": portal.fund,
			"purpose": "Emergency Relief",
			"amount_requested": 100,
			"reason": "x",
		},
		timeout=30,
	)
	assert r.status_code == 403
	assert _guest().get(f"{server}/api/method/party_care.portal.birthday_card", timeout=30).status_code == 403


def test_member_lands_on_his_pages_not_the_desk(world, login):
	s = login(world.users.mem_a)
	for path in PAGES:
		r = page(s, path)
		assert r.status_code == 200, path
		assert "我的档案" in r.text and "申请帮扶" in r.text  # the Chinese navigation
		assert "Built on <a" not in r.text and "首页" in r.text  # Frappe's footer and top bar too
	r = page(s, "/app", allow_redirects=False)
	assert r.status_code in (301, 302, 303, 307, 403)


def test_login_sends_a_member_to_his_pages_and_a_secretary_to_the_desk(world, server):
	"""A secretary is a Party Member too: Frappe 16 asks the home page of desk users as well, and
	a home page by role sent him to /my-care; the officer, who has no member record, is the control."""
	landing = {}
	for key in ("mem_a", "sec_a", "officer"):
		r = _guest().post(
			f"{server}/api/method/login", json={"usr": world.users[key], "pwd": PASSWORD}, timeout=30
		)
		assert r.status_code == 200, r.text[:300]
		landing[key] = r.json()["home_page"]
	assert landing["mem_a"] == "/my-care"
	desk = DESK_PREFIX.strip("/")  # "/app" or "/app/home" on v15, "desk" (relative to /login) on v16
	assert landing["sec_a"].strip("/").split("/")[0] == desk, landing
	assert landing["officer"].strip("/").split("/")[0] == desk, landing


def test_login_without_member_record_is_refused(world, login):
	s = login(world.users.officer)
	r = page(s, "/my-care")
	assert r.status_code == 403
	assert "王秀英" not in shown(r)


# --- my record -----------------------------------------------------------------------------------


def test_my_record_shows_my_visits_but_never_the_notes_or_others(world, login, portal):
	html = page(login(world.users.mem_a), "/my-care").text
	assert "王秀英" in html and "王秀英家中" in html and "日常走访" in html
	assert SECRET_NOTE not in html
	assert "刘德明家中" not in html  # another branch's member's visit


def test_member_of_another_branch_sees_only_his_own(world, login, portal):
	s = login(world.users.mem_b)
	html = page(s, "/my-care").text
	assert "刘德明家中" in html and "王秀英" not in html
	html = page(s, "/my-care/applications").text
	assert portal.returned not in html


def test_secretary_sees_his_own_record_not_his_branch(world, login, portal):
	s = login(world.users.sec_a)
	html = page(s, "/my-care").text
	assert "张建国" in html
	assert "王秀英家中" not in html  # he reads his branch in the desk, not on his own pages
	html = page(s, "/my-care/applications").text
	assert portal.returned not in html


def test_my_applications_show_the_state_and_the_reason_for_a_return(world, login, portal):
	s = login(world.users.mem_a)
	html = page(s, "/my-care/applications").text
	assert portal.returned in html
	assert "请补充医院诊断证明" in html and "已退回" in html


def test_birthday_card_is_a_pdf_for_the_member_only(world, login):
	s = login(world.users.mem_a)
	r = s.get(f"{s.base_url}/api/method/party_care.portal.birthday_card", timeout=120)
	assert r.status_code == 200, r.text[:300]
	assert r.content.startswith(b"%PDF") and "pdf" in r.headers["Content-Type"]
	officer = login(world.users.officer)
	assert (
		officer.get(f"{officer.base_url}/api/method/party_care.portal.birthday_card", timeout=30).status_code
		== 403
	)


# --- apply for help ------------------------------------------------------------------------------


def test_apply_page_lists_funds_and_purposes_in_chinese(world, login, portal):
	s = login(world.users.mem_a)
	html = page(s, "/my-care/apply").text
	assert "测试门户资金" in html and "大病或灾害救助" in html
	assert 'value="Condolence"' not in html


def test_application_from_the_portal_walks_the_whole_route_in_the_desk(world, login, portal, committed):
	s = login(world.users.mem_a)
	before = _applications_of(world.members.mem_a)
	r = _apply(s, portal.fund, files=[PDF])
	assert r.status_code == 200, r.text[:500]
	name = r.json()["message"]["name"]
	assert r.json()["message"]["workflow_state"] == "Branch Review"
	assert _applications_of(world.members.mem_a) - before == {name}
	doc = frappe.get_doc("Fund Application", name)
	assert (doc.owner, doc.applied_by, doc.amount_requested) == (world.users.mem_a, world.users.mem_a, 800)
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Fund Application", "attached_to_name": name},
		fields=["file_name", "is_private"],
	)
	assert [(f.file_name, f.is_private) for f in files] == [("诊断证明.pdf", 1)]
	# the desk takes it from here, step by step
	act(name, "Pass Branch Review", world.users.sec_a, **branch_values())
	act(name, "Accept", world.users.officer, department_opinion="情况属实")
	decide(name, world, 600)
	end_notice("Fund Application", name)
	act(name, "Close Notice", world.users.officer)
	act(name, "Pay", world.users.officer, payment_method="Signed Receipt")
	assert frappe.db.get_value("Fund Application", name, "workflow_state") == "Paid"
	frappe.db.commit()
	html = page(s, "/my-care").text
	assert "已发放" in html or "600.00" in html


@pytest.mark.parametrize(
	"values, files, message",
	[
		({"amount_requested": "abc"}, [], "大于零"),
		({"amount_requested": "-50"}, [], "大于零"),
		({"purpose": "Lottery"}, [], "Lottery"),
		({"reason": "   "}, [], "申请理由"),
		({}, [("run.exe", b"MZ\x90\x00", "application/octet-stream")], "PDF"),
		({}, [PDF] * 6, "最多"),
	],
)
def test_bad_input_is_refused_clearly_and_nothing_is_saved(world, login, portal, values, files, message):
	s = login(world.users.mem_a)
	before = _applications_of(world.members.mem_a)
	r = _apply(s, portal.fund, files=files, **values)
	assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
	assert message in error_text(r)
	assert _applications_of(world.members.mem_a) == before


def test_unknown_fund_is_refused(world, login, portal):
	s = login(world.users.mem_a)
	before = _applications_of(world.members.mem_a)
	r = _apply(s, "没有这个基金")
	assert 400 <= r.status_code < 500
	assert _applications_of(world.members.mem_a) == before


def test_login_without_member_record_cannot_apply(world, login, portal):
	r = _apply(login(world.users.officer), portal.fund)
	assert r.status_code == 403


# --- report an event -----------------------------------------------------------------------------


def test_report_event_lists_my_branch_only(world, login):
	s = login(world.users.mem_a)
	html = page(s, "/my-care/report-event").text
	assert "赵志强" in html and "张建国" in html
	assert "刘德明" not in html and "周淑珍" not in html


def test_member_reports_an_event_for_his_branch_not_another(world, login, committed):
	s = login(world.users.mem_a)
	url = f"{s.base_url}/api/method/party_care.care_visits.visits.report_event"
	r = s.post(
		url,
		json={
			"member": world.members.other_a,
			"event_type": "Hospitalisation or Serious Illness",
			"event_date": today(),
			"details": "住院手术",
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	frappe.db.rollback()
	visit = r.json()["message"]["visit"]
	assert frappe.db.get_value("Visit", visit, "member") == world.members.other_a
	r = s.post(
		url,
		json={"member": world.members.other_b, "event_type": "Hospitalisation or Serious Illness"},
		timeout=30,
	)
	assert r.status_code == 403


# --- inviting a member ---------------------------------------------------------------------------


def test_officer_gets_a_one_time_link_that_opens_the_members_pages(world, login, committed):
	from tests.support.factories import make_member, make_user

	frappe.set_user("Administrator")
	user = committed.add(make_user("invitee@party-care.test", [], first_name="invitee")).name
	member = committed.add(make_member(world.orgs.branch_b, full_name="钱玉珍", user=user)).name
	frappe.db.commit()
	officer = login(world.users.officer)
	r = officer.post(
		f"{officer.base_url}/api/method/party_care.portal.invite_link", json={"member": member}, timeout=30
	)
	assert r.status_code == 200, r.text[:300]
	link = r.json()["message"]
	assert "/update-password?key=" in link
	key = link.split("key=")[1]
	s = requests.Session()
	s.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
	url = f"{officer.base_url}/api/method/frappe.core.doctype.user.user.update_password"
	r = s.post(url, data={"new_password": "Member-2026-pw!", "key": key}, timeout=30)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["message"].endswith("my-care")  # where the member lands
	frappe.db.rollback()
	assert frappe.db.get_value("User", user, "user_type") == "Website User"
	r = s.post(url, data={"new_password": "Member-2026-pw2!", "key": key}, timeout=30)  # the link works once
	assert r.status_code != 200


@pytest.mark.parametrize("key", ["sec_a", "mem_a"])
def test_only_the_department_makes_invitation_links(world, login, key):
	s = login(world.users[key])
	r = s.post(
		f"{s.base_url}/api/method/party_care.portal.invite_link",
		json={"member": world.members.mem_b},
		timeout=30,
	)
	assert r.status_code == 403


@pytest.mark.parametrize(
	"values",
	[
		{"member": "NO-SUCH-MEMBER", "event_type": "Hospitalisation or Serious Illness"},
		{"member": "", "event_type": "Hospitalisation or Serious Illness"},
		{"event_type": "No Such Event"},
		{"event_date": "not a date"},
	],
)
def test_bad_event_reports_are_refused_clearly(world, login, values):
	s = login(world.users.mem_a)
	data = {"member": world.members.other_a, "event_type": "Hospitalisation or Serious Illness", **values}
	before = frappe.db.count("Member Event")
	r = s.post(f"{s.base_url}/api/method/party_care.care_visits.visits.report_event", json=data, timeout=30)
	assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
	frappe.db.rollback()
	assert frappe.db.count("Member Event") == before
