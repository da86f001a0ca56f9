"""Side doors with two committees (issue 22): every role of committee 1 (officer, committee member,
auditor, secretary, member) asking for committee 2's records — through the generic list, get, count,
report view, search and export endpoints, the app's methods and its reports — gets nothing; the
upper committee's people reach them (the canary: the probes can see what they should)."""

import json

import frappe
import pytest
from frappe.utils import getdate, today

from tests.support.factories import insert, make_application, make_fund, make_member
from tests.support.http import apply_workflow, call, shown
from tests.support.routes import branch_values, end_notice, fund_act
from tests.support.world import build_committees

TAG = "SDC2"
PERSON = "乙党委侧门人员"
FUND = "乙党委侧门资金"
COMMITTEE_1 = ("c1_officer", "c1_committee", "c1_auditor", "c1_sec", "c1_mem")
UPPER = ("up_officer", "up_committee", "up_auditor")
DOCTYPES = (
	"Member",
	"Hardship Case",
	"Visit",
	"Member Event",
	"Fund Application",
	"Care Fund",
	"Fund Ledger Entry",
	"Dues Share",
	"Committee Rules",
)
REPORTS = (
	"Fund Movements",
	"Fund Payments",
	"Hardship Register",
	"Care Coverage",
	"Annual Care Assessment",
	"Overdue Visits",
)


def marker(kind):
	return f"{TAG}-{kind}-5813"


@pytest.fixture(scope="module")
def two(committed):
	return build_committees(committed)


def approve_in_c2(two, name, amount):
	"""Committee 2's route of an application its branch secretary made, up to the committee's
	approval of `amount` (its public notice starts)."""
	fund_act(name, "Submit", two.users.c2_sec)
	fund_act(name, "Pass Branch Review", two.users.c2_sec, **branch_values())
	fund_act(name, "Accept", two.users.c2_officer, department_opinion="属实")
	fund_act(
		name,
		"Approve",
		two.users.c2_committee,
		committee_meeting_date=today(),
		committee_decision="同意",
		amount_approved=amount,
	)


@pytest.fixture(scope="module")
def planted(two):
	"""Committee 2's records: a member with a case, a visit and an event; its fund, a paid
	application and one on notice."""
	frappe.set_user("Administrator")
	person = make_member(two.orgs.b2, full_name=PERSON).name
	records = {"Member": person}
	records["Hardship Case"] = insert(
		"Hardship Case",
		member=person,
		hardship_type="Illness",
		hardship_level="Urgent",
		situation=marker("SITU"),
	)
	records["Visit"] = insert(
		"Visit",
		member=person,
		visit_reason="Routine Visit",
		due_date=today(),
		place=marker("PLAC"),
	)
	records["Member Event"] = insert(
		"Member Event",
		member=person,
		event_type="Serious Setback",
		event_date=today(),
		details=marker("DETL"),
	)
	records["Care Fund"] = make_fund(FUND, 5000, committee=two.orgs.c2).name
	records["Committee Rules"] = insert(
		"Committee Rules",
		committee=two.orgs.c2,
		notice_days=9,
		purpose_limits=[{"purpose": "Training", "max_amount": 1234}],
	)
	paid = make_application(person, FUND, amount=700, user=two.users.c2_sec, reason=marker("REAS")).name
	approve_in_c2(two, paid, 700)
	end_notice("Fund Application", paid)
	fund_act(paid, "Close Notice", two.users.c2_officer)
	fund_act(paid, "Pay", two.users.c2_officer, payment_method="Signed Receipt")
	records["Fund Application"] = paid
	records["Fund Ledger Entry"] = frappe.db.get_value("Fund Application", paid, "ledger_entry")
	noticed = make_application(person, FUND, amount=300, user=two.users.c2_sec, reason=marker("NOTC")).name
	approve_in_c2(two, noticed, 300)
	frappe.set_user(two.users.c2_officer)
	try:
		share = frappe.get_doc(
			doctype="Dues Share",
			party_organization=two.orgs.b2,
			care_fund=FUND,
			year=getdate(today()).year,
			frequency="Yearly",
			dues_collected=8000,
			remarks=marker("DUES"),
		).insert()
		share.submit()
	finally:
		frappe.set_user("Administrator")
	records["Dues Share"] = share.name
	frappe.db.commit()
	return frappe._dict(
		records=records, noticed=noticed, share=share.name, secrets=[PERSON, FUND, paid, noticed, TAG]
	)


@pytest.fixture(scope="module")
def sessions(two, planted, login):
	return {key: login(two.users[key]) for key in (*COMMITTEE_1, *UPPER, "c2_officer")}


def requests_for(doctype, name):
	"""(label, method, params): the generic endpoints a reader could ask for one DocType's rows."""
	return [
		("get_list", "frappe.client.get_list", dict(doctype=doctype, fields=["name"], limit_page_length=0)),
		("get_count", "frappe.client.get_count", dict(doctype=doctype, filters={"name": name})),
		(
			"get_value",
			"frappe.client.get_value",
			dict(doctype=doctype, fieldname="name", filters={"name": name}),
		),
		("get", "frappe.client.get", dict(doctype=doctype, name=name)),
		(
			"reportview.get",
			"frappe.desk.reportview.get",
			dict(doctype=doctype, fields=[f"`tab{doctype}`.`name`"], filters=[], page_length=500),
		),
		(
			"reportview.get_count",
			"frappe.desk.reportview.get_count",
			dict(doctype=doctype, filters=[[doctype, "name", "=", name]]),
		),
		(
			"export_query",
			"frappe.desk.reportview.export_query",
			dict(
				doctype=doctype,
				file_format_type="CSV",
				fields=[f"`tab{doctype}`.`name`"],
				title=doctype,
				filters=[],
			),
		),
		("search_link", "frappe.desk.search.search_link", dict(doctype=doctype, txt=name, page_length=500)),
		("getdoc", "frappe.desk.form.load.getdoc", dict(doctype=doctype, name=name)),
	]


def leaks(response, secrets, asked=None):
	"""The secrets a response carries (raw or JSON-escaped), or a count that finds the record. A
	refusal may name the record the client itself asked for (Frappe's 403 does), nothing else."""
	body = response.text
	if response.status_code == 200 and '"message":' in body:
		try:
			message = response.json().get("message")
		except ValueError:
			message = None
		if isinstance(message, int) and message:  # a count that finds the record
			return [f"count {message}"]
	secrets = [s for s in secrets if s and not (response.status_code == 403 and s == asked)]
	return [s for s in secrets if s in body or json.dumps(s)[1:-1] in body]


def test_committee_1_reads_nothing_of_committee_2_through_the_generic_endpoints(sessions, planted):
	problems = []
	for key in COMMITTEE_1:
		s = sessions[key]
		for doctype in DOCTYPES:
			name = planted.records[doctype]
			for label, method, params in requests_for(doctype, name):
				r = call(s, method, **params)
				if r.status_code >= 500 or (found := leaks(r, [*planted.secrets, name], asked=name)):
					problems.append(
						f"{key} {doctype} {label}: {r.status_code} {found if r.status_code < 500 else r.text[:200]}"
					)
			r = s.get(f"{s.base_url}/api/resource/{doctype}", params={"limit_page_length": 0}, timeout=120)
			if leaks(r, [name]):
				problems.append(f"{key} {doctype} /api/resource list")
			r = s.get(f"{s.base_url}/api/resource/{doctype}/{name}", timeout=120)
			if r.status_code not in (403, 404) or leaks(r, planted.secrets, asked=name):
				problems.append(f"{key} {doctype} /api/resource get: {r.status_code}")
	assert not problems, "\n".join(problems)


def test_committee_1_reads_nothing_of_committee_2_through_the_apps_methods_and_reports(sessions, planted):
	problems = []
	for key in COMMITTEE_1:
		s = sessions[key]
		for report in REPORTS:
			r = call(s, "frappe.desk.query_report.run", report_name=report, filters={})
			if r.status_code >= 500 or leaks(r, planted.secrets):
				problems.append(f"{key} report {report}: {r.status_code} {leaks(r, planted.secrets)}")
		for method, params in (  # GET-only methods
			("party_care.care_fund.notice.get_notices", {}),
			("party_care.honours.notice.get_notices", {}),
			("party_care.care_batches.care_record.get_care_record", {"member": planted.records["Member"]}),
		):
			r = s.get(f"{s.base_url}/api/method/{method}", params=params, timeout=120)
			if r.status_code >= 500 or leaks(r, planted.secrets):
				problems.append(f"{key} {method}: {r.status_code} {leaks(r, planted.secrets)}")
	assert not problems, "\n".join(problems)


def test_committee_1_writes_none_of_committee_2s_rules(two, sessions, planted):
	"""Committee Rules are written by the committee's own officers only: committee 1's officer (and
	the work committee's, who binds them by fixed maxima instead) change, create and delete nothing
	of committee 2's rules through the generic endpoints."""
	name = planted.records["Committee Rules"]
	for key in ("c1_officer", "up_officer"):
		s = sessions[key]
		for method, params in (
			(
				"frappe.client.set_value",
				dict(doctype="Committee Rules", name=name, fieldname="notice_days", value=1),
			),
			("frappe.client.delete", dict(doctype="Committee Rules", name=name)),
			(
				"frappe.client.insert",
				dict(
					doc=json.dumps({"doctype": "Committee Rules", "committee": two.orgs.c2, "notice_days": 1})
				),
			),
		):
			r = call(s, method, **params)
			assert r.status_code == 403, (key, method, r.status_code, r.text[:300])
		r = s.put(f"{s.base_url}/api/resource/Committee Rules/{name}", json={"notice_days": 1}, timeout=120)
		assert r.status_code == 403, (key, r.status_code, r.text[:300])
	assert frappe.db.get_value("Committee Rules", name, "notice_days") == 9
	# his own committee's rules he writes
	s = sessions["c1_officer"]
	r = call(
		s,
		"frappe.client.insert",
		doc=json.dumps({"doctype": "Committee Rules", "committee": two.orgs.c1, "notice_days": 8}),
	)
	assert r.status_code == 200, r.text[:300]
	r = call(
		s,
		"frappe.client.insert",
		doc=json.dumps({"doctype": "Committee Rules", "committee": two.orgs.b1, "notice_days": 8}),
	)
	assert r.status_code in (403, 417), r.text[:300]  # a branch has no rules


@pytest.mark.parametrize("key", ["c1_officer", "c1_committee", "c1_auditor"])
def test_committee_1_acts_on_no_step_of_committee_2(sessions, planted, key):
	"""Uphold, close, return: refused with a 403 and nothing changes."""
	for action in ("Close Notice", "Uphold Objection"):
		r = apply_workflow(sessions[key], "Fund Application", planted.noticed, action)
		assert r.status_code == 403, (action, r.status_code, r.text[:300])
	r = call(
		sessions[key],
		"frappe.client.set_value",
		doctype="Care Fund",
		name=planted.records["Care Fund"],
		fieldname="description",
		value="x",
	)
	assert r.status_code == 403, r.text[:300]
	assert frappe.db.get_value("Fund Application", planted.noticed, "workflow_state") == "Public Notice"


def test_a_committee_that_reads_an_application_but_does_not_own_its_fund_is_refused(two, sessions, planted):
	"""Committee 2's officer reads an application of his member to the upper fund, but its steps are the
	upper committee's: a 403 with the app's translated message."""
	frappe.set_user("Administrator")
	upper_fund = make_fund("工委侧门资金", 3000, committee=two.orgs.upper).name
	name = make_application(two.members.c2_mem, upper_fund, amount=200, user=two.users.c2_sec).name
	fund_act(name, "Submit", two.users.c2_sec)
	fund_act(name, "Pass Branch Review", two.users.c2_sec, **branch_values())
	frappe.db.commit()
	s = sessions["c2_officer"]
	r = s.put(
		f"{s.base_url}/api/resource/Fund Application/{name}",
		json={"department_opinion": "情况属实"},
		timeout=120,
	)
	assert r.status_code == 403, r.text[:300]
	# the committee's own refusal (in the user's language; test_translations checks zh.csv carries it)
	assert "belongs to committee" in shown(r) or "只有该党委" in shown(r), r.text[:500]
	r = apply_workflow(s, "Fund Application", name, "Accept")
	assert r.status_code in (403, 417), r.text[:300]
	assert frappe.db.get_value("Fund Application", name, "workflow_state") == "Department Review"


def test_the_upper_committee_reaches_committee_2(sessions, planted):
	"""The canary: the same probes find the records for the upper committee's people."""
	for key in UPPER:
		s = sessions[key]
		r = call(
			s, "frappe.client.get_list", doctype="Fund Application", fields=["name"], limit_page_length=0
		)
		assert planted.records["Fund Application"] in r.text, (key, r.text[:300])
		r = call(s, "frappe.client.get", doctype="Member", name=planted.records["Member"])
		assert r.status_code == 200 and PERSON in shown(r), (key, r.status_code)
		r = call(s, "frappe.desk.query_report.run", report_name="Fund Movements", filters={})
		assert FUND in shown(r), (key, r.text[:300])
		r = s.get(f"{s.base_url}/api/method/party_care.care_fund.notice.get_notices", timeout=120)
		assert planted.noticed in r.text, (key, r.text[:300])
		r = call(s, "frappe.client.get", doctype="Committee Rules", name=planted.records["Committee Rules"])
		assert r.status_code == 200 and "1234" in r.text, (key, r.status_code)


def test_dues_shares_over_rest_once_and_by_the_receiving_committee_only(two, sessions, planted):
	"""Committee 1's officer records no share to committee 2's fund (403); committee 2's officer
	records a unit's share of a period once (the second: 409, nothing posted twice); the upper
	committee reads it."""
	body = dict(
		party_organization=two.orgs.b2,
		care_fund=FUND,
		year=getdate(today()).year,
		frequency="Yearly",
		dues_collected=5000,
		docstatus=1,
	)
	s = sessions["c1_officer"]
	r = s.post(f"{s.base_url}/api/resource/Dues Share", json=body, timeout=120)
	assert r.status_code == 403, r.text[:300]
	s = sessions["c2_officer"]
	r = s.post(f"{s.base_url}/api/resource/Dues Share", json=body, timeout=120)
	assert r.status_code == 409, r.text[:300]
	assert (
		frappe.db.count(
			"Fund Ledger Entry", {"reference_doctype": "Dues Share", "care_fund": FUND, "docstatus": 1}
		)
		== 1
	)
	for key in UPPER:
		r = call(sessions[key], "frappe.client.get", doctype="Dues Share", name=planted.share)
		assert r.status_code == 200 and marker("DUES") in shown(r), (key, r.status_code)


def test_the_read_log_is_read_within_the_tree(two, sessions, planted):
	"""Committee 2's officer reads his committee's hardship case: the log names the case's branch;
	committee 1's auditor finds no row of it (list, get, count, the Sensitive Reads report) — who
	read which case of a sister institution is no business of his — and the upper auditor does."""
	case = planted.records["Hardship Case"]
	r = call(sessions["c2_officer"], "frappe.client.get", doctype="Hardship Case", name=case)
	assert r.status_code == 200 and marker("SITU") in shown(r), r.text[:300]
	frappe.db.rollback()  # read what the served site committed
	rows = frappe.get_all(
		"Sensitive Read Log",
		filters={"reference_name": case, "user": two.users.c2_officer},
		fields=["name", "party_organization"],
	)
	assert rows and {row.party_organization for row in rows} == {two.orgs.b2}, rows
	row = rows[0].name
	auditor = sessions["c1_auditor"]
	r = call(
		auditor,
		"frappe.client.get_list",
		doctype="Sensitive Read Log",
		fields=["name", "reference_name"],
		limit_page_length=0,
	)
	assert r.status_code == 200 and case not in r.text and row not in r.text, r.text[:300]
	r = call(
		auditor, "frappe.client.get_count", doctype="Sensitive Read Log", filters={"reference_name": case}
	)
	assert r.status_code == 200 and r.json()["message"] == 0, r.text[:300]
	r = auditor.get(f"{auditor.base_url}/api/resource/Sensitive Read Log/{row}", timeout=120)
	assert r.status_code == 403, r.status_code
	r = call(auditor, "frappe.desk.query_report.run", report_name="Sensitive Reads", filters={})
	assert r.status_code == 200 and case not in r.text, r.text[:300]
	upper = sessions["up_auditor"]
	r = call(upper, "frappe.desk.query_report.run", report_name="Sensitive Reads", filters={})
	assert r.status_code == 200 and case in r.text, r.text[:300]
	r = upper.get(f"{upper.base_url}/api/resource/Sensitive Read Log/{row}", timeout=120)
	assert r.status_code == 200, r.status_code
