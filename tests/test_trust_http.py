"""Trust: no role becomes another through a member's login, and nobody reads the visitor's notes
about himself — over HTTP, as an attacker or a curious member would (README, "Permissions").

Each test here failed before its fix: an officer linked a Member to a System Manager's login,
made its invitation and was logged in as the System Manager; a member read his own visits'
notes through 13 endpoints.
"""

import json

import frappe
import pytest
import requests
from frappe.utils import today

from tests.support.factories import make_member, make_user
from tests.support.http import shown
from tests.support.prints import NOT_A_PDF, PDF, PDF_LOCKED, PDF_OPEN_ENCRYPTED, PDF_WITH_SCRIPT
from tests.support.site import SITE
from tests.support.world import PASSWORD

NOTE = "思想波动，家庭矛盾较大（走访人内部记录）"


def _resource(s, doctype, name):
	return s.get(f"{s.base_url}/api/resource/{doctype}/{name}", timeout=30)


def _call(s, method, http="POST", **data):
	url = f"{s.base_url}/api/method/{method}"
	if http == "GET":
		return s.get(url, params=data, timeout=60)
	return s.post(url, json=data, timeout=60)


def _can_log_in(user, password=PASSWORD) -> bool:
	s = requests.Session()
	s.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
	r = s.post(f"{_can_log_in.base_url}/api/method/login", json={"usr": user, "pwd": password}, timeout=30)
	return r.status_code == 200


# --- logins and invitations ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def logins(world, committed, server):
	"""A member without a login (no test links him), another to link and invite, a fresh website
	login nobody has used, a committee member's own Member record linked by a System Manager, and a
	System Manager who is no member."""
	_can_log_in.base_url = server
	frappe.set_user("Administrator")
	t = frappe._dict()
	t.member = committed.add(make_member(world.orgs.branch_b, full_name="孙秀兰", gender="Female")).name
	t.to_invite = committed.add(make_member(world.orgs.branch_b, full_name="孙秀梅", gender="Female")).name
	t.fresh = committed.add(make_user("fresh-invitee@party-care.test", [], first_name="孙秀梅")).name
	frappe.db.set_value("User", t.fresh, "user_type", "Website User")
	t.admin = committed.add(
		make_user("second-admin@party-care.test", ["System Manager"], password=PASSWORD)
	).name
	t.committee = committed.add(
		make_user("second-committee@party-care.test", ["Party Committee Member"], password=PASSWORD)
	).name
	t.committee_member = committed.add(
		make_member(world.orgs.branch_b, full_name="吴国平", user=t.committee)
	).name
	frappe.db.commit()
	return t


def _link(s, member, user):
	return s.put(f"{s.base_url}/api/resource/Member/{member}", json={"user": user}, timeout=30)


@pytest.mark.parametrize("target", ["admin", "committee", "officer", "Administrator"])
def test_officer_cannot_link_a_member_to_a_login_with_more_power(world, login, logins, target):
	user = {"admin": logins.admin, "committee": logins.committee, "officer": world.users.officer}.get(
		target, target
	)
	r = _link(login(world.users.officer), logins.member, user)
	assert r.status_code == 403, r.text[:300]
	frappe.db.rollback()
	assert not frappe.db.get_value("Member", logins.member, "user")


def test_officer_cannot_invite_into_a_desk_login_linked_by_a_system_manager(world, login, logins):
	r = _call(login(world.users.officer), "party_care.portal.invite_link", member=logins.committee_member)
	assert r.status_code == 403, r.text[:300]
	assert "update-password" not in r.text
	assert _can_log_in(logins.committee)  # his password is untouched


def test_officer_cannot_invite_into_a_login_already_in_use(world, login, logins):
	r = _call(login(world.users.officer), "party_care.portal.invite_link", member=world.members.mem_b)
	assert r.status_code == 403, r.text[:300]
	assert "update-password" not in r.text
	assert _can_log_in(world.users.mem_b)


def test_the_takeover_path_is_closed_end_to_end(world, login, logins):
	"""What the attacker did: link the member to the System Manager, invite, open the link as Guest."""
	officer = login(world.users.officer)
	assert _link(officer, logins.member, logins.admin).status_code == 403
	r = _call(officer, "party_care.portal.invite_link", member=logins.member)
	assert r.status_code in (403, 417), r.text[:300]  # no login linked
	assert "update-password" not in r.text
	assert _can_log_in(logins.admin)


def test_officer_links_and_invites_a_fresh_party_login(world, login, logins):
	officer = login(world.users.officer)
	r = _link(officer, logins.to_invite, logins.fresh)
	assert r.status_code == 200, r.text[:300]
	r = _call(officer, "party_care.portal.invite_link", member=logins.to_invite)
	assert r.status_code == 200, r.text[:300]
	assert "/update-password?key=" in r.json()["message"]
	frappe.db.rollback()
	assert "Party Member" in frappe.get_roles(logins.fresh)
	assert not set(frappe.get_roles(logins.fresh)) & {"System Manager", "Organization Officer"}


def test_a_system_manager_may_link_a_committee_members_own_record(world, login, logins):
	"""A committee member is a party member too: the System Manager links his login."""
	frappe.db.rollback()
	assert frappe.db.get_value("Member", logins.committee_member, "user") == logins.committee
	r = _link(login(world.users.officer), logins.committee_member, logins.committee)
	assert r.status_code == 200  # unchanged value: nothing to check


# --- the visitor's notes -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def noted(world, committed):
	"""Done visits with private notes: one about mem_a (visited by sec_a), one about sec_a himself
	(visited by gb_sec, the general branch's secretary)."""
	frappe.set_user("Administrator")
	visits = frappe._dict()
	for key, visitor in (("mem_a", "sec_a"), ("sec_a", "gb_sec")):
		doc = frappe.get_doc(
			doctype="Visit",
			member=world.members[key],
			visit_reason="Routine Visit",
			due_date=today(),
			visit_date=today(),
			status="Done",
			place="家中",
			notes=NOTE,
			visitors=[{"visitor": world.members[visitor]}],
		)
		doc.flags.ignore_version = False
		visits[key] = committed.insert(doc).name
		doc.reload()
		doc.gifts = "慰问品"
		doc.notes = NOTE + "（补充）"
		doc.save()  # a version with the notes changed
	frappe.db.commit()
	return visits


def _endpoints(s, visit):
	"""Every way the subject might read the visit: (name, response)."""
	filters = json.dumps({"name": visit})
	yield "resource", _resource(s, "Visit", visit)
	yield "client.get", _call(s, "frappe.client.get", "GET", doctype="Visit", name=visit)
	yield "getdoc", _call(s, "frappe.desk.form.load.getdoc", "GET", doctype="Visit", name=visit)
	yield (
		"get_list notes",
		_call(
			s,
			"frappe.client.get_list",
			"GET",
			doctype="Visit",
			filters=filters,
			fields=json.dumps(["name", "notes"]),
		),
	)
	yield (
		"get_value",
		_call(s, "frappe.client.get_value", "GET", doctype="Visit", filters=filters, fieldname="notes"),
	)
	yield (
		"reportview",
		_call(
			s,
			"frappe.desk.reportview.get",
			doctype="Visit",
			filters=filters,
			fields=json.dumps(["`tabVisit`.`name`", "`tabVisit`.`notes`"]),
		),
	)
	yield "print", s.get(f"{s.base_url}/printview", params={"doctype": "Visit", "name": visit}, timeout=60)
	yield "docinfo", _call(s, "frappe.desk.form.load.get_docinfo", doctype="Visit", name=visit)
	yield (
		"care record",
		_call(
			s,
			"party_care.care_batches.care_record.get_care_record",
			"GET",
			member=frappe.db.get_value("Visit", visit, "member"),
		),
	)
	yield (
		"export",
		_call(
			s,
			"frappe.desk.reportview.export_query",
			doctype="Visit",
			file_format_type="CSV",
			filters=filters,
			fields=json.dumps(["`tabVisit`.`name`", "`tabVisit`.`notes`"]),
		),
	)


@pytest.mark.parametrize("subject", ["mem_a", "sec_a"])
def test_nobody_reads_the_visitors_notes_about_himself(world, login, noted, subject):
	s = login(world.users[subject])
	for endpoint, r in _endpoints(s, noted[subject]):
		assert NOTE not in shown(r), (subject, endpoint, r.status_code)
		assert r.status_code < 500, (subject, endpoint, r.text[:300])


@pytest.mark.parametrize("subject", ["mem_a", "sec_a"])
def test_notes_about_himself_are_no_oracle(world, login, noted, subject):
	"""A count of `notes like …` answers nothing about his own visits: refused, or 0."""
	s = login(world.users[subject])
	filters = json.dumps(
		[["Visit", "notes", "like", "%思想波动%"], ["Visit", "member", "=", world.members[subject]]]
	)
	r = _call(s, "frappe.client.get_count", "GET", doctype="Visit", filters=filters)
	assert r.status_code == 403 or (r.status_code == 200 and r.json()["message"] == 0), r.text[:300]
	r = _call(s, "frappe.desk.reportview.get_count", "GET", doctype="Visit", filters=filters)
	assert r.status_code == 403 or (r.status_code == 200 and r.json()["message"] == 0), r.text[:300]


def test_the_member_still_sees_his_visit_on_his_pages(world, login, noted):
	for subject in ("mem_a", "sec_a"):
		html = (
			login(world.users[subject])
			.get(f"{login(world.users[subject]).base_url}/my-care", params={"_lang": "zh"}, timeout=30)
			.text
		)
		assert "慰问品" in html, subject
		assert NOTE not in html, subject


def test_the_visitor_and_the_level_above_read_the_notes(world, login, noted):
	for reader, subject in (("sec_a", "mem_a"), ("gb_sec", "sec_a"), ("officer", "sec_a")):
		r = _resource(login(world.users[reader]), "Visit", noted[subject])
		assert r.status_code == 200, (reader, r.text[:300])
		assert NOTE in r.json()["data"]["notes"], reader


# --- files are what they claim ---------------------------------------------------------------------

HTML = b"<html><body><script>fetch('/api/method/frappe.auth.get_logged_user')</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _apply_with(s, fund, files):
	data = {
		"care_fund": fund,
		"purpose": "Serious Illness or Disaster Relief",
		"amount_requested": "300",
		"reason": "住院",
		"_lang": "zh",
	}
	return s.post(
		f"{s.base_url}/api/method/party_care.portal.apply",
		data=data,
		files=[("attachments", f) for f in files],
		timeout=60,
	)


@pytest.fixture(scope="module")
def files_world(world, committed, login):
	from tests.support.factories import make_fund

	frappe.set_user("Administrator")
	fund = make_fund("测试文件资金", opening=5000)
	committed.add(fund)
	frappe.db.commit()
	r = _apply_with(login(world.users.mem_a), fund.name, [("诊断证明.pdf", PDF, "application/pdf")])
	assert r.status_code == 200, r.text[:300]
	application = r.json()["message"]["name"]
	committed.made.append(("Fund Application", application))
	frappe.db.rollback()
	file = frappe.get_all("File", filters={"attached_to_name": application}, fields=["name", "file_url"])[0]
	committed.made.append(("File", file.name))
	return frappe._dict(fund=fund.name, application=application, file=file)


@pytest.mark.parametrize(
	"name, content",
	[
		("诊断证明.pdf", HTML),
		("照片.png", SVG),
		("照片.jpg", HTML),
		("照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
		("诊断证明.pdf", NOT_A_PDF),
		("诊断证明.pdf", PDF_LOCKED),
		("诊断证明.pdf", PDF_WITH_SCRIPT),
	],
)
def test_a_file_is_checked_by_its_content(world, login, files_world, name, content):
	frappe.db.rollback()
	before = frappe.db.count("Fund Application", {"member": world.members.mem_a})
	r = _apply_with(login(world.users.mem_a), files_world.fund, [(name, content, "application/octet-stream")])
	assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
	frappe.db.rollback()
	assert frappe.db.count("Fund Application", {"member": world.members.mem_a}) == before


def test_a_pdf_that_opens_for_anyone_is_taken_one_that_needs_a_password_is_not():
	from party_care.guards.files import pdf_problem

	assert pdf_problem(PDF) is None and pdf_problem(PDF_OPEN_ENCRYPTED) is None  # (printing restricted)
	assert "加密" in str(pdf_problem(PDF_LOCKED)) or "encrypted" in str(pdf_problem(PDF_LOCKED))
	assert pdf_problem(PDF_WITH_SCRIPT) and pdf_problem(NOT_A_PDF)


def test_the_desk_upload_checks_content_too(world, login, files_world):
	s = login(world.users.sec_a)
	r = s.post(
		f"{s.base_url}/api/method/upload_file",
		data={"doctype": "Fund Application", "docname": files_world.application, "is_private": 1},
		files={"file": ("会议记录.pdf", HTML, "application/pdf")},
		timeout=60,
	)
	assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
	frappe.db.rollback()
	assert not frappe.db.exists(
		"File", {"attached_to_name": files_world.application, "file_name": "会议记录.pdf"}
	)


def test_every_response_forbids_type_guessing(world, login, files_world):
	s = login(world.users.mem_a)
	for path in ("/my-care", files_world.file.file_url, "/api/method/frappe.auth.get_logged_user"):
		r = s.get(s.base_url + path, timeout=30)
		assert r.status_code == 200, path
		assert r.headers.get("X-Content-Type-Options") == "nosniff", path


@pytest.mark.parametrize("reader", ["sec_b", "mem_b"])
def test_another_branch_neither_lists_nor_counts_a_members_files(world, login, files_world, reader):
	s = login(world.users[reader])
	by_name = json.dumps([["File", "file_name", "like", "%诊断证明%"]])
	for endpoint, r in (
		(
			"resource",
			s.get(
				f"{s.base_url}/api/resource/File",
				params={"filters": by_name, "fields": json.dumps(["name", "file_url"])},
				timeout=30,
			),
		),
		(
			"get_list",
			_call(
				s,
				"frappe.client.get_list",
				"GET",
				doctype="File",
				filters=by_name,
				fields=json.dumps(["name", "file_url"]),
			),
		),
		(
			"get_value",
			_call(s, "frappe.client.get_value", "GET", doctype="File", filters=by_name, fieldname="file_url"),
		),
		(
			"reportview",
			_call(
				s,
				"frappe.desk.reportview.get",
				doctype="File",
				filters=by_name,
				fields=json.dumps(["`tabFile`.`name`", "`tabFile`.`file_url`"]),
			),
		),
	):
		assert files_world.file.file_url not in shown(r), (reader, endpoint)
	for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
		r = _call(s, method, "GET", doctype="File", filters=by_name)
		assert r.status_code == 200 and r.json()["message"] == 0, (reader, method, r.text[:200])


def test_the_member_and_his_secretary_still_read_the_file(world, login, files_world):
	for reader in ("mem_a", "sec_a"):
		s = login(world.users[reader])
		r = s.get(s.base_url + files_world.file.file_url, timeout=30)
		assert r.status_code == 200 and r.content == PDF, reader


# --- CSRF for the member's session -----------------------------------------------------------------


def test_a_members_post_without_the_token_is_refused(world, login):
	s = login(world.users.mem_a)
	html = s.get(f"{s.base_url}/my-care", timeout=30).text
	assert 'frappe.csrf_token = "None"' not in html and 'frappe.csrf_token = "' in html
	frappe.db.rollback()
	before = frappe.db.count("Member Event")
	token = s.headers.pop("X-Frappe-CSRF-Token")
	try:
		r = _call(
			s,
			"party_care.care_visits.visits.report_event",
			member=world.members.other_a,
			event_type="Hospitalisation or Serious Illness",
		)
	finally:
		s.headers["X-Frappe-CSRF-Token"] = token
	assert r.status_code in (400, 403), r.text[:300]
	frappe.db.rollback()
	assert frappe.db.count("Member Event") == before
