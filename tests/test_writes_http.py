"""Writes a role must not make, and bad input, over HTTP against the served site (issue 10,
items 6, 8 and 11):

* every whitelisted method of the app, enumerated from Frappe's registry, called by the Care
  Auditor with a real target: the writes are refused (403/417) and nothing anywhere changes;
* the yearly cap per member holds when two deciders approve at the same moment;
* out-of-range amounts, too long texts and malformed JSON get a translated 4xx, nothing saved.
"""

import importlib
import json
import pkgutil
import threading
import time

import frappe
import pytest
from frappe.utils import getdate, today

import party_care
from party_care.compat import V16
from tests.support.factories import make_application, make_fund, make_member
from tests.support.http import fresh_session
from tests.support.routes import branch_values, to_notice
from tests.support.routes import fund_act as act
from tests.support.targets import make_targets
from tests.support.world import app_doctypes, email

Y = getdate(today()).year
ZH = {"_lang": "zh"}


def _session(server, user):
	return fresh_session(server, user)


def _to_committee(name, world):
	act(name, "Submit", world.users.sec_a)
	act(name, "Pass Branch Review", world.users.sec_a, **branch_values())
	act(name, "Accept", world.users.officer, department_opinion="情况属实")


@pytest.fixture(scope="module")
def targets(world, committed):
	"""One real record for each of the app's write methods, committed so the server sees them."""
	t = make_targets(world, "写权限", "测试写权限资金HTTP")
	applicant = make_member(world.orgs.branch_a).name
	t.application = make_application(applicant, t.fund, amount=300, user=world.users.sec_a).name
	_to_committee(t.application, world)
	act(
		t.application,
		"Approve",
		world.users.committee,
		committee_meeting_date=today(),
		committee_decision="同意",
		amount_approved=300,
	)
	to_notice(t.commendation, world)
	# an assessment round of a past year (this year's belong to tests/test_incentive.py)
	t.assessment_round = (
		frappe.get_doc(
			doctype="Party Building Assessment Round",
			round_name="测试写权限述职评议",
			year=Y - 8,
			party_organization=world.orgs.committee,
		)
		.insert()
		.name
	)
	t.study_session = (  # mentors and study hours (issue 24)
		frappe.get_doc(
			doctype="Study Session",
			topic="测试写权限集中学习",
			kind="Collective Study and Training",
			party_organization=world.orgs.branch_b,
			session_date=today(),
			hours=2,
		)
		.insert()
		.name
	)
	frappe.db.commit()
	return t


# Each whitelisted method of the app, with the arguments of a real call. A new method must be
# added here (test_every_app_method_is_listed), and so is checked as the auditor.
WRITES = {
	# Frappe 16 only (a 404 on 15): queues a CSV of a prepared report
	"party_care.overrides.query_report.enqueue_json_to_csv_conversion": lambda t: {
		"prepared_report_name": "不存在的报表",
	},
	"party_care.honours.eligibility.create_nominations": lambda t: {
		"award_type": "Excellent Party Member",
		"year": Y,
		"members": json.dumps([t.member]),
	},
	"party_care.honours.notice.raise_objection": lambda t: {
		"commendation": t.commendation,
		"reason": "此人事迹与实际不符，请核实",
	},
	"party_care.care_fund.notice.raise_objection": lambda t: {
		"application": t.application,
		"reason": "此人家庭并不困难，请核实",
	},
	"party_care.care_visits.visits.report_event": lambda t: {
		"member": t.member,
		"event_type": "Death of Member",
	},
	"party_care.care_visits.visits.enqueue_campaign": lambda t: {"campaign": t.campaign},
	"party_care.care_visits.doctype.visit.visit.request_fund_payment": lambda t: {
		"visit": t.visit,
		"care_fund": t.fund,
		"amount": 100,
	},
	"party_care.hardship.register.add_help_log": lambda t: {"case": t.case, "action": "送去米面油"},
	"party_care.portal.apply": lambda t: {
		"care_fund": t.fund,
		"purpose": "Living Subsidy",
		"amount_requested": 100,
		"reason": "生活困难",
	},
	"party_care.portal.invite_link": lambda t: {"member": t.member},
	"party_care.incentive.assessment.make_assessments": lambda t: {"assessment_round": t.assessment_round},
	# ERPNext's Employee (refused without ERPNext; with it, the auditor reads no Employee)
	"party_care.integrations.erpnext.employees.create_member": lambda t: {
		"employee": "HR-EMP-00001",
		"party_organization": t.org,
		"date_joined": "2020-07-01",
	},
	"party_care.integrations.erpnext.employees.create_members": lambda t: {
		"employees": json.dumps(["HR-EMP-00001"]),
		"party_organization": t.org,
		"date_joined": "2020-07-01",
	},
	"party_care.integrations.erpnext.employees.report_employee_event": lambda t: {
		"employee": "HR-EMP-00001",
		"event_type": "Death of Member",
	},
	"party_care.care_batches.batches.make_lines": lambda t: {"batch": t.batch},
	"party_care.care_batches.batches.confirm_lines": lambda t: {"batch": t.batch},
	"party_care.care_batches.batches.remove_line": lambda t: {"line": t.line, "reason": "不符合条件"},
	"party_care.care_batches.batches.remove_lines": lambda t: {
		"lines": json.dumps([t.line]),
		"reason": "不符合条件",
	},
	"party_care.care_batches.batches.add_line": lambda t: {
		"batch": t.batch,
		"member": t.member,
		"reason": "家中突发变故",
		"amount": 100,
	},
	"party_care.care_batches.allowances.submit_plan": lambda t: {"plan": t.plan},
	"party_care.care_batches.allowances.stop_plan": lambda t: {"plan": t.plan},
	# Frappe's endpoints that attach something to a record, wrapped (party_care/guards/side_writes.py)
	"party_care.overrides.tags.add_tag": lambda t: {"tag": "审计", "dt": "Member", "dn": t.member},
	"party_care.overrides.tags.add_tags": lambda t: {
		"tags": json.dumps(["审计"]),
		"dt": "Member",
		"docs": json.dumps([t.member]),
	},
	"party_care.overrides.tags.remove_tag": lambda t: {"tag": "审计", "dt": "Member", "dn": t.member},
	"party_care.overrides.communication.relink": lambda t: {
		"name": "no-such-communication",
		"reference_doctype": "Member",
		"reference_name": t.member,
	},
	"party_care.overrides.communication.make_communication": lambda t: {
		"doctype": "Member",
		"name": t.member,
		"content": "审计",
		"subject": "审计",
		"recipients": "auditor@party-care.test",
		"send_email": 0,
	},
	"party_care.overrides.files.add_attachments": lambda t: {
		"doctype": "Member",
		"name": t.member,
		"attachments": "[]",
	},
	"party_care.overrides.files.upload_file": lambda t: {
		"doctype": "Member",
		"docname": t.member,
		"file_url": "/files/audit.png",
		"is_private": 0,
	},
	"party_care.overrides.web.web_comment": lambda t: {
		"comment": "审计",
		"comment_email": "auditor@party-care.test",
		"comment_by": "auditor",
		"reference_doctype": "Member",
		"reference_name": t.member,
		"route": "",
	},
	"party_care.overrides.web.web_like": lambda t: {
		"reference_doctype": "Member",
		"reference_name": t.member,
		"like": 1,
	},
	# openness (issue 24): the auditor has no member record and reads no letter or care plan
	"party_care.openness.letters.send_letter": lambda t: {
		"letter_text": "审计员的信",
		"addressed_to": "Party Committee",
	},
	"party_care.openness.letters.mark_read": lambda t: {"letter": "no-such-letter"},
	"party_care.openness.letters.arrange_talk": lambda t: {"letter": "no-such-letter", "due_date": today()},
	"party_care.openness.letters.arrange_plan_talk": lambda t: {"plan": "no-such-plan"},
	"party_care.openness.deliberation.raise_issue": lambda t: {
		"title": "审计",
		"description": "审计员的议题",
	},
	"party_care.openness.study.add_attendees": lambda t: {
		"study_session": t.study_session,
		"members": "测试写权限党员",
	},
	# not a write, but for the organisation department only: the auditor is refused
	"party_care.care_batches.export.export_bank_list": lambda t: {"batch": t.batch, "file_format": "CSV"},
}
READS = {
	"party_care.honours.eligibility.get_candidates": lambda t: {"kind": "50-Year Medal"},
	"party_care.honours.notice.get_notices": lambda t: {},
	"party_care.care_fund.notice.get_notices": lambda t: {},
	"party_care.desk.dashboard.documents_waiting_for_me": lambda t: {},
	"party_care.desk.dashboard.fund_balance": lambda t: {},
	"party_care.desk.dashboard.political_birthdays_this_month": lambda t: {},
	"party_care.overrides.client.get_count": lambda t: {"doctype": "Member"},
	"party_care.overrides.client.get_list": lambda t: {"doctype": "Member", "fields": '["name"]'},
	"party_care.overrides.client.get_value": lambda t: {
		"doctype": "Member",
		"fieldname": "name",
		"filters": json.dumps({"name": t.member}),
	},
	"party_care.overrides.reportview.get": lambda t: {
		"doctype": "Member",
		"fields": '["name"]',
		"filters": "[]",
	},
	"party_care.overrides.reportview.get_list": lambda t: {
		"doctype": "Member",
		"fields": '["name"]',
		"filters": "[]",
	},
	"party_care.overrides.client.get": lambda t: {"doctype": "Member", "name": t.member},
	"party_care.overrides.client.validate_link": lambda t: {
		"doctype": "Member",
		"docname": t.member,
		"fields": '["full_name"]',
	},
	"party_care.overrides.client.validate_link_and_fetch": lambda t: {
		"doctype": "Member",
		"docname": t.member,
		"fields_to_fetch": '["full_name"]',
	},
	"party_care.overrides.reportview.get_count": lambda t: {"doctype": "Member", "filters": "[]"},
	"party_care.overrides.reportview.export_query": lambda t: {
		"doctype": "Member",
		"fields": '["`tabMember`.`name`"]',
		"filters": "[]",
		"file_format_type": "CSV",
		"title": "Member",
	},
	"party_care.overrides.query_report.get_data_for_custom_field": lambda t: {
		"doctype": "Member",
		"field": "full_name",
		"names": json.dumps([t.member]),
	},
	"party_care.organization.doctype.party_organization.party_organization.get_children": lambda t: {
		"doctype": "Party Organization"
	},
	"party_care.hardship.register.get_my_case": lambda t: {},
	"party_care.care_batches.batches.lines_by_organization": lambda t: {"batch": t.batch},
	"party_care.care_batches.care_record.get_care_record": lambda t: {"member": t.batch_member},
	"party_care.overrides.search.search_link": lambda t: {"doctype": "Member", "txt": ""},
	"party_care.overrides.search.search_widget": lambda t: {"doctype": "Member", "txt": ""},
	"party_care.overrides.form_load.getdoc": lambda t: {"doctype": "Member", "name": t.member},
	"party_care.overrides.form_load.get_docinfo": lambda t: {"doctype": "Member", "name": t.member},
	"party_care.overrides.linked_with.get_submitted_linked_docs": lambda t: {
		"doctype": "Member",
		"name": t.member,
	},
	"party_care.overrides.listview.get_group_by_count": lambda t: {
		"doctype": "Member",
		"current_filters": "[]",
		"field": "member_status",
	},
	"party_care.overrides.search.get_link_title": lambda t: {"doctype": "Member", "docname": t.member},
	"party_care.overrides.number_card.number_card_result": lambda t: {
		"doc": json.dumps({"document_type": "Member", "function": "Count"}),
		"filters": "[]",
	},
	"party_care.overrides.dashboard_chart.get": lambda t: {"chart_name": "Payments by Month"},
	"party_care.desk.search.translated_search": lambda t: {
		"doctype": "Member",
		"txt": "",
		"searchfield": "name",
		"start": 0,
		"page_len": 10,
		"filters": "{}",
	},
}
# Reads the auditor is refused: a member's own pages (he has no member record), and Frappe
# endpoints the app closes for its DocTypes
REFUSED_READS = {
	"party_care.portal.birthday_card": lambda t: {},
	"party_care.integrations.erpnext.employees.employee_member": lambda t: {"employee": "HR-EMP-00001"},
	"party_care.overrides.goal.get_monthly_goal_graph_data": lambda t: {
		"title": "x",
		"doctype": "Member",
		"docname": t.member,
		"goal_value_field": "age",
		"goal_total_field": "age",
		"goal_history_field": "age",
		"goal_doctype": "Fund Application",
		"goal_doctype_link": "member",
		"goal_field": "amount_requested",
		"date_field": "creation",
	},
	"party_care.overrides.geo.get_coords": lambda t: {"doctype": "Visit", "filters": "[]"},
}
# where the method is reached through Frappe's own name (override_whitelisted_methods)
CALLED_AS = {
	"party_care.overrides.client.get_count": "frappe.client.get_count",
	"party_care.overrides.client.get_list": "frappe.client.get_list",
	"party_care.overrides.client.get_value": "frappe.client.get_value",
	"party_care.overrides.reportview.get": "frappe.desk.reportview.get",
	"party_care.overrides.reportview.get_list": "frappe.desk.reportview.get_list",
	"party_care.overrides.client.get": "frappe.client.get",
	"party_care.overrides.client.validate_link": "frappe.client.validate_link",
	"party_care.overrides.client.validate_link_and_fetch": "frappe.client.validate_link_and_fetch",
	"party_care.overrides.reportview.get_count": "frappe.desk.reportview.get_count",
	"party_care.overrides.reportview.export_query": "frappe.desk.reportview.export_query",
	"party_care.overrides.query_report.get_data_for_custom_field": "frappe.desk.query_report.get_data_for_custom_field",
	"party_care.overrides.query_report.enqueue_json_to_csv_conversion": "frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion",
	"party_care.overrides.search.search_link": "frappe.desk.search.search_link",
	"party_care.overrides.search.search_widget": "frappe.desk.search.search_widget",
	"party_care.overrides.form_load.getdoc": "frappe.desk.form.load.getdoc",
	"party_care.overrides.form_load.get_docinfo": "frappe.desk.form.load.get_docinfo",
	"party_care.overrides.linked_with.get_submitted_linked_docs": "frappe.desk.form.linked_with.get_submitted_linked_docs",
	"party_care.overrides.listview.get_group_by_count": "frappe.desk.listview.get_group_by_count",
	"party_care.overrides.search.get_link_title": "frappe.desk.search.get_link_title",
	"party_care.overrides.goal.get_monthly_goal_graph_data": "frappe.utils.goal.get_monthly_goal_graph_data",
	"party_care.overrides.geo.get_coords": "frappe.geo.utils.get_coords",
	"party_care.overrides.number_card.number_card_result": "frappe.desk.doctype.number_card.number_card.get_result",
	"party_care.overrides.dashboard_chart.get": "frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
	"party_care.overrides.tags.add_tag": "frappe.desk.doctype.tag.tag.add_tag",
	"party_care.overrides.tags.add_tags": "frappe.desk.doctype.tag.tag.add_tags",
	"party_care.overrides.tags.remove_tag": "frappe.desk.doctype.tag.tag.remove_tag",
	"party_care.overrides.communication.relink": "frappe.email.relink",
	"party_care.overrides.communication.make_communication": "frappe.core.doctype.communication.email.make",
	"party_care.overrides.files.add_attachments": "frappe.utils.file_manager.add_attachments",
	"party_care.overrides.files.upload_file": "frappe.handler.upload_file",
	"party_care.overrides.web.web_comment": "frappe.templates.includes.comments.comments.add_comment",
	"party_care.overrides.web.web_like": "frappe.templates.includes.likes.likes.like",
}


def app_whitelisted_methods() -> set[str]:
	for module in pkgutil.walk_packages(party_care.__path__, "party_care."):
		if ".patches." not in module.name and not module.name.rsplit(".", 1)[-1].startswith("test_"):
			importlib.import_module(module.name)
	return {
		f"{fn.__module__}.{fn.__name__}"
		for fn in frappe.whitelisted
		if fn.__module__.startswith("party_care.")
	}


def fingerprint() -> dict:
	"""Rows and last change of every table the app's methods could write."""
	frappe.db.rollback()  # a fresh snapshot
	tables = [
		*app_doctypes(),
		"ToDo",
		"Notification Log",
		"Comment",
		"Version",
		"User Permission",
		"Tag Link",
		"File",
		"Communication",
	]
	return {dt: frappe.db.sql(f"select count(*), max(modified) from `tab{dt}`")[0] for dt in tables}


def test_every_app_method_is_listed():
	assert app_whitelisted_methods() == set(WRITES) | set(READS) | set(REFUSED_READS)


# app methods over a Frappe endpoint this line does not have (party_care.compat.frappe_endpoint)
NOT_ON_THIS_LINE = {
	"party_care.overrides.client.validate_link"
	if V16
	else "party_care.overrides.client.validate_link_and_fetch"
}


def test_the_auditor_changes_nothing_through_any_app_method(world, server, targets):
	s = _session(server, world.users.auditor)
	before = fingerprint()
	for method, args in {**WRITES, **READS, **REFUSED_READS}.items():
		url = f"{server}/api/method/{CALLED_AS.get(method, method)}"
		r = (
			s.post(url, data=args(targets), timeout=60)
			if method in WRITES
			else s.get(url, params=args(targets), timeout=60)
		)
		if method in WRITES or method in REFUSED_READS:
			# 404: with ERPNext, the Employee methods are refused on the (unknown) employee first
			assert r.status_code in (403, 404, 417), (method, r.status_code, r.text[:300])
		elif method in NOT_ON_THIS_LINE:  # 16 has no validate_link, 15 no validate_link_and_fetch: a 404
			assert r.status_code == 404, (method, r.status_code, r.text[:300])
		else:
			assert r.status_code == 200, (method, r.status_code, r.text[:300])
	assert fingerprint() == before
	assert frappe.db.get_value("Member", targets.member, "member_status") == "Full"


def test_the_committee_cannot_record_a_death(world, server, targets):
	s = _session(server, world.users.committee)
	before = fingerprint()
	r = s.post(
		f"{server}/api/method/party_care.care_visits.visits.report_event",
		data=WRITES["party_care.care_visits.visits.report_event"](targets),
		timeout=60,
	)
	assert r.status_code == 403, r.text[:300]
	assert fingerprint() == before
	assert frappe.db.get_value("Member", targets.member, "member_status") == "Full"


def test_a_secretary_records_an_event_in_his_branch_only(world, server, targets):
	s = _session(server, world.users.sec_a)
	r = s.post(
		f"{server}/api/method/party_care.care_visits.visits.report_event",
		data={"member": targets.member, "event_type": "Hospitalisation or Serious Illness"},
		timeout=60,
	)
	assert r.status_code == 403  # the member is in branch B
	s = _session(server, world.users.sec_b)
	r = s.post(
		f"{server}/api/method/party_care.care_visits.visits.report_event",
		data={"member": targets.member, "event_type": "Hospitalisation or Serious Illness"},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	frappe.db.rollback()
	event = r.json()["message"]["event"]
	frappe.delete_doc("Visit", r.json()["message"]["visit"], force=True)
	frappe.delete_doc("Member Event", event, force=True)
	frappe.db.commit()


# --- 8: the yearly cap holds under concurrency --------------------------------------------------------


@pytest.fixture(scope="module")
def two_big_applications(world, committed):
	"""Two 3,000 applications of one member in Committee Review (cap 5,000), committed."""
	frappe.set_user("Administrator")
	fund = make_fund("测试年度上限资金", opening=10000).name
	member = make_member(world.orgs.branch_a).name
	names = []
	for _ in range(2):
		name = make_application(member, fund, amount=3000, user=world.users.sec_a).name
		_to_committee(name, world)
		frappe.set_user(world.users.committee)
		doc = frappe.get_doc("Fund Application", name)
		doc.update(
			{"committee_meeting_date": today(), "committee_decision": "研究同意", "amount_approved": 3000}
		)
		doc.save()
		frappe.set_user("Administrator")
		names.append(name)
	frappe.db.commit()
	return frappe._dict(member=member, names=names)


def test_two_concurrent_approvals_cannot_pass_the_yearly_cap(world, server, two_big_applications):
	sessions = [_session(server, world.users.committee) for _ in two_big_applications.names]
	# hold the member's row so both requests are inside their transactions before either decides
	frappe.db.get_value("Member", two_big_applications.member, "name", for_update=True)
	responses = {}

	def approve(session, name):
		responses[name] = session.post(
			f"{server}/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": json.dumps({"doctype": "Fund Application", "name": name}), "action": "Approve"},
			timeout=120,
		)

	threads = [
		threading.Thread(target=approve, args=pair)
		for pair in zip(sessions, two_big_applications.names, strict=True)
	]
	for t in threads:
		t.start()
	time.sleep(3)
	frappe.db.rollback()  # release the member: now they race
	for t in threads:
		t.join(timeout=120)
	codes = sorted(r.status_code for r in responses.values())
	assert codes == [200, 417], [r.text[:300] for r in responses.values()]
	refused = next(r for r in responses.values() if r.status_code == 417)
	assert "PolicyLimitError" in refused.json()["exc_type"]
	frappe.db.rollback()
	states = sorted(
		frappe.db.get_value("Fund Application", n, "workflow_state") for n in two_big_applications.names
	)
	assert states == ["Committee Review", "Public Notice"]


# --- 11: bad input gets a translated 4xx and saves nothing -----------------------------------------


def _messages(response) -> str:
	body = response.json()
	messages = [json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages", "[]"))]
	# Frappe 16 sends a refused permission's message as `_error_message` (15: a server message)
	return " ".join([*messages, body.get("_error_message", "")])


def _count(doctype="Fund Application"):
	frappe.db.rollback()
	return frappe.db.count(doctype)


@pytest.fixture(scope="module")
def draft(world, committed):
	frappe.set_user("Administrator")
	fund = make_fund("测试输入限制资金", opening=0).name
	name = make_application(world.members.mem_a, fund, amount=500, user=world.users.mem_a).name
	frappe.db.commit()
	return frappe._dict(fund=fund, name=name)


def _new_application(draft, world, **values):
	return {
		"member": world.members.mem_a,
		"care_fund": draft.fund,
		"purpose": "Serious Illness or Disaster Relief",
		"amount_requested": 500,
		"reason": "住院治疗",
		**values,
	}


@pytest.mark.parametrize(
	"values, words",
	[
		({"amount_requested": 1e12}, "最多"),
		({"amount_requested": 4000, "purpose": "Training"}, "每次申请最多"),
		({"reason": "病" * 100_000}, "过长"),
	],
)
def test_out_of_range_input_is_refused_with_a_translated_message(world, login, draft, values, words):
	s = login(world.users.mem_a)
	before = _count()
	r = s.post(
		f"{s.base_url}/api/resource/Fund Application",
		json={**_new_application(draft, world, **values), **ZH},
		timeout=60,
	)
	assert r.status_code == 417, r.text[:300]
	assert words in _messages(r), _messages(r)
	assert _count() == before


def test_an_edit_out_of_range_saves_nothing(world, login, draft):
	s = login(world.users.mem_a)
	url = f"{s.base_url}/api/resource/Fund Application/{draft.name}"
	for values in ({"amount_requested": 1e12}, {"reason": "x" * 100_000}):
		r = s.put(url, json={**values, **ZH}, timeout=60)
		assert r.status_code == 417, r.text[:300]
	frappe.db.rollback()
	assert frappe.db.get_value("Fund Application", draft.name, ["amount_requested", "reason"]) == (
		500,
		"住院治疗，家庭负担较重",
	)


def test_malformed_json_body_is_a_400(world, login, draft):
	s = login(world.users.mem_a)
	before = _count()
	for method in (s.post, s.put):
		url = f"{s.base_url}/api/resource/Fund Application" + (f"/{draft.name}" if method == s.put else "")
		r = method(
			url,
			data='{"member": "x", "amount_requested": ',
			timeout=60,
			headers={"Content-Type": "application/json", "Accept-Language": "zh-CN"},
		)
		assert r.status_code == 400, r.text[:300]
		assert "不是有效的JSON" in _messages(r)
	assert _count() == before


@pytest.mark.parametrize(
	"call",
	[
		(
			"post",
			"/api/method/frappe.model.workflow.apply_workflow",
			{"doc": '{"doctype": "Fund Application", "name": ', "action": "Submit"},
		),
		(
			"post",
			"/api/method/frappe.model.workflow.apply_workflow",
			{"doc": "Fund Application", "action": "Submit"},
		),
		("get", "/api/resource/Fund Application", {"filters": '[["member", "=", '}),
		("get", "/api/resource/Fund Application", {"filters": "member"}),
		(
			"get",
			"/api/method/frappe.client.get_list",
			{"doctype": "Fund Application", "filters": "{'member': 1"},
		),
		("get", "/api/method/frappe.client.get_count", {"doctype": "Fund Application", "filters": "[[]"}),
		(
			"get",
			"/api/method/frappe.desk.reportview.get",
			{"doctype": "Fund Application", "fields": '["name"', "filters": "[]"},
		),
	],
)
def test_malformed_json_arguments_are_refused(world, login, draft, call):
	s = login(world.users.sec_a)
	method, path, args = call
	before = frappe.db.get_value("Fund Application", draft.name, "workflow_state")
	send = {"params": {**args, **ZH}} if method == "get" else {"data": {**args, **ZH}}
	r = getattr(s, method)(s.base_url + path, timeout=60, **send)
	assert r.status_code == 417, r.text[:300]
	assert "不是有效的JSON" in _messages(r)
	frappe.db.rollback()
	assert frappe.db.get_value("Fund Application", draft.name, "workflow_state") == before


def test_a_document_name_still_works_as_get_value_filters(world, login, draft):
	s = login(world.users.mem_a)
	r = s.get(
		f"{s.base_url}/api/method/frappe.client.get_value",
		timeout=60,
		params={"doctype": "Fund Application", "filters": draft.name, "fieldname": "amount_requested"},
	)
	assert r.status_code == 200 and r.json()["message"]["amount_requested"] == 500


def _doc_cases():
	base = {"purpose": "Training", "amount_requested": 100, "reason": "培训"}
	return [
		("bad date", {**base, "application_date": "2026-13-45"}),
		("not a date", {**base, "application_date": "明天"}),
		("NaN", {**base, "amount_requested": "NaN"}),
		("object for a text", {**base, "reason": {"a": 1}}),
		("list for an amount", {**base, "amount_requested": [1]}),
		("no member", {**base, "member": None}),
		("unknown member", {**base, "member": "PM-NOPE"}),
	]


@pytest.mark.parametrize("case, values", _doc_cases(), ids=[c for c, _v in _doc_cases()])
def test_malformed_document_values_are_a_4xx(world, login, draft, case, values):
	s = login(world.users.sec_a)
	before = _count()
	body = {"member": world.members.mem_a, "care_fund": draft.fund, **values, **ZH}
	r = s.post(f"{s.base_url}/api/resource/Fund Application", json=body, timeout=60)
	assert r.status_code == 417, (case, r.status_code, r.text[:300])
	assert any("\u4e00" <= ch <= "\u9fff" for ch in _messages(r)), _messages(r)  # a Chinese message
	assert _count() == before


@pytest.mark.parametrize(
	"call",
	[
		(
			"post",
			"/api/resource/Hardship Case",
			{"hardship_type": "Illness", "hardship_level": "General", "family_members": "儿子"},
		),
		(
			"post",
			"/api/resource/Hardship Case",
			{"hardship_type": "Illness", "hardship_level": "General", "family_members": ["儿子"]},
		),
		(
			"get",
			"/api/method/frappe.client.get_count",
			{"doctype": "Fund Application", "filters": '{"no_such_field": 1}'},
		),
		(
			"get",
			"/api/method/frappe.client.get_list",
			{"doctype": "Fund Application", "filters": '[["Fund Application", "no_such_field", "=", 1]]'},
		),
		("post", "/api/method/party_care.care_fund.notice.raise_objection", {"application": "FA-NOPE"}),
		(
			"post",
			"/api/method/party_care.honours.eligibility.create_nominations",
			{"award_type": "Excellent Party Member", "year": Y, "members": "[PM-1"},
		),
		("get", "/api/resource/Fund Application", {"fields": "name"}),
		("get", "/api/resource/Fund Application", {"order_by": "no_such_field desc"}),
		("get", "/api/resource/Fund Application", {"limit_start": -5}),
		(
			"get",
			"/api/method/frappe.desk.listview.get_group_by_count",
			{"doctype": "Fund Application", "current_filters": "{}", "field": "no_such_field"},
		),
		("post", "/api/method/frappe.model.workflow.apply_workflow", {"doc": "[1, 2]", "action": "Submit"}),
		(
			"post",
			"/api/method/frappe.model.workflow.apply_workflow",
			{"doc": '{"name": "FA-1"}', "action": "Submit"},
		),
	],
	ids=[
		"table not a list",
		"rows not objects",
		"count on unknown field",
		"list on unknown field",
		"missing argument",
		"members not JSON",
		"list fields not JSON",
		"order by unknown field",
		"negative start",
		"group by unknown field",
		"doc not an object",
		"doc without doctype",
	],
)
def test_malformed_requests_are_a_4xx(world, login, call):
	s = login(world.users.sec_a)
	method, path, args = call
	before = _count("Hardship Case"), _count("Commendation")
	if method == "get":
		r = s.get(s.base_url + path, params={**args, **ZH}, timeout=60)
	elif path.startswith("/api/resource/"):
		r = s.post(s.base_url + path, json={"member": world.members.other_a, **args, **ZH}, timeout=60)
	else:
		r = s.post(s.base_url + path, data={**args, **ZH}, timeout=60)
	assert r.status_code == 417, r.text[:300]
	assert any("\u4e00" <= ch <= "\u9fff" for ch in _messages(r)), _messages(r)
	assert (_count("Hardship Case"), _count("Commendation")) == before


def test_a_list_body_is_a_4xx(world, login):
	s = login(world.users.sec_a)
	before = _count()
	r = s.post(f"{s.base_url}/api/resource/Fund Application", json=[1, 2], timeout=60)
	assert r.status_code == 417, r.text[:300]
	assert _count() == before


@pytest.mark.skipif(not V16, reason="Frappe 15 has no prepared_report.enqueue_json_to_csv_conversion")
def test_only_who_may_read_a_prepared_report_has_its_csv_made(world, server):
	"""Frappe 16 queues a prepared report's CSV for any logged-in user (a File and a notification
	for him); the app asks read on the prepared report first, as opening it does."""
	method = f"{server}/api/method/frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion"
	report = frappe.new_doc("Prepared Report")
	report.update({"report_name": "Fund Payments", "status": "Completed", "filters": "{}"})
	report.db_insert()
	frappe.db.commit()
	try:
		r = _session(server, world.users.mem_a).post(
			method, data={"prepared_report_name": report.name}, timeout=60
		)
		assert r.status_code == 403, r.text[:300]
		r = _session(server, world.users.mem_a).post(
			method, data={"prepared_report_name": "不存在的报表"}, timeout=60
		)
		assert r.status_code == 404, r.text[:300]
		r = _session(server, world.users.mem_a).post(method, data={"prepared_report_name": ""}, timeout=60)
		assert r.status_code == 417, r.text[:300]
		r = _session(server, email("sysadmin")).post(  # the roles of Prepared Report: System Manager …
			method, data={"prepared_report_name": report.name}, timeout=60
		)
		assert r.status_code == 200, r.text[:300]
	finally:
		frappe.db.delete("Prepared Report", {"name": report.name})
		frappe.db.commit()
