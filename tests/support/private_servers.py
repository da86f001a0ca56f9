"""Private servers for tests that must stop, restart or replicate a server: a mariadbd and a
redis-server of their own on free loopback ports, with their data in a temporary directory. The
machine's MariaDB and Redis are shared by other benches and test runs and are never touched.
(tests/test_replica.py, tests/test_faults.py)"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import frappe
import pymysql
import pytest

try:  # Frappe 16 talks to MariaDB through mysqlclient (MySQLdb), Frappe 15 through pymysql
	import MySQLdb
except ImportError:
	MySQLdb = None

# what a statement the server refuses raises in the site's own connection (frappe.db), on either line
DRIVER_ERRORS = (pymysql.err.MySQLError, *((MySQLdb.MySQLError,) if MySQLdb else ()))

ROOT_USER = os.environ.get("DB_ROOT_USER", "root")
ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "root")
MARIADBD = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin:/usr/libexec")
INSTALL_DB = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
CLIENT = shutil.which("mariadb") or shutil.which("mysql")
DUMP = shutil.which("mariadb-dump") or shutil.which("mysqldump")
REDIS_SERVER = shutil.which("redis-server")
# what each private server needs on the machine that runs the tests (on Frappe 16: inside its root)
NEEDED = {
	"mariadb": {
		"mariadbd": MARIADBD,
		"mariadb-install-db": INSTALL_DB,
		"mariadb": CLIENT,
		"mariadb-dump": DUMP,
	},
	"redis": {"redis-server": REDIS_SERVER},
}
PACKAGES = {"mariadb": "mariadb-server mariadb-client", "redis": "redis-server"}


def require(*servers: str) -> None:
	"""Fail the test (never skip it) when a binary a private server of `servers` needs is missing:
	a suite that skipped the fault or replication tests would pass without having tested them."""
	missing = [name for server in servers for name, path in NEEDED[server].items() if not path]
	if missing:
		packages = " ".join(PACKAGES[server] for server in servers)
		pytest.fail(
			f"{', '.join(missing)} not found (PATH, /usr/sbin): this test starts private servers of its own. "
			f"Install them where the tests run (Debian: apt-get install {packages}; for Frappe 16, inside its root).",
			pytrace=False,
		)


@contextmanager
def one_at_a_time(name: str = "party_care_private_servers", timeout: int = 3600):
	"""The tests that start private servers take turns across benches: `.ci/run` runs the ERPNext
	and the Frappe 16 benches at once on one machine, and two suites restarting, killing and
	loading servers side by side are more than two cores carry. A named lock on the shared MariaDB
	(which both benches use, the Frappe 16 one from its root), held by a connection of its own."""
	connection = pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user=ROOT_USER,
		password=ROOT_PASSWORD,
	)
	try:
		with connection.cursor() as cursor:
			cursor.execute("select get_lock(%s, %s)", (name, timeout))
			assert cursor.fetchone()[0] == 1, (
				f"the other bench's private-server tests held {name} for {timeout} s"
			)
		yield
	finally:
		try:
			with connection.cursor() as cursor:
				cursor.execute("select release_lock(%s)", (name,))
		finally:
			connection.close()


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	"""A private mariadbd on a free loopback port: datadir, socket and logs under `root`."""

	def __init__(self, root: str, name: str, *options: str):
		self.name, self.options = name, options
		self.datadir = os.path.join(root, name)
		self.socket = os.path.join(root, f"{name}.sock")
		self.log = os.path.join(root, f"{name}.err")
		# its own temporary directory: mariadbd clears leftover `#sql*` files of its tmpdir when it
		# starts, and the default /tmp holds the site's own server's temporary tables
		self.tmpdir = os.path.join(root, f"{name}.tmp")
		self.proc = self.port = self._root = None

	def install(self) -> subprocess.Popen:
		os.makedirs(self.tmpdir, exist_ok=True)
		return subprocess.Popen(
			[
				INSTALL_DB,
				"--no-defaults",
				f"--datadir={self.datadir}",
				f"--tmpdir={self.tmpdir}",
				"--user=root",
				"--skip-test-db",
				"--auth-root-authentication-method=normal",
			],
			stdout=subprocess.DEVNULL,
			stderr=subprocess.PIPE,
			text=True,
		)

	def start(self, same_port: bool = False):
		"""Start mariadbd (`same_port`: again on the port it had, as after a restart)."""
		os.makedirs(self.tmpdir, exist_ok=True)
		for _attempt in range(3):  # another process may take the free port before mariadbd binds it
			if not (same_port and self.port):
				self.port = _free_port()
			self.proc = subprocess.Popen(
				[
					MARIADBD,
					"--no-defaults",
					f"--datadir={self.datadir}",
					f"--port={self.port}",
					"--bind-address=127.0.0.1",
					"--skip-networking=0",
					f"--socket={self.socket}",
					f"--pid-file={self.datadir}.pid",
					f"--log-error={self.log}",
					f"--tmpdir={self.tmpdir}",
					"--user=root",
					"--innodb-buffer-pool-size=64M",
					"--innodb-log-file-size=32M",
					"--innodb-flush-log-at-trx-commit=2",  # a throwaway test server: no fsync per commit
					"--character-set-server=utf8mb4",
					"--collation-server=utf8mb4_unicode_ci",
					*self.options,
				],
				stdout=subprocess.DEVNULL,
				stderr=subprocess.DEVNULL,
			)
			deadline = time.monotonic() + 60
			while self.proc.poll() is None and time.monotonic() < deadline:
				try:
					self._root = pymysql.connect(unix_socket=self.socket, user="root", autocommit=True)
					return
				except pymysql.err.OperationalError:
					time.sleep(0.1)
			self.stop()
		with open(self.log) as log:
			raise RuntimeError(f"mariadbd {self.name} did not start:\n{log.read()[-3000:]}")

	def sql(self, statement: str, *args) -> tuple:
		"""As root over the server's socket."""
		with self._root.cursor() as cursor:
			cursor.execute(statement, args or None)
			return cursor.fetchall()

	def status(self) -> dict[str, int]:
		"""The server's global counters (SHOW counts as Com_show_status, not as a SELECT)."""
		return {name: int(value) for name, value in self.sql("show global status") if value.isdigit()}

	def variable(self, name: str) -> str:
		return self.sql("show global variables like %s", name)[0][1]

	def stop(self):
		if self._root:
			self._root.close()
			self._root = None
		if self.proc and self.proc.poll() is None:
			self.proc.terminate()
			try:
				self.proc.wait(timeout=30)
			except subprocess.TimeoutExpired:
				self.proc.kill()
				self.proc.wait()


def create_site_database(server: Server) -> None:
	"""The site's database and its user (all rights on it) on `server`, loaded from a
	`mariadb-dump --single-transaction` of the site's database on the shared server."""
	db, password = frappe.conf.db_name, frappe.conf.db_password
	server.sql(f"create database `{db}` character set utf8mb4 collate utf8mb4_unicode_ci")
	for host in ("localhost", "127.0.0.1", "%"):
		server.sql("create user %s@%s identified by %s", db, host, password)
		server.sql(f"grant all privileges on `{db}`.* to %s@%s", db, host)
	dump = subprocess.Popen(
		[
			DUMP,
			"-h",
			frappe.conf.db_host or "127.0.0.1",
			"-P",
			str(frappe.conf.db_port or 3306),
			f"-u{ROOT_USER}",
			f"-p{ROOT_PASSWORD}",
			"--single-transaction",
			"--skip-triggers",
			db,
		],
		stdout=subprocess.PIPE,
		stderr=subprocess.PIPE,
	)
	load = subprocess.run(
		[CLIENT, f"--socket={server.socket}", "-uroot", db], stdin=dump.stdout, capture_output=True, text=True
	)
	dump.stdout.close()
	assert dump.wait() == 0, f"mariadb-dump of the site: {dump.stderr.read().decode()}"
	assert load.returncode == 0, f"loading the site into {server.name}: {load.stderr}"


class Redis:
	"""A private redis-server on a free loopback port, nothing saved to disk."""

	def __init__(self, root: str, name: str = "redis"):
		self.name, self.root = name, root
		self.log = os.path.join(root, f"{name}.log")
		self.proc = self.port = None

	@property
	def url(self) -> str:
		return f"redis://127.0.0.1:{self.port}"

	def start(self, same_port: bool = False):
		import redis

		for _attempt in range(3):
			if not (same_port and self.port):
				self.port = _free_port()
			self.proc = subprocess.Popen(
				[
					REDIS_SERVER,
					"--port",
					str(self.port),
					"--bind",
					"127.0.0.1",
					"--save",
					"",
					"--appendonly",
					"no",
					"--dir",
					self.root,
					"--logfile",
					self.log,
				],
				stdout=subprocess.DEVNULL,
				stderr=subprocess.DEVNULL,
			)
			deadline = time.monotonic() + 30
			while self.proc.poll() is None and time.monotonic() < deadline:
				try:
					redis.Redis(port=self.port, socket_timeout=1).ping()
					return
				except redis.exceptions.ConnectionError:
					time.sleep(0.05)
			self.stop()
		raise RuntimeError(f"redis-server {self.name} did not start; see {self.log}")

	def stop(self):
		if self.proc and self.proc.poll() is None:
			self.proc.terminate()
			try:
				self.proc.wait(timeout=10)
			except subprocess.TimeoutExpired:
				self.proc.kill()
				self.proc.wait()
