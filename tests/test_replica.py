"""Scale-out on Frappe's own machinery: reports and number cards only read, so with the site's
`read_from_replica` they are served by a MariaDB replica (frappe.read_only()).

The test runs real replication without touching the machine's shared MariaDB (whose binary log is
off): it starts its own pair of MariaDB servers on loopback, each with its own datadir, port and
socket in a temporary directory — P (server_id 1, binary log in ROW format) and R (server_id 2,
read_only) — and makes R a replica of P with GTID (`CHANGE MASTER TO … MASTER_USE_GTID=slave_pos`)
while both are still empty. The site's database (a `mariadb-dump --single-transaction` of the test
site, world included) and the site's database user (all rights on its database) are then loaded
into P, so R receives them through replication (the site's user exists on R only because R
replicated its CREATE USER; R keeps its grant tables, so read_only binds that user). For the length of a test the site runs on P as its
primary with P's replica settings pointing at R (in-process `frappe.local.conf`; the site_config.json
on disk is never written), and afterwards goes back to the shared server.

As a user would notice it: an officer records a new member and a talk done with them on the
primary; once R has applied P's binary log up to that commit, Care Coverage (through
`frappe.desk.query_report.run`), the number cards and the desk's list of visits show the new talk —
served by R, as R's own counters show, while P's counters and general log show that the site sent it
no statement at all meanwhile. A write attempted inside `frappe.read_only()` is refused by R
(read_only), although the same user may write on P.
"""

import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager

import frappe
import pymysql
import pytest
from frappe.desk.query_report import run
from frappe.utils import today

from tests.support.factories import make_member
from tests.support.private_servers import (
	DRIVER_ERRORS,
	INSTALL_DB,
	Server,
	create_site_database,
	one_at_a_time,
	require,
)

SITE_CONF_KEYS = ("db_host", "db_port", "read_from_replica", "replica_host", "replica_db_port")


class Pair(frappe._dict):
	def wait_for_replica(self, timeout: int = 60):
		"""Until R has applied everything in P's binary log so far (GTID position)."""
		position = self.primary.variable("gtid_binlog_pos")
		reached = self.replica.sql("select master_gtid_wait(%s, %s)", position, timeout)[0][0]
		assert reached == 0, f"the replica did not reach {position} in {timeout}s: {self.replica_state()}"

	def replica_state(self) -> dict:
		with self.replica._root.cursor(pymysql.cursors.DictCursor) as cursor:
			cursor.execute("show slave status")
			return cursor.fetchone() or {}

	def primary_log_mark(self) -> int:
		return os.path.getsize(self.primary_log)

	def site_statements_on_primary(self, mark: int) -> list[str]:
		"""What P's general log holds since `mark` from every connection but the test's own root
		one: the statements the site (or anything else) sent P — named when a count is off."""
		with open(self.primary_log, encoding="utf-8", errors="replace") as log:
			log.seek(mark)
			entries = []
			for line in log:
				entry = GENERAL_LOG_ENTRY.match(line)
				if entry:
					entries.append([int(entry["thread"]), f"{entry['command']} {entry['argument']}".strip()])
				elif entries:  # a statement over several lines
					entries[-1][1] += " " + line.strip()
		return [statement for thread, statement in entries if thread != self.primary_root_thread]


# a line of MariaDB's general log (log_output=FILE): [date time]\t thread-id Command\targument
GENERAL_LOG_ENTRY = re.compile(
	r"^(?:\d{6}\s+[\d:]+)?\s+(?P<thread>\d+) (?P<command>[A-Za-z ]+?)\t(?P<argument>.*)$"
)


@pytest.fixture(scope="module", autouse=True)
def _one_bench_at_a_time():
	"""Another bench's private-server tests wait until these are done (private_servers.one_at_a_time)."""
	with one_at_a_time():
		yield


@pytest.fixture(scope="module")
def pair(world):
	"""P and R, R replicating P since both were empty; the site's database and user loaded into P."""
	require("mariadb")  # fails, never skips, without MariaDB's server binaries
	root = tempfile.mkdtemp(prefix="party-care-pair-")
	primary_log = os.path.join(root, "primary-general.log")  # every statement P receives (a test server)
	primary = Server(
		root,
		"primary",
		"--server-id=1",
		"--log-bin=primary-bin",
		"--binlog-format=ROW",
		"--general-log=1",
		"--log-output=FILE",
		f"--general-log-file={primary_log}",
	)
	replica = Server(
		root, "replica", "--server-id=2", "--read-only=1", "--skip-log-bin", "--relay-log=replica-relay-bin"
	)
	try:
		installs = {server: server.install() for server in (primary, replica)}  # side by side
		for server, install in installs.items():
			errors = install.communicate(timeout=120)[1]
			assert install.returncode == 0, f"{INSTALL_DB} {server.name}: {errors}"
		for server in (primary, replica):
			server.start()

		repl_password = frappe.generate_hash(length=16)
		primary.sql("create user 'repl'@'127.0.0.1' identified by %s", repl_password)
		primary.sql("grant replication slave on *.* to 'repl'@'127.0.0.1'")
		replica.sql(
			"change master to master_host='127.0.0.1', master_port=%s, master_user='repl', master_password=%s, "
			"master_connect_retry=1, master_use_gtid=slave_pos",
			primary.port,
			repl_password,
		)
		replica.sql("start slave")

		# the site's database and user, created on P: R gets them from P's binary log
		create_site_database(primary)

		result = Pair(
			primary=primary,
			replica=replica,
			root=root,
			primary_log=primary_log,
			primary_root_thread=primary.sql("select connection_id()")[0][0],
		)
		result.wait_for_replica()
		state = result.replica_state()
		assert (state["Slave_IO_Running"], state["Slave_SQL_Running"], state["Using_Gtid"]) == (
			"Yes",
			"Yes",
			"Slave_Pos",
		)
		yield result
	finally:
		for server in (replica, primary):
			server.stop()
		shutil.rmtree(root, ignore_errors=True)


@contextmanager
def site_on(pair):
	"""The site on P as its primary and R as its replica, in this process only; then back."""
	conf = frappe.local.conf
	saved = {k: conf[k] for k in SITE_CONF_KEYS if k in conf}
	user = frappe.session.user
	frappe.db.rollback()
	frappe.db.close()
	try:
		conf.update(
			db_host="127.0.0.1",
			db_port=pair.primary.port,
			read_from_replica=1,
			replica_host="127.0.0.1",
			replica_db_port=pair.replica.port,
		)
		frappe.connect(set_admin_as_user=False)
		yield
	finally:
		_end_request()
		try:
			frappe.db.rollback()
			frappe.db.close()
		finally:
			for k in SITE_CONF_KEYS:
				conf.pop(k, None)
			conf.update(saved)
			frappe.connect(set_admin_as_user=False)
			frappe.set_user(user)
			# the records written on P never existed on the shared server: drop what Redis cached
			frappe.clear_cache()


def _end_request():
	"""Frappe connects the replica once per request and forgets it when the request ends."""
	for attr in ("replica_db", "primary_db"):
		if hasattr(frappe.local, attr):
			delattr(frappe.local, attr)


def _start_request():
	"""What a new request's frappe.local (frappe.init) does not hold yet: the replica switch and the
	request-level caches — Frappe's (values read from Redis, role permissions, user permissions) and
	the app's (`party_care_*`, e.g. which DocTypes are the app's). Redis's own caches stay warm."""
	_end_request()
	local = frappe.local
	local.cache, local.role_permissions, local.valid_columns, local.user_perms = {}, {}, {}, None
	if hasattr(local, "request_cache"):
		local.request_cache.clear()
	for attr in [name for name, _value in local if name.startswith("party_care_")]:
		delattr(local, attr)


def _as_request(fn):
	"""`fn` as the one read of a request of its own, which starts with a new frappe.local.

	Frappe's read_only() switches to the replica only when frappe.local has no `replica_db` and
	`primary_db` yet, and leaves both behind when it switches back: within one request (or job, or
	this process) a second read_only() call runs on the PRIMARY. The test once called the waiting
	card that way just before its measured window (899de20) — and the report then ran on P (31–43
	statements; the xfail of a1260fb). So each measured read begins, as a request does, clean — and
	with nothing read in an earlier one, so what a request reads before the switch shows on P."""
	_start_request()
	try:
		return fn()
	finally:
		_end_request()


def _desk_list(method, **form):
	"""The desk's list view asking frappe.desk.reportview (the app's override) with its form, as
	Frappe's handler calls it: the form's values as its arguments too."""
	saved, frappe.local.form_dict = frappe.local.form_dict, frappe._dict(form)
	try:
		return frappe.call(method, **form)
	finally:
		frappe.local.form_dict = saved


def _delta(after: dict, before: dict) -> dict:
	return {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}


def _done_talk(member: str, visitor: str) -> str:
	visit = frappe.get_doc(
		doctype="Visit", member=member, visit_reason="Annual Talk", due_date=today()
	).insert()
	visit.update({"status": "Done", "visit_date": today()})
	visit.append("visitors", {"visitor": visitor})
	visit.save()
	return visit.name


def _row(rows, organization):
	return next(r for r in rows if r["party_organization"] == organization)


def test_a_talk_recorded_on_the_primary_reaches_the_reports_through_the_replica(world, pair):
	from party_care.care_visits.report.care_coverage.care_coverage import data as coverage
	from party_care.desk import dashboard
	from party_care.overrides import number_card, reportview

	filters = frappe._dict(party_organization=world.orgs.committee)
	with site_on(pair):
		frappe.set_user(world.users.officer)
		before = _row(coverage(filters), world.orgs.branch_b)  # read on P: not in read_only
		# the officer records a new member and a talk done with them, committed on the primary
		member = make_member(world.orgs.branch_b, full_name="新党员同步").name
		talk = _done_talk(member, world.members.sec_b)
		frappe.db.commit()
		from_primary = coverage(filters)
		after = _row(from_primary, world.orgs.branch_b)
		assert {k: after[k] - before[k] for k in ("members", "planned", "done", "talked")} == dict(
			members=1, planned=1, done=1, talked=1
		)

		pair.wait_for_replica()
		assert pair.replica.sql(
			f"select status from `{frappe.conf.db_name}`.`tabVisit` where name = %s", talk
		) == (("Done",),)
		member_talks = [["Visit", "member", "=", member], ["Visit", "status", "=", "Done"]]
		list_form = dict(
			doctype="Visit",
			fields=json.dumps(["`tabVisit`.`name`"]),
			filters=json.dumps(member_talks),
			start=0,
			page_length=20,
			order_by="`tabVisit`.`modified` desc",
		)
		mark = pair.primary_log_mark()
		primary_before, replica_before = pair.primary.status(), pair.replica.status()
		report = _as_request(lambda: run("Care Coverage", filters=dict(filters), ignore_prepared_report=True))
		talks = _as_request(
			lambda: number_card.number_card_result(
				frappe.as_json({"function": "Count", "document_type": "Visit"}), frappe.as_json(member_talks)
			)
		)
		waiting = _as_request(dashboard.documents_waiting_for_me)
		listed = _as_request(lambda: _desk_list(reportview.get, **list_form))
		counted = _as_request(lambda: _desk_list(reportview.get_count, **list_form))
		primary_delta, replica_delta = (
			_delta(pair.primary.status(), primary_before),
			_delta(pair.replica.status(), replica_before),
		)
		on_primary = pair.site_statements_on_primary(mark)
		# what the card must show, counted afterwards on the primary (without the read_only switch)
		waiting_on_primary = dashboard.documents_waiting_for_me.__wrapped__()["value"]

	# back on the shared server, where the officer's records never were
	assert frappe.db.sql("select @@port")[0][0] == int(frappe.conf.db_port or 3306)
	assert not frappe.db.exists("Member", member) and not frappe.db.exists("Visit", talk)

	# the replica served the report and the cards, with the talk recorded a moment ago on P ...
	rows = [r for r in report["result"] if isinstance(r, dict)]
	assert [(r["party_organization"], r["members"], r["planned"], r["done"], r["talked"]) for r in rows] == [
		(r.party_organization, r.members, r.planned, r.done, r.talked) for r in from_primary
	]
	assert talks == 1 and waiting["value"] == waiting_on_primary
	assert listed["values"] == [[talk]] and counted == 1, (listed, counted)
	# ... and read it there: the report's four aggregates and the cards' counts are SELECTs on R,
	# which read rows of its tables (Rows_read: MariaDB 10.11 has no Innodb_rows_read)
	assert replica_delta.get("Com_select", 0) >= 6, replica_delta
	assert replica_delta.get("Rows_read", 0) > 0, replica_delta
	# ... while the site sent P nothing. None of these reads needs the primary: they write nothing
	# (no log row, no cache row, no commit) and the guards' checks before Frappe's own read (the list
	# view override's) run inside the same read_only() switch. So the one statement P answered
	# meanwhile is this test's own second `show global status` (Com_show_status; it reads no table
	# rows). R's replication connection only streams P's binary log, which is no statement; the site's
	# idle connection to P sends nothing. P's general log names any statement that comes back.
	assert on_primary == [], on_primary
	assert primary_delta.get("Questions") == 1, (primary_delta, on_primary)
	assert {k: v for k, v in primary_delta.items() if k.startswith("Com_")} == {"Com_show_status": 1}, (
		primary_delta
	)
	assert "Rows_read" not in primary_delta, primary_delta


def test_a_write_in_read_only_mode_is_refused_by_the_replica(world, pair):
	"""The replica only answers reads: a report that tried to write would fail there instead of
	silently diverging from the primary. The same user writes on the primary."""
	statement = "update `tabSingles` set value = value where doctype = 'Party Care Settings'"

	@frappe.read_only()
	def write():
		frappe.db.sql(statement)

	with site_on(pair):
		with pytest.raises(DRIVER_ERRORS) as refused:
			_as_request(write)
		frappe.db.sql(statement)  # on P: allowed
		frappe.db.rollback()
	assert refused.value.args[0] == 1290 and "read-only" in refused.value.args[1], refused.value
