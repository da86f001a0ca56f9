"""Scale-out on Frappe's own machinery: reports and number cards only read, so with the site's
`read_from_replica` they are served by a MariaDB replica (frappe.read_only()).

The test starts a second MariaDB server on loopback (its own datadir and port), loads a
consistent copy of the test site's database into it (mariadb-dump --single-transaction; the
site's user may only SELECT there), points the site's replica settings at it and runs a report
and the number cards as an officer. The replica's own counters (Com_select, Rows_read)
show that their reads went there, and the primary's counters for this connection show that
they did not go to the primary. (Live replication needs the primary's binary log, which the
shared primary of this machine does not have on; the README's "Running a large organisation"
gives the settings for a real replica.)"""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import frappe
import pytest
from frappe.desk.query_report import run

ROOT_USER = os.environ.get("DB_ROOT_USER", "root")
ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "root")


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def _client(port: int, *args, stdin=None) -> str:
	cmd = [shutil.which("mariadb") or "mysql", "--protocol=tcp", "-h127.0.0.1", f"-P{port}", "-uroot", "-N", "-B", *args]
	return subprocess.run(cmd, input=stdin, capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def replica():
	"""A second mariadbd on a free loopback port holding a copy of the site's database."""
	datadir = tempfile.mkdtemp(prefix="party-care-replica-")
	port = _free_port()
	install = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
	server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
	subprocess.run([install, "--no-defaults", f"--datadir={datadir}", "--user=root", "--skip-test-db",
		"--auth-root-authentication-method=normal"], check=True, capture_output=True)
	proc = subprocess.Popen([server, "--no-defaults", f"--datadir={datadir}", f"--port={port}", "--bind-address=127.0.0.1",
		f"--socket={datadir}/mysqld.sock", f"--pid-file={datadir}/mysqld.pid", f"--log-error={datadir}/error.log",
		"--user=root", "--server-id=2", "--skip-log-bin", "--innodb-buffer-pool-size=64M", "--read-only",
		"--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"])
	try:
		for _ in range(120):
			try:
				_client(port, "-e", "select 1")
				break
			except subprocess.CalledProcessError:
				time.sleep(0.5)
		db, password = frappe.conf.db_name, frappe.conf.db_password
		_client(port, "-e", f"create database `{db}`; "
			+ "".join(f"create user '{db}'@'{host}' identified by '{password}'; grant select on `{db}`.* to '{db}'@'{host}'; "
				for host in ("localhost", "127.0.0.1", "%")))
		dump = subprocess.run([shutil.which("mariadb-dump") or "mysqldump", "-h", frappe.conf.db_host or "127.0.0.1",
			f"-u{ROOT_USER}", f"-p{ROOT_PASSWORD}", "--single-transaction", "--skip-triggers", db],
			capture_output=True, check=True, text=True).stdout
		_client(port, db, stdin=dump)
		yield port
	finally:
		proc.terminate()
		proc.wait(timeout=60)
		shutil.rmtree(datadir, ignore_errors=True)


def _replica_counters(port: int) -> dict[str, int]:
	out = _client(port, "-e", "show global status where Variable_name in ('Com_select', 'Rows_read')")
	return {name: int(value) for name, value in (line.split("\t") for line in out.strip().splitlines())}


def _primary_selects() -> int:
	"""Com_select of this process's own connection to the primary (session counter)."""
	return int(frappe.db.sql("show session status like 'Com_select'")[0][1])


def _as_request(fn):
	"""One request's worth of reads: Frappe connects the replica once per request."""
	try:
		return fn()
	finally:
		for attr in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attr):
				delattr(frappe.local, attr)


def test_reports_and_number_cards_read_from_the_replica(world, replica):
	from party_care import dashboard, overrides
	from party_care.care_visits.report.care_coverage.care_coverage import data as coverage

	frappe.set_user(world.users.officer)
	from_primary = coverage(frappe._dict(party_organization=world.orgs.committee))
	assert from_primary, "the world has members to count"
	conf = frappe.local.conf
	saved = {k: conf.get(k) for k in ("read_from_replica", "replica_host", "replica_db_port")}
	conf.update(read_from_replica=1, replica_host="127.0.0.1", replica_db_port=replica)
	try:
		replica_before, primary_before = _replica_counters(replica), _primary_selects()
		result = _as_request(lambda: run("Care Coverage", filters={"party_organization": world.orgs.committee},
			ignore_prepared_report=True))
		overdue = _as_request(lambda: overrides.number_card_result(
			frappe.as_json({"function": "Count", "document_type": "Visit"}), '[["Visit", "status", "=", "Planned"]]'))
		waiting = _as_request(dashboard.documents_waiting_for_me)
		replica_after, primary_after = _replica_counters(replica), _primary_selects()
	finally:
		conf.update(saved)
	assert frappe.local.db is not None and frappe.db.sql("select 1")  # back on the primary
	# the replica did the reading ...
	assert replica_after["Com_select"] - replica_before["Com_select"] >= 6
	assert replica_after["Rows_read"] > replica_before["Rows_read"]
	# ... and the primary none of it
	assert primary_after - primary_before == 0
	# the same figures as read from the primary
	rows = [r for r in result["result"] if isinstance(r, dict)]
	assert [(r["party_organization"], r["members"], r["planned"]) for r in rows] == [
		(r.party_organization, r.members, r.planned) for r in from_primary
	]
	assert overdue >= 0 and waiting["value"] >= 0


def test_a_write_never_reaches_the_replica(world, replica):
	"""The replica only answers reads: the site's user may only SELECT there, so a report that
	tried to write would fail instead of silently diverging from the primary."""
	conf = frappe.local.conf
	saved = {k: conf.get(k) for k in ("read_from_replica", "replica_host", "replica_db_port")}
	conf.update(read_from_replica=1, replica_host="127.0.0.1", replica_db_port=replica)

	@frappe.read_only()
	def write():
		frappe.db.sql("update `tabSingles` set value = value where doctype = 'Party Care Settings'")

	try:
		with pytest.raises(Exception, match=r"denied|read-only|1142|1290"):
			_as_request(write)
	finally:
		conf.update(saved)
