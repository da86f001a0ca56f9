"""The incentive side over HTTP, as the real users: grades and rectification notes reach the
secretaries of the organisation's subtree, the committee and the officers — not the secretary of
another branch, not a member, not the auditor; the secretary reports back through REST; the member's
own page shows his activities, pioneer post and volunteer hours."""

import json

import frappe
import pytest
from frappe.utils import getdate, today

from tests.support.factories import make_member
from tests.support.http import error_text, shown
from tests.support.incentive import make_round, open_assessments, score, to_published

YEAR = getdate(today()).year - 7  # committed: a year of its own
OPINION = "HTTP测试党委评议意见乙-7731"  # branch B's; branch A's is its own (its secretary reads it)
OPINION_A = "HTTP测试党委评议意见甲-7731"
ISSUES = "HTTP测试整改问题-7731"


@pytest.fixture(scope="module")
def published(world, committed):
	"""Branch A's and branch B's assessments of a committed round, both published 较差 (rectification)."""
	frappe.set_user("Administrator")
	round_doc = committed.add(make_round(world, year=YEAR))
	assessments = open_assessments(world, round_doc.name)
	out = frappe._dict(round=round_doc.name)
	for org in (world.orgs.branch_a, world.orgs.branch_b, world.orgs.general_branch):
		committed.made.append(("Party Building Assessment", assessments[org]))
	for key, org in (("a", world.orgs.branch_a), ("b", world.orgs.branch_b)):
		name = assessments[org]
		score(name, world.users.officer, 40)
		doc = to_published(world, name, grade="较差", issues=ISSUES)
		frappe.db.set_value(
			"Party Building Assessment", name, "committee_opinion", OPINION if key == "b" else OPINION_A
		)
		committed.made.append(("Visit", doc.reminder_talk))
		committed.made.append(("Party Building Rectification", doc.rectification))
		out[key] = frappe._dict(name=name, rectification=doc.rectification, talk=doc.reminder_talk)
	frappe.db.commit()
	return out


def get(session, doctype, name):
	return session.get(f"{session.base_url}/api/resource/{doctype}/{name}", timeout=60)


def listing(session, doctype, **params):
	params = {k: json.dumps(v) for k, v in params.items()}
	return session.get(
		f"{session.base_url}/api/resource/{doctype}", params={"fields": '["*"]', **params}, timeout=60
	)


def test_the_secretary_concerned_reads_his_grade(world, login, published):
	r = get(login(world.users.sec_b), "Party Building Assessment", published.b.name)
	assert r.status_code == 200, r.text[:300]
	data = r.json()["data"]
	assert data["grade"] == "较差" and data["committee_opinion"] == OPINION and data["scores"]


def test_the_general_branch_secretary_reads_the_grades_under_him(world, login, published):
	r = get(login(world.users.gb_sec), "Party Building Assessment", published.a.name)
	assert r.status_code == 200 and r.json()["data"]["grade"] == "较差"


@pytest.mark.parametrize("who", ["sec_a", "mem_a", "mem_b"])
def test_others_cannot_read_branch_bs_grade(world, login, published, who):
	s = login(world.users[who])
	r = get(s, "Party Building Assessment", published.b.name)
	assert r.status_code == 403, r.text[:300]
	r = listing(s, "Party Building Assessment")
	assert OPINION not in shown(r) and published.b.name not in shown(r)
	r = get(s, "Party Building Rectification", published.b.rectification)
	assert r.status_code == 403 and ISSUES not in shown(r)


def test_the_committee_and_the_officers_read_every_grade(world, login, published):
	for who in ("committee", "officer"):
		r = listing(
			login(world.users[who]),
			"Party Building Assessment",
			filters=[["assessment_round", "=", published.round]],
		)
		assert r.status_code == 200
		grades = {row["party_organization"]: row.get("grade") for row in r.json()["data"]}
		assert grades[world.orgs.branch_a] == grades[world.orgs.branch_b] == "较差"
		r = get(login(world.users[who]), "Party Building Rectification", published.b.rectification)
		assert r.status_code == 200 and r.json()["data"]["issues"] == ISSUES


def test_the_auditor_sees_the_assessment_but_not_its_grade(world, login, published):
	s = login(world.users.auditor)
	r = get(s, "Party Building Assessment", published.b.name)
	assert r.status_code == 200
	data = r.json()["data"]
	assert data["workflow_state"] == "Published"
	assert (
		not data.get("grade")
		and not data.get("scores")
		and not data.get("total_score")
		and OPINION not in shown(r)
	)
	assert get(s, "Party Building Rectification", published.b.rectification).status_code == 403
	r = s.post(
		f"{s.base_url}/api/method/frappe.client.get_count",
		data={"doctype": "Party Building Assessment", "filters": json.dumps([["grade", "=", "较差"]])},
		timeout=60,
	)
	assert r.status_code == 403  # no count by grade either


def test_the_assessment_table_is_scoped_and_shows_grades_to_who_reads_them(world, login, published):
	def run(who):
		s = login(world.users[who])
		r = s.get(
			f"{s.base_url}/api/method/frappe.desk.query_report.run",
			params={
				"report_name": "Party Building Assessment Table",
				"filters": json.dumps({"assessment_round": published.round}),
			},
			timeout=60,
		)
		return r

	rows = {
		row["party_organization"]: row
		for row in run("sec_a").json()["message"]["result"]
		if isinstance(row, dict)
	}
	assert world.orgs.branch_a in rows and world.orgs.branch_b not in rows
	assert rows[world.orgs.branch_a]["grade"] == "较差"
	rows = {
		row["party_organization"]: row
		for row in run("committee").json()["message"]["result"]
		if isinstance(row, dict)
	}
	assert {world.orgs.branch_a, world.orgs.branch_b} <= set(rows)
	assert run("auditor").status_code == 403  # not a report for the auditor
	assert run("mem_a").status_code == 403


def test_the_secretary_reports_back_over_rest_and_cannot_close(world, login, published, committed):
	s = login(world.users.sec_a)
	url = f"{s.base_url}/api/resource/Party Building Rectification/{published.a.rectification}"
	r = s.put(
		url,
		json={"status": "Reported", "rectification_report": "已补齐“三会一课”记录，建立月度组织生活制度"},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	r = s.put(url, json={"status": "Closed", "closing_opinion": "自行销号", "_lang": "zh"}, timeout=60)
	assert r.status_code == 403, r.text[:300]  # his own: refused (SelfApprovalError), in Chinese
	assert "不能为本人的整改事项销号" in error_text(r)
	r = login(world.users.committee).put(
		url, json={"status": "Closed", "closing_opinion": "整改到位，同意销号"}, timeout=60
	)
	assert r.status_code == 200, r.text[:300]
	frappe.db.rollback()
	assert (
		frappe.db.get_value("Party Building Rectification", published.a.rectification, "status") == "Closed"
	)


def test_the_reminder_talk_is_held_by_the_level_above(world, published):
	"""The talk is about the secretary; it goes on the to-do list of the general branch's secretary."""
	frappe.db.rollback()
	talk = frappe.db.get_value("Visit", published.a.talk, ["member", "visit_type", "status"], as_dict=True)
	assert (talk.member, talk.visit_type, talk.status) == (world.members.sec_a, "Talk", "Planned")


# --- the member's own page ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_records(world, committed):
	frappe.set_user("Administrator")
	fellow = committed.add(make_member(world.orgs.branch_a, full_name="孙立新"))
	activity = committed.insert(
		frappe.get_doc(
			doctype="Party Activity",
			title="七一主题党日重温入党誓词",
			activity_type="Themed Party Day",
			party_organization=world.orgs.branch_a,
			activity_date=today(),
			content="重温入党誓词，开展志愿服务",
			participants=[{"member": world.members.mem_a, "hours": 2.5}, {"member": fellow.name, "hours": 2}],
		)
	)
	other = committed.insert(
		frappe.get_doc(
			doctype="Party Activity",
			title="支部书记讲党课",
			activity_type="Party Organization Day",
			party_organization=world.orgs.branch_a,
			activity_date=today(),
			content="书记讲党课",
			participants=[{"member": fellow.name, "hours": 1}],
		)
	)
	post = committed.insert(
		frappe.get_doc(
			doctype="Pioneer Post",
			member=world.members.mem_a,
			post_name="便民服务先锋岗",
			from_date=today(),
			pledge="办事不过夜",
		)
	)
	service = committed.insert(
		frappe.get_doc(
			doctype="Volunteer Service",
			member=world.members.mem_a,
			service_date=today(),
			hours=4,
			service="为独居老党员代购药品",
			place="幸福社区",
		)
	)
	frappe.db.commit()
	return frappe._dict(activity=activity.name, other=other.name, post=post.name, service=service.name)


def test_the_member_sees_his_activities_post_and_hours(world, login, own_records):
	s = login(world.users.mem_a)
	r = s.get(f"{s.base_url}/my-care", timeout=60)
	assert r.status_code == 200
	assert "七一主题党日重温入党誓词" in r.text and "2.5" in r.text
	assert "便民服务先锋岗" in r.text
	assert "为独居老党员代购药品" in r.text
	assert "支部书记讲党课" not in shown(r)  # he was not there


def test_the_member_reads_only_his_own_records_over_rest(world, login, own_records):
	s = login(world.users.mem_a)
	assert get(s, "Party Activity", own_records.activity).status_code == 200
	assert get(s, "Party Activity", own_records.other).status_code == 403
	names = [row["name"] for row in listing(s, "Party Activity").json()["data"]]
	assert own_records.activity in names and own_records.other not in names
	assert [row["name"] for row in listing(s, "Volunteer Service").json()["data"]] == [own_records.service]
	# a fellow member of his group reads none of it
	r = get(login(world.users.mem_b), "Pioneer Post", own_records.post)
	assert r.status_code == 403


def test_a_member_cannot_record_his_own_hours(world, login):
	s = login(world.users.mem_a)
	r = s.post(
		f"{s.base_url}/api/resource/Volunteer Service",
		json={"member": world.members.mem_a, "service_date": today(), "hours": 8, "service": "自报"},
		timeout=60,
	)
	assert r.status_code == 403
