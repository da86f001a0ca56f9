"""Holiday batches over HTTP: each role through REST, the bank list, and a batch paid while an
application pays from the same fund through two gunicorn workers at once."""

import json
import threading
import time

import frappe
import pytest
from frappe.utils import today

from party_care.care_fund import ledger
from tests.support.factories import make_application, make_fund
from tests.support.http import apply_workflow, fresh_session, shown
from tests.support.routes import (
	NOTICE_FIELDS,
	batch_ready_to_pay,
	fund_ready_to_pay,
	make_batch,
	martyr_family,
)

YEAR = frappe.utils.getdate().year
METHODS = "/api/method/party_care.care_batches.batches"


@pytest.fixture(scope="module")
def batches(world, committed):
	"""Committed so the server sees them (and removed at the module's end): a fund of 1500, a batch of two 500-yuan lines drawn up in
	Draft, another approved (1000), and an approved 600-yuan application on the same fund."""
	frappe.set_user("Administrator")
	fund = make_fund("测试批次并发资金", opening=1500).name
	standard = "测试HTTP慰问标准"
	if not frappe.db.exists("Care Standard", standard):
		frappe.get_doc(
			doctype="Care Standard",
			standard_name=standard,
			rows=[{"category": "Duty Martyr Family", "label": "烈属", "amount": 500}],
		).insert()
	a = martyr_family(world.orgs.branch_a, full_name="并发烈属甲")
	b = martyr_family(world.orgs.branch_b, full_name="并发烈属乙")
	approved = make_batch(world, fund, occasion="July 1", standard=standard)
	batch_ready_to_pay(approved, world)

	twice = make_batch(
		world, make_fund("测试批次重复资金", opening=1000).name, occasion="New Year", standard=standard
	)
	batch_ready_to_pay(twice, world, payment_method="Real-name Bank Card")

	application = make_application(world.members.other_b, fund, amount=600, user=world.users.sec_b).name
	fund_ready_to_pay(application, world, 600, world.users.sec_b)
	frappe.db.commit()
	return frappe._dict(
		fund=fund, standard=standard, approved=approved, twice=twice, application=application, a=a, b=b
	)


def _set(session, base, name, **values):
	return session.put(f"{base}/api/resource/Care Payment Batch/{name}", json=values, timeout=30)


def test_route_over_rest_with_each_role(world, login, batches):
	officer, sec_a, sec_b, committee, mem_a, auditor = (
		login(world.users[k]) for k in ("officer", "sec_a", "sec_b", "committee", "mem_a", "auditor")
	)
	base = officer.base_url
	r = officer.post(
		f"{base}/api/resource/Care Payment Batch",
		json={
			"title": "REST 春节慰问",
			"occasion": "Spring Festival",
			"year": YEAR,
			"party_organization": world.orgs.committee,
			"care_fund": batches.fund,
			"care_standard": batches.standard,
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	name = r.json()["data"]["name"]
	try:
		# the secretary cannot draw up, nor create batches
		assert sec_a.post(f"{base}{METHODS}.make_lines", json={"batch": name}, timeout=30).status_code == 403
		r = officer.post(f"{base}{METHODS}.make_lines", json={"batch": name}, timeout=60)
		assert r.status_code == 200 and r.json()["message"]["added"] == 2, r.text[:300]
		assert apply_workflow(sec_a, "Care Payment Batch", name, "Submit").status_code in (403, 417)
		assert apply_workflow(officer, "Care Payment Batch", name, "Submit").status_code == 200

		# a member reads neither the batch nor its lines
		assert mem_a.get(f"{base}/api/resource/Care Payment Batch/{name}", timeout=30).status_code == 403
		assert mem_a.get(f"{base}/api/resource/Care Payment Line", timeout=30).status_code == 403
		# each secretary sees and confirms his own branch's line only
		lines_b = sec_b.get(
			f"{base}/api/resource/Care Payment Line",
			params={"filters": json.dumps({"batch": name}), "fields": json.dumps(["name", "member"])},
			timeout=30,
		).json()["data"]
		assert [row["member"] for row in lines_b] == [batches.b]
		frappe.db.rollback()  # a fresh snapshot: the lines were made over HTTP
		line_a = frappe.db.get_value("Care Payment Line", {"batch": name, "member": batches.a}, "name")
		assert line_a
		assert sec_b.get(f"{base}/api/resource/Care Payment Line/{line_a}", timeout=30).status_code == 403
		r = sec_b.post(
			f"{base}{METHODS}.remove_line", json={"line": line_a, "reason": "不认识此人"}, timeout=30
		)
		assert r.status_code == 403
		r = sec_a.post(f"{base}{METHODS}.remove_line", json={"line": line_a, "reason": ""}, timeout=30)
		assert r.status_code == 417, r.text[:400]  # a reason is required
		r = sec_a.post(
			f"{base}{METHODS}.add_line", json={"batch": name, "member": "PM-NOPE", "reason": "x"}, timeout=30
		)
		assert r.status_code == 404
		r = sec_a.post(f"{base}{METHODS}.confirm_lines", json={"batch": name}, timeout=30)
		assert r.status_code == 200 and r.json()["message"] == {
			"confirmed": 1,
			"pending": 1,
			"own_pending": 0,
		}
		assert apply_workflow(officer, "Care Payment Batch", name, "Close Confirmation").status_code == 417
		assert (
			sec_b.post(f"{base}{METHODS}.confirm_lines", json={"batch": name}, timeout=30).status_code == 200
		)
		assert apply_workflow(officer, "Care Payment Batch", name, "Close Confirmation").status_code == 200

		# department, then committee; a direct state write and the auditor's write are refused
		assert _set(officer, base, name, department_opinion="审核无误").status_code == 200
		assert _set(officer, base, name, workflow_state="Approved").status_code == 417
		assert _set(auditor, base, name, department_opinion="改").status_code == 403
		assert _set(officer, base, name, total_amount=1).status_code == 200
		assert (
			frappe.db.get_value("Care Payment Batch", name, "total_amount") == 1000
		)  # stamps stay the app's
		assert apply_workflow(officer, "Care Payment Batch", name, "Accept").status_code == 200
		assert apply_workflow(officer, "Care Payment Batch", name, "Approve").status_code in (403, 417)
		assert (
			_set(committee, base, name, committee_meeting_date=today(), committee_decision="同意").status_code
			== 200
		)
		assert apply_workflow(committee, "Care Payment Batch", name, "Approve").status_code == 200
		frappe.db.rollback()
		assert frappe.db.get_value("Care Payment Batch", name, ["workflow_state", "approved_total"]) == (
			"Public Notice",
			1000,
		)
		# the notice: the member reads name, organisation, category and amount only
		api = mem_a.get(f"{base}/api/method/party_care.care_fund.notice.get_notices", timeout=30).json()[
			"message"
		]
		rows = [row for row in api if row["name"].startswith("CPL-") and row["member_name"] == "并发烈属甲"]
		assert rows and set(rows[0]) <= NOTICE_FIELDS
		page = mem_a.get(f"{base}/notices", timeout=30)
		assert page.status_code == 200 and "并发烈属甲" in page.text
		assert frappe.db.get_value("Member", batches.a, "id_number") not in shown(page)
	finally:
		frappe.db.rollback()
		frappe.db.delete("Care Payment Line", {"batch": name})
		frappe.db.delete("Care Payment Batch", {"name": name})
		frappe.db.commit()


def test_bank_list_for_officers_only(world, login, batches):
	url = "/api/method/party_care.care_batches.export.export_bank_list"
	for key in ("sec_a", "committee", "auditor", "mem_a"):
		s = login(world.users[key])
		assert (
			s.get(f"{s.base_url}{url}", params={"batch": batches.approved}, timeout=30).status_code == 403
		), key
	s = login(world.users.officer)
	r = s.get(f"{s.base_url}{url}", params={"batch": batches.approved, "file_format": "CSV"}, timeout=30)
	assert r.status_code == 200, r.text[:300]
	text = r.content.decode("utf-8-sig")
	assert "并发烈属甲" in text and "并发烈属乙" in text and "500" in text
	full_id = frappe.db.get_value("Member", batches.a, "id_number")
	masked = frappe.db.get_value("Member", batches.a, "id_number_masked")
	assert full_id not in text and masked in text
	r = s.get(f"{s.base_url}{url}", params={"batch": batches.approved, "file_format": "XLSX"}, timeout=30)
	assert r.status_code == 200 and r.content[:2] == b"PK"
	r = s.get(f"{s.base_url}{url}", params={"batch": batches.approved, "file_format": "PDF"}, timeout=30)
	assert r.status_code == 417


def test_batch_and_application_paid_at_once_cannot_overdraw(world, server, batches):
	"""1500 in the fund; the batch (1000) and the application (600) are paid at the same moment
	through two workers: one goes through, the other is refused; nothing is paid twice."""
	batch_session = fresh_session(server, world.users.officer)
	app_session = fresh_session(server, world.users.officer)
	ledger.lock_fund(batches.fund)  # both requests get inside their transactions first
	responses = {}

	def pay(key, session, doctype, name):
		responses[key] = apply_workflow(session, doctype, name, "Pay")

	threads = [
		threading.Thread(target=pay, args=("batch", batch_session, "Care Payment Batch", batches.approved)),
		threading.Thread(
			target=pay, args=("application", app_session, "Fund Application", batches.application)
		),
	]
	for t in threads:
		t.start()
	time.sleep(3)
	frappe.db.rollback()  # release: now they race
	for t in threads:
		t.join(timeout=120)
	codes = sorted(r.status_code for r in responses.values())
	assert codes == [200, 417], {k: r.text[:300] for k, r in responses.items()}
	refused = next(r for r in responses.values() if r.status_code == 417)
	assert "InsufficientFundError" in refused.json()["exc_type"]
	frappe.db.rollback()
	balance = ledger.get_balance(batches.fund)
	assert balance in (500, 900) and balance >= 0
	line_entries = frappe.get_all(
		"Fund Ledger Entry",
		filters={
			"care_fund": batches.fund,
			"entry_type": "Payment",
			"reference_doctype": "Care Payment Line",
		},
		pluck="reference_name",
	)
	assert len(line_entries) == len(set(line_entries))  # every line at most once
	if responses["batch"].status_code == 200:
		assert len(line_entries) == 2 and balance == 500
		assert frappe.db.get_value("Fund Application", batches.application, "workflow_state") == "Approved"
	else:
		assert line_entries == [] and balance == 900
		assert frappe.db.get_value("Care Payment Batch", batches.approved, "workflow_state") == "Approved"


def test_two_officers_paying_one_batch_pay_each_line_once(world, server, batches):
	sessions = [fresh_session(server, world.users.officer) for _ in range(2)]
	# hold the batch row so both requests are inside their transactions before either pays
	frappe.db.sql("select name from `tabCare Payment Batch` where name = %s for update", batches.twice)
	responses = []

	def pay(session):
		responses.append(apply_workflow(session, "Care Payment Batch", batches.twice, "Pay"))

	threads = [threading.Thread(target=pay, args=(s,)) for s in sessions]
	for t in threads:
		t.start()
	time.sleep(3)
	frappe.db.rollback()
	for t in threads:
		t.join(timeout=120)
	codes = sorted(r.status_code for r in responses)
	assert codes[0] == 200 and codes[1] >= 400, [r.text[:300] for r in responses]
	frappe.db.rollback()
	names = frappe.get_all("Care Payment Line", filters={"batch": batches.twice}, pluck="name")
	paid = frappe.get_all(
		"Fund Ledger Entry", filters={"reference_name": ["in", names], "docstatus": 1}, pluck="reference_name"
	)
	assert sorted(paid) == sorted(names)  # every line exactly once
	assert frappe.db.get_value("Care Payment Batch", batches.twice, ["workflow_state", "paid_count"]) == (
		"Paid",
		2,
	)
