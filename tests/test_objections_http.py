"""Issue 21 point 4, over HTTP: an objection to a fund application's public notice reaches the
officer — it shows on the application's form, he may uphold it (back to the committee) or dismiss
it with an answer — and the member who raised it sees it, and its answer, after a reload on
/notices and on his applications page. Self-contained: imports only factories (make_application,
make_fund, make_member) and fundroute (act, decide)."""

import json

import frappe
import pytest

from tests.support.factories import make_application, make_fund, make_member
from tests.support.routes import decide, fund_through_branch

FUND = "测试异议处理资金"


@pytest.fixture(scope="module")
def chinese(world):
	users = (world.users.mem_b, world.users.officer)
	languages = {user: frappe.db.get_value("User", user, "language") for user in users}
	for user in users:
		frappe.db.set_value("User", user, "language", "zh")
		frappe.clear_cache(user=user)
	frappe.db.commit()
	yield
	for user, language in languages.items():
		frappe.db.set_value("User", user, "language", language)
		frappe.clear_cache(user=user)
	frappe.db.commit()


@pytest.fixture
def on_notice(world, login, committed, chinese):
	"""An application on public notice and an objection mem_b raised to it over REST."""
	frappe.set_user("Administrator")
	if not frappe.db.exists("Care Fund", FUND):
		committed.add(make_fund(FUND, opening=0))
	member = committed.add(make_member(world.orgs.branch_a))
	name = committed.add(make_application(member.name, FUND, amount=100, user=world.users.sec_a)).name
	fund_through_branch(name, world, world.users.sec_a, votes_for=12)
	decide(name, world, 100)
	frappe.db.commit()
	s = login(world.users.mem_b)
	reason = f"申请人家中另有稳定收入 {name}"
	r = s.post(
		f"{s.base_url}/api/method/party_care.care_fund.notice.raise_objection",
		json={"application": name, "reason": reason},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	objection = r.json()["message"]["name"]
	committed.made.append(("Notice Objection", objection))
	return frappe._dict(name=name, objection=objection, reason=reason, member_name=member.full_name)


def _getdoc(session, name):
	r = session.get(
		session.base_url + "/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Fund Application", "name": name},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	return r.json()["docs"][0]


def _actions(session, name):
	r = session.post(
		session.base_url + "/api/method/frappe.model.workflow.get_transitions",
		data={"doc": json.dumps({"doctype": "Fund Application", "name": name})},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	return {t["action"] for t in r.json()["message"]}


def test_the_officer_sees_the_objection_on_the_form_and_may_uphold_it(world, login, on_notice):
	officer = login(world.users.officer)
	rows = _getdoc(officer, on_notice.name)["__onload"]["objections"]
	assert [(r["name"], r["reason"], r["status_label"], r["may_dismiss"]) for r in rows] == [
		(on_notice.objection, on_notice.reason, "处理中", True)
	]
	assert rows[0]["raised_by_name"] and "@" not in rows[0]["raised_by_name"]
	assert "Uphold Objection" in _actions(officer, on_notice.name)
	r = officer.post(
		officer.base_url + "/api/method/frappe.model.workflow.apply_workflow",
		json={
			"doc": json.dumps({"doctype": "Fund Application", "name": on_notice.name}),
			"action": "Uphold Objection",
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["message"]["workflow_state"] == "Committee Review"
	frappe.db.rollback()
	assert frappe.db.get_value("Notice Objection", on_notice.objection, "status") == "Upheld"
	# the member reads the outcome on his applications page
	page = login(world.users.mem_b).get(officer.base_url + "/my-care/applications", timeout=60).text
	assert "我提出的异议" in page and on_notice.reason in page and "异议成立" in page


def test_without_an_open_objection_the_officer_has_no_uphold_action(world, login, on_notice):
	officer = login(world.users.officer)
	r = officer.post(
		officer.base_url + "/api/method/frappe.client.set_value",
		data={
			"doctype": "Notice Objection",
			"name": on_notice.objection,
			"fieldname": json.dumps({"status": "Dismissed"}),
		},
		timeout=60,
	)
	assert r.status_code == 417, r.text[:300]  # an objection is dismissed only with an answer
	r = officer.post(
		officer.base_url + "/api/method/frappe.client.set_value",
		data={
			"doctype": "Notice Objection",
			"name": on_notice.objection,
			"fieldname": json.dumps({"status": "Dismissed", "response": "经核实，其家庭收入符合条件"}),
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	assert "Uphold Objection" not in _actions(officer, on_notice.name)
	rows = _getdoc(officer, on_notice.name)["__onload"]["objections"]
	assert [(r["status"], r["may_dismiss"], r["response_label"]) for r in rows] == [
		("Dismissed", False, "经核实，其家庭收入符合条件")
	]


def test_the_member_still_sees_his_objection_after_a_reload(world, login, on_notice):
	member = login(world.users.mem_b)
	page = member.get(member.base_url + "/notices", timeout=60).text
	row = page[page.index(f'data-name="{on_notice.name}"') :]
	row = row[: row.index("</tr>")]
	assert "您已于" in row and "处理中" in row
	assert 'objection-open" hidden' in row  # no second objection sent by mistake
	page = member.get(member.base_url + "/my-care/applications", timeout=60).text
	assert "我提出的异议" in page and on_notice.reason in page and "处理中" in page
	# nobody else reads his objection there
	other = login(world.users.mem_a).get(member.base_url + "/my-care/applications", timeout=60).text
	assert on_notice.reason not in other
