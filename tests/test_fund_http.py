"""The care fund over HTTP, as a REST client would drive it against the served site."""

import threading
import time

import frappe
import pytest
import requests

from party_care.care_fund import ledger
from tests.support.factories import make_application, make_fund, make_member
from tests.support.http import apply_workflow, fresh_session, shown
from tests.support.routes import NOTICE_FIELDS, decide, fund_ready_to_pay
from tests.support.routes import fund_act as act
from tests.support.routes import fund_to_committee as to_committee
from tests.support.site import SITE

SECRET_REASON = "患肝癌晚期，家庭年收入仅三千元"


@pytest.fixture(scope="module")
def applications(world, committed):
	"""A fund of 1000 and applications in several states, committed so the server sees them (and
	removed at the module's end)."""
	frappe.set_user("Administrator")
	fund = make_fund("测试并发资金", opening=1000).name
	members = [make_member(world.orgs.branch_a).name for _ in range(2)]
	approved = []
	for member in members:
		name = make_application(member, fund, amount=600, user=world.users.sec_a, reason=SECRET_REASON).name
		fund_ready_to_pay(name, world, 600, world.users.sec_a)
		approved.append(name)
	on_notice = make_application(
		world.members.mem_a, fund, amount=300, user=world.users.mem_a, reason=SECRET_REASON
	).name
	to_committee(on_notice, world)
	decide(on_notice, world, 300)
	in_branch = make_application(world.members.mem_a, fund, amount=100, user=world.users.mem_a).name
	act(in_branch, "Submit", world.users.mem_a)
	frappe.db.commit()
	return frappe._dict(fund=fund, approved=approved, on_notice=on_notice, in_branch=in_branch)


def test_concurrent_payments_cannot_overdraw(world, server, applications):
	"""Two officers pay two approved 600-yuan applications from a 1000-yuan fund at once."""
	sessions = [fresh_session(server, world.users.officer) for _ in applications.approved]
	# Hold the fund's row so both requests are inside their transactions before either pays.
	ledger.lock_fund(applications.fund)
	responses = {}

	def pay(session, name):
		responses[name] = apply_workflow(session, "Fund Application", name, "Pay")

	threads = [
		threading.Thread(target=pay, args=pair) for pair in zip(sessions, applications.approved, strict=True)
	]
	for t in threads:
		t.start()
	time.sleep(3)
	frappe.db.rollback()  # release the lock: now they race
	for t in threads:
		t.join(timeout=120)
	codes = sorted(r.status_code for r in responses.values())
	assert codes == [200, 417], [r.text[:300] for r in responses.values()]
	refused = next(r for r in responses.values() if r.status_code == 417)
	assert "InsufficientFundError" in refused.json()["exc_type"]
	frappe.db.rollback()
	assert ledger.get_balance(applications.fund) == 400
	states = sorted(
		frappe.db.get_value("Fund Application", n, "workflow_state") for n in applications.approved
	)
	assert states == ["Approved", "Paid"]
	assert (
		frappe.db.count("Fund Ledger Entry", {"care_fund": applications.fund, "entry_type": "Payment"}) == 1
	)


def test_direct_state_write_over_rest_is_refused(world, login, applications):
	s = login(world.users.sec_a)
	url = f"{s.base_url}/api/resource/Fund Application/{applications.in_branch}"
	for state in ("Approved", "Paid", "Public Notice"):
		r = s.put(url, json={"workflow_state": state}, timeout=30)
		assert r.status_code in (403, 417), (state, r.status_code)
	assert s.get(url, timeout=30).json()["data"]["workflow_state"] == "Branch Review"


def test_docstatus_write_over_rest_is_refused(world, login, applications):
	s = login(world.users.sec_a)
	url = f"{s.base_url}/api/resource/Fund Application/{applications.in_branch}"
	r = s.put(url, json={"docstatus": 1}, timeout=30)
	assert r.status_code in (403, 417)
	assert s.get(url, timeout=30).json()["data"]["docstatus"] == 0


def test_wrong_role_action_over_rest_is_refused(world, login, applications):
	r = apply_workflow(
		login(world.users.mem_a), "Fund Application", applications.in_branch, "Pass Branch Review"
	)
	assert r.status_code in (403, 417)


def test_other_branch_secretary_gets_nothing(world, login, applications):
	s = login(world.users.sec_b)
	r = s.get(f"{s.base_url}/api/resource/Fund Application/{applications.in_branch}", timeout=30)
	assert r.status_code == 403
	r = s.get(f"{s.base_url}/api/resource/Fund Application", params={"limit_page_length": 0}, timeout=30)
	assert applications.in_branch not in {row["name"] for row in r.json()["data"]}


def test_notice_page_shows_public_fields_and_nothing_sensitive(world, login, applications):
	s = login(world.users.mem_b)
	r = s.get(f"{s.base_url}/notices", timeout=30)
	assert r.status_code == 200
	assert "王秀英" in r.text and applications.on_notice in r.text
	assert SECRET_REASON not in shown(r) and "肝癌" not in shown(r)
	api = s.get(f"{s.base_url}/api/method/party_care.care_fund.notice.get_notices", timeout=30).json()[
		"message"
	]
	row = next(n for n in api if n["name"] == applications.on_notice)
	assert set(row) <= NOTICE_FIELDS
	assert applications.in_branch not in {n["name"] for n in api}  # not on notice


def test_guest_cannot_read_notices(server):
	r = requests.get(
		f"{server}/notices", headers={"X-Frappe-Site-Name": SITE}, allow_redirects=False, timeout=30
	)
	assert r.status_code in (301, 302, 303, 307, 403)
	r = requests.get(
		f"{server}/api/method/party_care.care_fund.notice.get_notices",
		headers={"X-Frappe-Site-Name": SITE},
		timeout=30,
	)
	assert r.status_code == 403


def test_member_raises_objection_over_rest_and_officer_sees_it(world, login, applications):
	s = login(world.users.mem_b)
	r = s.post(
		f"{s.base_url}/api/method/party_care.care_fund.notice.raise_objection",
		json={"application": applications.on_notice, "reason": "申请人另有稳定收入"},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	objection = r.json()["message"]["name"]
	officer = login(world.users.officer)
	r = officer.get(f"{officer.base_url}/api/resource/Notice Objection/{objection}", timeout=30)
	assert r.status_code == 200 and r.json()["data"]["status"] == "Open"
	# the objector is not an officer: he cannot read the objection record itself
	r = s.get(f"{s.base_url}/api/resource/Notice Objection/{objection}", timeout=30)
	assert r.status_code == 403
