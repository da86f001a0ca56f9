"""Faults (issue 19): each is injected into a running site and what a user relies on is checked
afterwards — nothing lost, nothing half-done, and the site back by itself.

* A gunicorn worker killed (`kill -9`) in the middle of paying a 5,000-line holiday batch and in
  the middle of an application's payment. The request is held at a chosen point inside its
  transaction — after its ledger entries are written, before the lines (or the application) are
  marked paid — by a lock this test holds on the rows or table it reaches next; the worker is
  killed there (MariaDB shows its open transaction with the rows it wrote). Afterwards: no ledger
  entry of the batch or application, every line still Confirmed, the balance the REST API shows is
  the ledger's sum and unchanged; a retry through the worker gunicorn starts in its place pays
  every line exactly once (one entry per payment key), and a second retry pays nothing.
* MariaDB restarted and Redis stopped under clients (tests further down): on a private
  mariadbd and redis-server of their own (tests/support/private_servers.py), never the shared ones.

These tests start their own gunicorn (conftest.start_gunicorn), one worker, so they know which
process to kill.
"""

import datetime
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import frappe
import psutil
import pymysql
import pytest
import requests
from frappe.utils import flt, now, today

from party_care.care_fund import ledger
from party_care.utils.bulk import STANDARD_FIELDS, insert_rows
from party_care.utils.naming import reserve_format_names
from tests.conftest import _delete_rows, start_gunicorn, stop_gunicorn
from tests.support.factories import make_application, make_fund, make_organization
from tests.support.http import fresh_session
from tests.support.private_servers import ROOT_PASSWORD, ROOT_USER, one_at_a_time
from tests.support.routes import batch_act, batch_approve, batch_to_committee, decide, end_notice, make_batch
from tests.support.routes import fund_act as app_act
from tests.support.site import SITE

LINES = 5000
AMOUNT = 500
OPENING = LINES * AMOUNT + 10000
ORG = "故障测试支部"
FUND = "故障测试慰问资金"
STANDARD = "故障测试慰问标准"


# --- the world of this module -------------------------------------------------------------------------


def _members_set_based(org: str, count: int) -> list[str]:
	"""`count` duty-martyr-family members of `org`, inserted as rows (the test is about paying
	them; 5,000 Member saves would take minutes)."""
	names = reserve_format_names("Member", count)
	user, timestamp = frappe.session.user, now()
	insert_rows(
		"Member",
		fields=[
			*STANDARD_FIELDS,
			"full_name",
			"gender",
			"date_of_birth",
			"party_organization",
			"member_status",
			"date_joined",
			"date_full_member",
			"is_duty_martyr_family",
		],
		values=[
			(
				name,
				user,
				user,
				timestamp,
				timestamp,
				0,
				0,
				f"故障测试烈属{i}",
				"Male" if i % 2 else "Female",
				datetime.date(1950 + i % 30, 1 + i % 12, 1 + i % 28),
				org,
				"Full",
				datetime.date(1980, 7, 1),
				datetime.date(1981, 7, 1),
				1,
			)
			for i, name in enumerate(names)
		],
	)
	return names


def _delete_versions(doctype: str, names: list[str]) -> None:
	for start in range(0, len(names), 1000):
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ["in", names[start : start + 1000]]})


def _delete_fund(fund: str) -> None:
	"""A test fund, its ledger entries and their history, as rows."""
	_delete_versions(
		"Fund Ledger Entry", frappe.get_all("Fund Ledger Entry", filters={"care_fund": fund}, pluck="name")
	)
	frappe.db.delete("Fund Ledger Entry", {"care_fund": fund})
	_delete_versions("Care Fund", [fund])
	frappe.db.delete("Care Fund", {"name": fund})


def _remove_world(org: str | None, members: list[str], batch: str | None, application: str | None):
	frappe.db.rollback()
	frappe.set_user("Administrator")
	lines = frappe.get_all("Care Payment Line", filters={"batch": batch}, pluck="name") if batch else []
	_delete_fund(FUND)
	if lines:
		frappe.db.delete("Care Payment Line", {"batch": batch})
	for doctype, name in (("Care Payment Batch", batch), ("Fund Application", application)):
		if name:
			frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": name})
			frappe.db.delete("Notice Objection", {"reference_doctype": doctype, "reference_name": name})
			_delete_rows(doctype, name)
	member = frappe.qb.DocType("Member")
	_delete_versions("Member", members)
	for start in range(0, len(members), 1000):
		frappe.qb.from_(member).delete().where(member.name.isin(members[start : start + 1000])).run()
	if frappe.db.exists("Care Standard", STANDARD):
		frappe.delete_doc("Care Standard", STANDARD, force=True, ignore_permissions=True)
	if org and frappe.db.exists("Party Organization", org):
		frappe.delete_doc("Party Organization", org, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module", autouse=True)
def _one_bench_at_a_time():
	"""Another bench's private-server tests wait until these are done (private_servers.one_at_a_time)."""
	with one_at_a_time():
		yield


@pytest.fixture(scope="module")
def money(world):
	"""Committed: a fund with enough for the batch; an approved batch of 5,000 confirmed 500-yuan
	lines (members of a branch of their own) and an approved 300-yuan application, both on that
	fund and ready to pay (payment method set)."""
	frappe.set_user("Administrator")
	_remove_world(
		ORG if frappe.db.exists("Party Organization", ORG) else None,
		frappe.get_all("Member", filters={"party_organization": ORG}, pluck="name"),
		None,
		None,
	)
	made = frappe._dict(members=[], batch=None, application=None, org=None)
	try:
		made.org = make_organization(ORG, "Branch", world.orgs.committee).name
		make_fund(FUND, opening=OPENING)
		frappe.get_doc(
			doctype="Care Standard",
			standard_name=STANDARD,
			rows=[{"category": "Duty Martyr Family", "label": "烈属", "amount": AMOUNT}],
		).insert()
		made.members = _members_set_based(made.org, LINES)
		made.batch = make_batch(world, FUND, org=made.org, occasion="Spring Festival", standard=STANDARD)
		batch_to_committee(made.batch, world)
		batch_approve(made.batch, world)
		end_notice("Care Payment Batch", made.batch)
		batch_act(made.batch, "Close Notice", world.users.officer)
		frappe.db.set_value("Care Payment Batch", made.batch, "payment_method", "Signed Receipt")

		made.application = make_application(
			world.members.other_b, FUND, amount=300, user=world.users.sec_b
		).name
		app_act(made.application, "Submit", world.users.sec_b)
		app_act(
			made.application,
			"Pass Branch Review",
			world.users.sec_b,
			branch_meeting_date=today(),
			branch_resolution="同意",
			votes_for=20,
			votes_against=0,
			votes_abstain=0,
		)
		app_act(made.application, "Accept", world.users.officer, department_opinion="属实")
		decide(made.application, world, 300)
		end_notice("Fund Application", made.application)
		app_act(made.application, "Close Notice", world.users.officer)
		frappe.db.set_value("Fund Application", made.application, "payment_method", "Signed Receipt")
		frappe.db.commit()
		assert frappe.db.count("Care Payment Line", {"batch": made.batch, "status": "Confirmed"}) == LINES
		yield made
	finally:
		_remove_world(made.org, made.members, made.batch, made.application)


@pytest.fixture(scope="module")
def killable(world):
	"""A gunicorn of one worker serving the site: the process to kill is the one worker."""
	proc, url = start_gunicorn(workers=1, log_name="party_care_test_faults_gunicorn.log")
	yield frappe._dict(proc=proc, url=url)
	stop_gunicorn(proc)


# --- holding a request at a chosen point, and killing its worker -------------------------------------------


def _connect(database: str | None = None, root: bool = False):
	conf = frappe.conf
	return pymysql.connect(
		host=conf.db_host or "127.0.0.1",
		port=int(conf.db_port or 3306),
		user=ROOT_USER if root else conf.db_name,
		password=ROOT_PASSWORD if root else conf.db_password,
		database=database,
		autocommit=not database,
	)


def _site_queries(monitor, exclude: int) -> list[dict]:
	"""What the site's connections (but `exclude`) are running: id, state, time, statement."""
	with monitor.cursor(pymysql.cursors.DictCursor) as cursor:
		cursor.execute(
			"""select id, state, time, info from information_schema.processlist
			where db = %s and id != %s and command = 'Query'""",
			(frappe.conf.db_name, exclude),
		)
		return cursor.fetchall()


def _uncommitted_entries(monitor) -> int:
	"""The fund's payment entries as a dirty read sees them: written, committed or not."""
	with monitor.cursor() as cursor:
		cursor.execute("set session transaction isolation level read uncommitted")
		cursor.execute(
			f"select count(*) from `{frappe.conf.db_name}`.`tabFund Ledger Entry` "
			"where care_fund = %s and entry_type = 'Payment'",
			FUND,
		)
		return cursor.fetchone()[0]


def _connection_alive(monitor, connection_id: int) -> bool:
	with monitor.cursor() as cursor:
		cursor.execute("select count(*) from information_schema.processlist where id = %s", connection_id)
		return cursor.fetchone()[0] > 0


def _worker(proc) -> psutil.Process:
	children = psutil.Process(proc.pid).children()
	assert len(children) == 1, children
	return children[0]


def _wait_for_worker(url: str, old_pid: int, proc) -> None:
	"""Until gunicorn has a new worker in the dead one's place and it answers."""
	deadline = time.monotonic() + 120
	while time.monotonic() < deadline:
		children = [c.pid for c in psutil.Process(proc.pid).children()]
		if children and old_pid not in children:
			try:
				if requests.get(
					url + "/api/method/ping", headers={"X-Frappe-Site-Name": SITE}, timeout=30
				).ok:
					return
			except requests.RequestException:
				pass
		time.sleep(0.2)
	pytest.fail("gunicorn did not replace the killed worker")


def _pay(session, url, doctype, name):
	return session.post(
		url + "/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": json.dumps({"doctype": doctype, "name": name}), "action": "Pay"},
		timeout=120,
	)


def _kill_while_held(killable, session, doctype: str, name: str, hold, reached) -> dict:
	"""Pay `doctype` `name` over HTTP while `hold(connection)` keeps the request waiting at its
	next step; once MariaDB shows the worker's statement `reached(query)` (waiting there), kill -9
	the worker. Returns that statement, with the fund's payment entries a dirty read saw then."""
	locker, monitor = _connect(frappe.conf.db_name), _connect(root=True)
	answered = {}
	try:
		with locker.cursor() as cursor:
			cursor.execute("select connection_id()")
			locker_id = cursor.fetchone()[0]
		hold(locker)

		def pay():
			try:
				answered["response"] = _pay(session, killable.url, doctype, name)
			except requests.RequestException as e:
				answered["error"] = e

		worker = _worker(killable.proc)
		thread = threading.Thread(target=pay)
		thread.start()
		deadline, held = time.monotonic() + 120, None
		while time.monotonic() < deadline and not held and thread.is_alive():
			held = next((q for q in _site_queries(monitor, locker_id) if reached(q)), None)
			time.sleep(0.05)
		assert held, (
			"the payment never reached the held point",
			_site_queries(monitor, locker_id),
			answered.get("error") or answered["response"].text[-3000:] if answered else None,
		)
		held["entries"] = _uncommitted_entries(monitor)
		os.kill(worker.pid, signal.SIGKILL)
		thread.join(timeout=60)
		assert "error" in answered or answered["response"].status_code >= 500, answered
	finally:
		locker.rollback()
		with locker.cursor() as cursor:
			cursor.execute("unlock tables")
		locker.close()
	# MariaDB rolls the dead client's transaction back once it notices the connection is gone
	deadline = time.monotonic() + 60
	while _connection_alive(monitor, held["id"]) and time.monotonic() < deadline:
		time.sleep(0.1)
	assert not _connection_alive(monitor, held["id"]), "the killed worker's connection stayed open"
	monitor.close()
	_wait_for_worker(killable.url, worker.pid, killable.proc)
	return held


def _uncommitted_entries_now() -> int:
	monitor = _connect(root=True)
	try:
		return _uncommitted_entries(monitor)
	finally:
		monitor.close()


def _served_balance(session, url) -> float:
	r = session.get(f"{url}/api/resource/Care Fund/{FUND}", timeout=60)
	assert r.status_code == 200, r.text[:300]
	return flt(r.json()["data"]["balance"])


def _ledger_sum() -> float:
	in_, out = frappe.db.sql(
		"select coalesce(sum(amount_in), 0), coalesce(sum(amount_out), 0) from `tabFund Ledger Entry` "
		"where care_fund = %s and docstatus = 1",
		FUND,
	)[0]
	return flt(in_) - flt(out)


def _batch_entries(batch: str) -> list[dict]:
	entry, line = frappe.qb.DocType("Fund Ledger Entry"), frappe.qb.DocType("Care Payment Line")
	return (
		frappe.qb.from_(entry)
		.join(line)
		.on(line.name == entry.reference_name)
		.select(
			entry.name,
			entry.payment_key,
			entry.reference_name,
			entry.amount_out,
			line.ledger_entry,
			line.status,
		)
		.where(
			(entry.reference_doctype == "Care Payment Line") & (line.batch == batch) & (entry.docstatus == 1)
		)
		.run(as_dict=True)
	)


def test_worker_killed_mid_batch_payment_pays_nothing_and_a_retry_pays_each_line_once(world, money, killable):
	session = fresh_session(killable.url, world.users.officer)
	paid_before = _served_balance(session, killable.url)
	assert paid_before == _ledger_sum() == ledger.get_balance(FUND)
	entries_before = _uncommitted_entries_now()  # the application test's payment, if it ran first

	def hold_lines(locker):  # the step after the ledger: marking the lines paid
		with locker.cursor() as cursor:
			cursor.execute("select name from `tabCare Payment Line` where batch = %s for update", money.batch)

	started = time.monotonic()
	held = _kill_while_held(
		killable,
		session,
		"Care Payment Batch",
		money.batch,
		hold_lines,
		lambda q: (q["info"] or "").startswith("update `tabCare Payment Line`"),
	)
	killed_after = time.monotonic() - started

	frappe.db.rollback()
	assert held["entries"] == entries_before + LINES  # the 5,000 entries written, uncommitted, when it died
	assert _batch_entries(money.batch) == []
	assert frappe.db.get_value(
		"Care Payment Batch", money.batch, ["workflow_state", "docstatus", "paid_count"]
	) == ("Approved", 0, 0)
	assert frappe.db.count("Care Payment Line", {"batch": money.batch, "status": "Confirmed"}) == LINES
	assert frappe.db.count("Care Payment Line", {"batch": money.batch, "ledger_entry": ["is", "set"]}) == 0
	assert _served_balance(session, killable.url) == _ledger_sum() == paid_before

	# the officer tries again: every line paid once, by one entry each
	started = time.monotonic()
	r = _pay(session, killable.url, "Care Payment Batch", money.batch)
	paid_in = time.monotonic() - started
	assert r.status_code == 200, r.text[:500]
	frappe.db.rollback()
	entries = _batch_entries(money.batch)
	assert len(entries) == LINES and len({e.payment_key for e in entries}) == LINES
	assert len({e.reference_name for e in entries}) == LINES
	assert all(e.status == "Paid" and e.ledger_entry == e.name and e.amount_out == AMOUNT for e in entries)
	assert frappe.db.get_value("Care Payment Batch", money.batch, ["workflow_state", "paid_count"]) == (
		"Paid",
		LINES,
	)
	assert _served_balance(session, killable.url) == _ledger_sum() == paid_before - LINES * AMOUNT

	# and once more (a double click, a browser retrying): refused, nothing paid twice
	again = _pay(session, killable.url, "Care Payment Batch", money.batch)
	assert 400 <= again.status_code < 500, again.text[:300]
	frappe.db.rollback()
	assert len(_batch_entries(money.batch)) == LINES
	assert _ledger_sum() == paid_before - LINES * AMOUNT
	print(f"\nkilled {killed_after:.1f}s into the payment; the retry paid {LINES} lines in {paid_in:.1f}s")


def test_worker_killed_mid_application_payment_pays_nothing_and_a_retry_pays_once(world, money, killable):
	session = fresh_session(killable.url, world.users.officer)
	balance_before = _served_balance(session, killable.url)
	key = ledger.payment_key("Fund Application", money.application)

	def hold_versions(locker):  # the step after the ledger entry: the documents' version history
		with locker.cursor() as cursor:
			cursor.execute("lock tables `tabVersion` read")

	entries_before = _uncommitted_entries_now()
	held = _kill_while_held(
		killable,
		session,
		"Fund Application",
		money.application,
		hold_versions,
		lambda q: (q["state"] or "").startswith("Waiting for table") and "tabVersion" in (q["info"] or ""),
	)

	frappe.db.rollback()
	assert held["entries"] == entries_before + 1  # its entry was written, uncommitted, when it died
	assert not frappe.db.exists("Fund Ledger Entry", {"payment_key": key})
	assert frappe.db.get_value("Fund Application", money.application, ["workflow_state", "docstatus"]) == (
		"Approved",
		0,
	)
	assert _served_balance(session, killable.url) == _ledger_sum() == balance_before

	r = _pay(session, killable.url, "Fund Application", money.application)
	assert r.status_code == 200, r.text[:500]
	again = _pay(session, killable.url, "Fund Application", money.application)
	assert 400 <= again.status_code < 500, again.text[:300]
	frappe.db.rollback()
	assert frappe.get_all(
		"Fund Ledger Entry", filters={"payment_key": key}, fields=["amount_out", "docstatus"]
	) == [{"amount_out": 300, "docstatus": 1}]
	assert frappe.db.get_value("Fund Application", money.application, "workflow_state") == "Paid"
	assert _served_balance(session, killable.url) == _ledger_sum() == balance_before - 300


# --- MariaDB and Redis taken away under clients -------------------------------------------------------------


@pytest.fixture(scope="module")
def island(world):
	"""The site on a private mariadbd (a copy of its database) and a private redis-server, served
	by a gunicorn of its own (two workers) pointed at them through Frappe's FRAPPE_DB_* and
	FRAPPE_REDIS_* environment overrides; the site's files and config are untouched."""
	from tests.support.private_servers import Redis, Server, create_site_database, require

	require("mariadb", "redis")  # fails, never skips, without the servers' binaries
	frappe.db.commit()
	root = tempfile.mkdtemp(prefix="party-care-faults-")
	db, cache = Server(root, "site"), Redis(root)
	proc = None
	try:
		install = db.install()
		errors = install.communicate(timeout=120)[1]
		assert install.returncode == 0, errors
		db.start()
		create_site_database(db)
		cache.start()
		proc, url = start_gunicorn(
			workers=2,
			log_name="party_care_test_faults_gunicorn.log",
			env={
				"FRAPPE_DB_HOST": "127.0.0.1",
				"FRAPPE_DB_PORT": str(db.port),
				"FRAPPE_REDIS_CACHE": cache.url,
				"FRAPPE_REDIS_QUEUE": cache.url,
			},
		)
		yield frappe._dict(db=db, cache=cache, proc=proc, url=url)
	finally:
		if proc:
			stop_gunicorn(proc)
		cache.stop()
		db.stop()
		shutil.rmtree(root, ignore_errors=True)


class Clients:
	"""`count` threads calling the site as fast as they can (a read, or a small write — a ToDo
	with a token of its own — every third call); each call recorded with its start, end and
	outcome. Writes are made by the officer, reads by officers, secretaries and a member."""

	def __init__(self, url: str, sessions: list, writer, count: int = 16):
		self.url, self.sessions, self.writer, self.count = url, sessions, writer, count
		self.calls: list[dict] = []
		self.stop = threading.Event()
		self.lock = threading.Lock()

	def _call(self, n: int, i: int):
		session = self.writer if n % 4 == 0 else self.sessions[n % len(self.sessions)]
		write = n % 4 == 0 and i % 3 == 0
		token = f"故障测试{n}-{i}-{frappe.generate_hash(length=6)}" if write else None
		started = time.monotonic()
		try:
			if write:
				r = session.post(
					f"{self.url}/api/resource/ToDo",
					json={"description": token, "allocated_to": self.writer.user},
					timeout=30,
				)
			else:
				r = (
					session.get(f"{self.url}/api/method/frappe.auth.get_logged_user", timeout=30)
					if i % 2
					else session.get(
						f"{self.url}/api/resource/Member", params={"limit_page_length": 5}, timeout=30
					)
				)
			outcome, text = r.status_code, _what(r)
		except requests.RequestException as e:
			outcome, text = "connection", str(e)[:300]
		with self.lock:
			self.calls.append(
				dict(
					start=started, end=time.monotonic(), outcome=outcome, write=write, token=token, text=text
				)
			)

	def _run(self, n: int):
		i = 0
		while not self.stop.is_set():
			self._call(n, i)
			i += 1
			time.sleep(0.02)

	def __enter__(self):
		self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(self.count)]
		for t in self.threads:
			t.start()
		return self

	def __exit__(self, *exc):
		self.stop.set()
		for t in self.threads:
			t.join(timeout=60)

	def ok(self, call) -> bool:
		return call["outcome"] in (200, 201)


def _what(response) -> str:
	"""The error type and message of a response (not its traceback)."""
	try:
		body = response.json()
	except ValueError:
		return response.text[:300]
	return f"{body.get('exc_type')}: {str(body.get('_server_messages') or body.get('message'))[:300]}"


def _island_sessions(world, island):
	users = [world.users.officer, world.users.sec_a, world.users.sec_b, world.users.mem_a]
	writer = fresh_session(island.url, world.users.officer)
	writer.user = world.users.officer
	return [fresh_session(island.url, u) for u in users], writer


def _todos_on(server, tokens) -> dict[str, int]:
	if not tokens:
		return {}
	rows = server.sql(
		f"select description, count(*) from `{frappe.conf.db_name}`.`tabToDo` where description in %s "
		"group by description",
		list(tokens),
	)
	return {d: c for d, c in rows}


def _outage_report(calls, since, until) -> str:
	from collections import Counter

	during = Counter(str(c["outcome"]) for c in calls if c["end"] >= since and c["start"] <= until)
	outside = Counter(str(c["outcome"]) for c in calls if not (c["end"] >= since and c["start"] <= until))
	return f"during the outage {dict(during)}, outside {dict(outside)}"


def _check_outage(clients, down_at, up_at, grace: float):
	calls = clients.calls
	failed_outside = [
		c for c in calls if not clients.ok(c) and not (c["end"] >= down_at and c["start"] <= up_at + grace)
	]
	assert not failed_outside, (
		_outage_report(calls, down_at, up_at),
		[(c["outcome"], c["write"], c["start"] - down_at, c["text"]) for c in failed_outside[:5]],
	)
	bad = [
		c
		for c in calls
		if not clients.ok(c) and c["outcome"] != "connection" and not 500 <= c["outcome"] < 600
	]
	assert not bad, (
		"during the outage a call failed other than with a 5xx or a refused connection",
		_outage_report(calls, down_at, up_at),
		bad[:5],
	)
	last = [c for c in calls if c["start"] > up_at + grace]
	assert last and all(clients.ok(c) for c in last), _outage_report(calls, down_at, up_at)
	return calls


def test_mariadb_restarted_under_16_clients_fails_cleanly_and_the_site_recovers_by_itself(world, island):
	sessions, writer = _island_sessions(world, island)
	workers = sorted(c.pid for c in psutil.Process(island.proc.pid).children())
	with Clients(island.url, sessions, writer) as clients:
		time.sleep(2)
		down_at = time.monotonic()
		island.db.stop()  # a clean shutdown, as `systemctl restart mariadb` does
		time.sleep(2)
		island.db.start(same_port=True)
		up_at = time.monotonic()
		time.sleep(5)
	calls = _check_outage(clients, down_at, up_at, grace=2)
	assert any(not clients.ok(c) for c in calls), "the outage was not noticed: no call failed"
	# nothing acknowledged was lost, nothing written twice
	acknowledged = {c["token"] for c in calls if c["write"] and clients.ok(c)}
	attempted = {c["token"] for c in calls if c["write"]}
	on_disk = _todos_on(island.db, attempted)
	assert acknowledged <= set(on_disk) and all(n == 1 for n in on_disk.values()), (
		len(acknowledged),
		on_disk,
	)
	# the same gunicorn, the same workers: it came back by itself
	assert island.proc.poll() is None
	assert sorted(c.pid for c in psutil.Process(island.proc.pid).children()) == workers
	print("\n" + _outage_report(calls, down_at, up_at))


def test_redis_unavailable_the_site_goes_on_and_recovers(world, island):
	"""Frappe's cache wrapper answers a lost Redis as a cache miss (sessions and documents are read
	from the database), so reads and writes go on; should any call fail, it fails with a 5xx or a
	refused connection and only while Redis is away."""
	import redis

	sessions, writer = _island_sessions(world, island)
	with Clients(island.url, sessions, writer) as clients:
		time.sleep(2)
		down_at = time.monotonic()
		island.cache.stop()
		with pytest.raises(redis.exceptions.ConnectionError):
			redis.Redis(port=island.cache.port, socket_timeout=1).ping()
		time.sleep(3)
		island.cache.start(same_port=True)
		up_at = time.monotonic()
		time.sleep(5)
	calls = _check_outage(clients, down_at, up_at, grace=2)
	acknowledged = {c["token"] for c in calls if c["write"] and clients.ok(c)}
	attempted = {c["token"] for c in calls if c["write"]}
	on_disk = _todos_on(island.db, attempted)
	assert acknowledged <= set(on_disk) and all(n == 1 for n in on_disk.values()), (
		len(acknowledged),
		on_disk,
	)
	print("\n" + _outage_report(calls, down_at, up_at))


# --- a background job that dies mid-way, and its rerun ----------------------------------------------------

JOB_ORG = "故障测试作业支部"
JOB_FUND = "故障测试补助资金"
JOB_STANDARD = "故障测试补助标准"
JOB_PLAN = "故障测试烈属月补助"
JOB_CAMPAIGN = "故障测试春节走访"
JOB_USER = "faults-job-member@party-care.test"


def _remove_job_world():
	from party_care.care_visits import visit_months

	frappe.db.rollback()
	members = frappe.get_all("Member", filters={"party_organization": JOB_ORG}, pluck="name")
	plans = frappe.get_all("Care Allowance Plan", filters={"plan_name": JOB_PLAN}, pluck="name")
	batches = frappe.get_all(
		"Care Payment Batch", filters={"allowance_plan": ["in", plans or [""]]}, pluck="name"
	)
	for batch in batches:
		frappe.db.delete("Care Payment Line", {"batch": batch})
		frappe.db.delete("Notification Log", {"document_type": "Care Payment Batch", "document_name": batch})
		_delete_rows("Care Payment Batch", batch)
	for plan in plans:
		_delete_rows("Care Allowance Plan", plan)
	greetings = frappe.get_all(
		"Political Birthday Greeting", filters={"member": ["in", members or [""]]}, pluck="name"
	)
	frappe.db.delete(
		"Notification Log",
		{"document_type": "Political Birthday Greeting", "document_name": ["in", greetings or [""]]},
	)
	frappe.db.delete("Political Birthday Greeting", {"name": ["in", greetings or [""]]})
	campaigns = frappe.get_all("Visit Campaign", filters={"campaign_name": JOB_CAMPAIGN}, pluck="name")
	frappe.db.delete("Visit", {"campaign": ["in", campaigns or [""]]})
	frappe.db.delete("Visit", {"member": ["in", members or [""]]})
	for campaign in campaigns:
		_delete_rows("Visit Campaign", campaign)
	_delete_versions("Member", members)
	frappe.db.delete("Member", {"name": ["in", members or [""]]})
	frappe.db.delete("Notification Log", {"for_user": JOB_USER})
	if frappe.db.exists("User", JOB_USER):
		frappe.delete_doc("User", JOB_USER, force=True, ignore_permissions=True)
	_delete_fund(JOB_FUND)
	if frappe.db.exists("Care Standard", JOB_STANDARD):
		frappe.delete_doc("Care Standard", JOB_STANDARD, force=True, ignore_permissions=True)
	if frappe.db.exists("Party Organization", JOB_ORG):
		visit_months.rebuild([JOB_ORG])
		frappe.delete_doc("Party Organization", JOB_ORG, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def job_world(world):
	"""Committed: a branch of its own with three members who live alone, are of a martyr's family
	and joined the Party 30 years ago today (one with a login); an active monthly allowance plan for the branch (its
	approval taken as done) and a Spring Festival visit campaign of the branch."""
	from tests.support.factories import make_member, make_user

	_remove_job_world()
	try:
		org = make_organization(JOB_ORG, "Branch", world.orgs.committee).name
		day = frappe.utils.getdate()
		joined = (
			day.replace(year=day.year - 30)
			if (day.month, day.day) != (2, 29)
			else datetime.date(day.year - 28, 2, 29)
		)
		members = [
			make_member(
				org,
				full_name=f"故障测试作业{i}",
				is_living_alone=1,
				is_duty_martyr_family=1,
				date_of_birth=datetime.date(1960, 5, 1 + i),
				date_joined=joined,
				date_full_member=joined.replace(year=joined.year + 1),
			).name
			for i in range(3)
		]
		# one of them logs in: his greeting is a bell notification (the job's step after the log)
		frappe.db.set_value("Member", members[0], "user", make_user(JOB_USER, roles=["Party Member"]).name)
		make_fund(JOB_FUND, opening=10000)
		frappe.get_doc(
			doctype="Care Standard",
			standard_name=JOB_STANDARD,
			rows=[{"category": "Duty Martyr Family", "label": "烈属", "amount": 200}],
		).insert()
		plan = frappe.get_doc(
			doctype="Care Allowance Plan",
			plan_name=JOB_PLAN,
			party_organization=org,
			care_fund=JOB_FUND,
			care_standard=JOB_STANDARD,
			frequency="Monthly",
			start_date=day.replace(day=1),
		).insert()
		frappe.db.set_value(
			"Care Allowance Plan",
			plan.name,
			{
				"status": "Active",
				"approved_by": world.users.committee,
				"approved_on": day,
				"committee_meeting_date": day,
				"committee_decision": "研究同意",
			},
		)
		campaign = frappe.get_doc(
			doctype="Visit Campaign",
			campaign_name=JOB_CAMPAIGN,
			occasion="Spring Festival",
			year=day.year,
			party_organization=org,
			due_date=frappe.utils.add_days(day, 20),
		).insert()
		frappe.db.commit()
		yield frappe._dict(org=org, members=members, plan=plan.name, campaign=campaign.name)
	finally:
		_remove_job_world()


def _job(method: str, kwargs: dict | None = None) -> subprocess.Popen:
	"""The job in a process of its own, as a worker runs it: one transaction, committed at the end."""
	from tests.support.site import BENCH, SITES

	command = [
		os.path.join(BENCH, "env", "bin", "python"),
		"-m",
		"frappe.utils.bench_helper",
		"frappe",
		"--site",
		SITE,
		"execute",
		method,
	]
	if kwargs:
		command += ["--kwargs", json.dumps(kwargs)]
	return subprocess.Popen(command, cwd=SITES, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _job_done(method: str, kwargs: dict | None = None) -> str:
	proc = _job(method, kwargs)
	out = proc.communicate(timeout=300)[0]
	assert proc.returncode == 0, out[-3000:]
	return out


def _job_killed(method: str, hold, reached, kwargs: dict | None = None) -> dict:
	"""Run the job with `hold(connection)` keeping it at its next step; kill -9 it there."""
	locker, monitor = _connect(frappe.conf.db_name), _connect(root=True)
	try:
		with locker.cursor() as cursor:
			cursor.execute("select connection_id()")
			locker_id = cursor.fetchone()[0]
		hold(locker)
		proc = _job(method, kwargs)
		deadline, held = time.monotonic() + 180, None
		while time.monotonic() < deadline and not held and proc.poll() is None:
			held = next((q for q in _site_queries(monitor, locker_id) if reached(q)), None)
			time.sleep(0.05)
		if not held:
			proc.kill()
			pytest.fail(f"the job never reached the held point: {proc.communicate()[0][-3000:]}")
		proc.send_signal(signal.SIGKILL)
		proc.wait(timeout=30)
	finally:
		locker.rollback()
		with locker.cursor() as cursor:
			cursor.execute("unlock tables")
		locker.close()
	deadline = time.monotonic() + 60
	while _connection_alive(monitor, held["id"]) and time.monotonic() < deadline:
		time.sleep(0.1)
	assert not _connection_alive(monitor, held["id"]), "the killed job's connection stayed open"
	monitor.close()
	return held


def _lock_table(table: str):
	def hold(locker):
		with locker.cursor() as cursor:
			cursor.execute(f"lock tables `{table}` read")

	return hold


def _waits_on(table: str):
	return lambda q: (q["state"] or "").startswith("Waiting for table") and table in (q["info"] or "")


def test_political_birthdays_job_killed_mid_way_rerun_greets_each_member_once(job_world):
	method = "party_care.honours.birthdays.send_political_birthday_greetings"
	_job_killed(method, _lock_table("tabNotification Log"), _waits_on("tabNotification Log"))
	frappe.db.rollback()
	mine = {"member": ["in", job_world.members]}
	assert frappe.db.count("Political Birthday Greeting", mine) == 0  # the logged greetings went with it

	_job_done(method)
	frappe.db.rollback()
	greetings = frappe.get_all("Political Birthday Greeting", filters=mine, fields=["member", "year"])
	assert sorted(g.member for g in greetings) == sorted(job_world.members)
	notifications = frappe.db.count("Notification Log")
	_job_done(method)  # and a third time: nothing twice
	frappe.db.rollback()
	assert frappe.db.count("Political Birthday Greeting", mine) == 3
	assert frappe.db.count("Notification Log") == notifications


def test_campaign_generation_killed_mid_way_rerun_plans_each_visit_once(job_world):
	from party_care.care_visits import visit_months

	run = ("party_care.care_visits.visits.generate_campaign_visits", {"campaign": job_world.campaign})
	# the job's last step: the reports' monthly counts of the visits it has just inserted
	_job_killed(*run[:1], _lock_table(visit_months.TABLE), _waits_on(visit_months.TABLE), kwargs=run[1])
	frappe.db.rollback()
	assert frappe.db.count("Visit", {"campaign": job_world.campaign}) == 0
	assert frappe.db.get_value("Visit Campaign", job_world.campaign, "status") != "Generated"

	_job_done(*run)
	_job_done(*run)
	frappe.db.rollback()
	visits = frappe.get_all("Visit", filters={"campaign": job_world.campaign}, pluck="member")
	assert sorted(visits) == sorted(job_world.members)  # each target once, after a death and two runs
	assert frappe.db.get_value("Visit Campaign", job_world.campaign, "status") == "Generated"
	# the reports' monthly counts agree with the visits
	assert [cell for cell in visit_months.check() if cell[0] == job_world.org] == []


def test_allowance_period_job_killed_mid_way_rerun_opens_the_period_once(job_world):
	method = "party_care.care_batches.allowances.open_due_periods"

	def hold_plan(locker):  # the job's last step: the plan's last period
		with locker.cursor() as cursor:
			cursor.execute(
				"select name from `tabCare Allowance Plan` where name = %s for update", job_world.plan
			)

	_job_killed(
		method,
		hold_plan,
		lambda q: (
			"tabCare Allowance Plan" in (q["info"] or "")
			and (q["info"] or "").lstrip().lower().startswith("update")
		),
	)
	frappe.db.rollback()
	assert frappe.db.count("Care Payment Batch", {"allowance_plan": job_world.plan}) == 0
	assert not frappe.db.get_value("Care Allowance Plan", job_world.plan, "last_period")

	_job_done(method)
	_job_done(method)
	frappe.db.rollback()
	opened = frappe.get_all("Care Payment Batch", filters={"allowance_plan": job_world.plan}, pluck="name")
	assert len(opened) == 1
	lines = frappe.get_all("Care Payment Line", filters={"batch": opened[0]}, pluck="member")
	assert sorted(lines) == sorted(job_world.members)
