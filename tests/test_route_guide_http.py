"""Issue 21 points 2 and 3, as the secretary and the officer meet them over HTTP: each step of a
fund application says what next (the state, who acts, what to fill and where), the fields
another role fills are marked read-only for the reader, the tab and Frappe's workflow toast read
in Chinese, and a meeting date before the application date is refused when saved, with a clear
title. Self-contained: imports only factories (make_application, make_fund) and fundroute (act)."""

import json

import frappe
import pytest
from frappe.translate import get_all_translations
from frappe.utils import add_days, today

from tests.support.factories import make_application, make_fund
from tests.support.routes import fund_act as act

FUND = "测试办理指引资金"


@pytest.fixture(scope="module")
def application(world, committed):
	frappe.set_user("Administrator")
	if not frappe.db.exists("Care Fund", FUND):
		committed.add(make_fund(FUND, opening=0))
	doc = make_application(world.members.mem_a, FUND, amount=200, user=world.users.mem_a)
	committed.add(doc)
	act(doc.name, "Submit", world.users.mem_a)
	users = (world.users.sec_a, world.users.officer)
	languages = {user: frappe.db.get_value("User", user, "language") for user in users}
	for user in users:  # they work in Chinese
		frappe.db.set_value("User", user, "language", "zh")
		frappe.clear_cache(user=user)
	frappe.db.commit()
	yield doc.name
	for user, language in languages.items():
		frappe.db.set_value("User", user, "language", language)
		frappe.clear_cache(user=user)
	frappe.db.commit()


def _getdoc(session, name):
	r = session.get(
		session.base_url + "/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Fund Application", "name": name},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	return r.json()["docs"][0]


def test_the_branch_secretary_is_told_what_to_fill_and_may_edit_only_his_step(world, login, application):
	guide = _getdoc(login(world.users.sec_a), application)["__onload"]["route_guide"]
	assert guide["state"] == "Branch Review"
	assert "当前步骤" in guide["headline"] and "轮到您办理" in guide["headline"]
	assert "支部党员大会日期" in guide["headline"] and "审议与审批" in guide["headline"]
	assert "Review" not in guide["headline"]
	assert set(guide["editable"]) >= {"branch_meeting_date", "votes_for"}
	# the applicant's fields and the later steps' are read-only for him in this state
	read_only = set(guide["step_fields"]) - set(guide["editable"])
	assert {"application_date", "amount_requested", "department_opinion", "amount_approved"} <= read_only


def test_the_officer_sees_who_acts_and_edits_nothing_in_branch_review(world, login, application):
	guide = _getdoc(login(world.users.officer), application)["__onload"]["route_guide"]
	assert guide["editable"] == []
	assert "等待" in guide["headline"] and "支部书记" in guide["headline"]


def test_tab_and_workflow_toast_read_in_chinese():
	zh = get_all_translations("zh")
	for doctype, tab in (("Fund Application", "审议与审批"), ("Commendation", "推荐与审批")):
		assert zh[frappe.get_meta(doctype).get_field("review_tab").label] == tab  # not 评论 (comments)
	assert "只读" in zh["This form is not editable due to a Workflow."]
	assert zh["Invalid Date"] != "失效日期"


def test_a_meeting_before_the_application_is_refused_on_save_with_a_clear_title(world, login, application):
	session = login(world.users.sec_a)
	doc = _getdoc(session, application)
	doc.update(branch_meeting_date=add_days(today(), -1), branch_resolution="同意上报", votes_for=10)
	r = session.post(
		session.base_url + "/api/method/frappe.desk.form.save.savedocs",
		data={"doc": json.dumps(doc), "action": "Save"},
		timeout=60,
	)
	assert r.status_code == 417, r.text[:300]
	body = r.json()
	message = json.loads(json.loads(body["_server_messages"])[0])
	assert message["title"] == "会议日期早于申请日期"
	assert "退回草稿" in message["message"]
	frappe.db.rollback()
	assert frappe.db.get_value("Fund Application", application, "branch_meeting_date") is None
	# the same day is accepted when saved
	doc = _getdoc(session, application)
	doc.update(branch_meeting_date=today(), branch_resolution="同意上报", votes_for=10)
	try:
		r = session.post(
			session.base_url + "/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": "Save"},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:300]
	finally:  # the module's application back in Branch Review with nothing filled, for the other tests
		frappe.db.rollback()
		frappe.db.set_value(
			"Fund Application",
			application,
			{"branch_meeting_date": None, "branch_resolution": None, "votes_for": 0},
			update_modified=False,
		)
		frappe.db.commit()
