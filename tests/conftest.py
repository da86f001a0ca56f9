"""pytest against a real Frappe site (MariaDB + Redis), as `scripts/test` prepares it.

* The site is named by PARTY_CARE_SITE (default party-care-test.localhost) in the bench at
  FRAPPE_BENCH (default ~/frappe-bench).
* Session start: the app's data on that (dedicated) test site is wiped and a small committed
  "world" is built — an organisation tree, members, one user per role (tests/support/world.py).
* Each test runs in a transaction that is rolled back afterwards, so tests don't see each other.
* `server` starts the bench's gunicorn on a free loopback port for HTTP tests.
"""

import os
import subprocess

import frappe
import pytest

from tests.support import server as server_launcher
from tests.support.http import fresh_session
from tests.support.site import BENCH, SITE, SITES


def pytest_configure(config):
	if not os.path.isdir(os.path.join(SITES, SITE)):
		pytest.exit(f"No site {SITE} in {SITES}: run scripts/test, which prepares it.", returncode=2)
	os.chdir(SITES)
	frappe.init(site=SITE, sites_path=SITES)
	frappe.connect()
	frappe.set_user("Administrator")
	# Frappe then runs enqueued jobs (e.g. notifications) at once: 15 reads the flag, 16 `frappe.in_test`
	frappe.flags.in_test = True
	frappe.in_test = True


ERPNEXT_SKIPPED = "ERPNext integration tests SKIPPED"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
	"""Say loudly when the ERPNext integration did not run (and fail if ERPNext was required). The
	replication and fault tests never skip: without the binaries of their private servers they fail
	(tests/support/private_servers.require)."""
	all_skipped = terminalreporter.stats.get("skipped", [])
	skipped = [r for r in all_skipped if ERPNEXT_SKIPPED in str(r.longrepr)]
	if not skipped:
		return
	terminalreporter.write_sep(
		"!", f"{len(skipped)} {ERPNEXT_SKIPPED}: ERPNext is not installed on {SITE}", yellow=True, bold=True
	)
	if os.environ.get("PARTY_CARE_REQUIRE_ERPNEXT") == "1":
		terminalreporter.write_sep("!", "PARTY_CARE_REQUIRE_ERPNEXT=1: failing", red=True, bold=True)
		terminalreporter._session.exitstatus = 1


def pytest_unconfigure(config):
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()


@pytest.fixture(scope="session")
def world():
	"""The committed test world: organisations, members, users. See tests/support/world.py."""
	from tests.support import world as w

	return w.build()


@pytest.fixture(autouse=True)
def rollback(request):
	frappe.set_user("Administrator")
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.flags.pop("party_care_now", None)
	reset_caches()


def reset_caches():
	"""Rolled-back rows may have left Redis caches (permissions, singles) pointing at them."""
	import frappe.cache_manager

	frappe.cache_manager.clear_user_cache()
	frappe.clear_document_cache("Party Care Settings", "Party Care Settings")
	frappe.local.role_permissions = {}
	# Frappe 15.7x keeps single values per connection (frappe.db.value_cache) and a rollback keeps
	# them: a test that turned the books on left them on for the next modules (a request starts anew)
	if isinstance(getattr(frappe.db, "value_cache", None), dict):
		frappe.db.value_cache.clear()
	if hasattr(frappe.local, "user_perms"):
		frappe.local.user_perms = None
	# the committee rules a request found (party_care/organization/rules.py), and their documents:
	# a test is a request, its rows rolled back
	from party_care.organization import rules

	rules.clear_cache()
	for name in frappe.get_all("Committee Rules", pluck="name"):
		frappe.clear_document_cache("Committee Rules", name)


class Committed:
	"""What an HTTP test module commits so the server sees it, removed at the module's end, so later
	modules (in any order) and a second run on the same site never meet it:

	* the records it names — committed.insert(doc) / committed.add(doc) / committed.made.append(
	  (doctype, name)) — newest first, with Frappe's own delete (users, tags, settings rows: what is
	  not the app's);
	* every record of the app's DocTypes made while the module ran, by its fixtures or by the served
	  site (a payment, an application sent over HTTP), and what Frappe attached to them (versions,
	  comments, to-dos, files, workflow actions, …)."""

	def __init__(self):
		self.made: list[tuple[str, str]] = []
		frappe.db.rollback()
		self.started = frappe.utils.now_datetime()  # what the server stamps too (system time zone)

	def add(self, doc):
		self.made.append((doc.doctype, doc.name))
		return doc

	def insert(self, doc, **kwargs):
		return self.add(doc.insert(**kwargs))

	def remove(self):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for doctype, name in reversed(self.made):
			if frappe.db.exists(doctype, name):
				for version in frappe.get_all(
					"Version", filters={"ref_doctype": doctype, "docname": name}, pluck="name"
				):
					frappe.delete_doc("Version", version, force=True, ignore_permissions=True)
				try:
					frappe.delete_doc(
						doctype, name, force=True, ignore_permissions=True, delete_permanently=True
					)
				except frappe.ValidationError:  # a controller that keeps records past a step: as raw rows
					frappe.db.rollback()
					_delete_rows(doctype, name)
				frappe.db.commit()
		remove_app_records_since(self.started)
		frappe.db.commit()
		reset_caches()


# Frappe's rows attached to a record, by the field naming the record's DocType
ATTACHED = {
	"Version": "ref_doctype",
	"Comment": "reference_doctype",
	"ToDo": "reference_type",
	"Communication": "reference_doctype",
	"Workflow Action": "reference_doctype",
	"Notification Log": "document_type",
	"Tag Link": "document_type",
	"DocShare": "share_doctype",
	"Document Follow": "ref_doctype",
	"Email Queue": "reference_doctype",
	"Energy Point Log": "reference_doctype",
	"Deleted Document": "deleted_doctype",
	"User Permission": "allow",
}


def remove_app_records_since(started) -> None:
	"""Every record of the app's DocTypes (children included) created at or after `started`, and the
	rows Frappe attached to them then. Raw deletes, as world.wipe() does: the ledger and the
	submitted records refuse Frappe's delete by design."""
	from tests.support.world import app_doctypes

	doctypes = app_doctypes()
	since = {"creation": [">=", started]}
	visits_removed = frappe.db.exists("Visit", since)
	for name in frappe.get_all(
		"File", filters={**since, "attached_to_doctype": ["in", doctypes]}, pluck="name"
	):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
	for doctype, field in ATTACHED.items():
		if frappe.db.table_exists(doctype):  # Energy Point Log is gone from Frappe 16
			frappe.db.delete(doctype, {**since, field: ["in", doctypes]})
	for doctype in doctypes:
		frappe.db.delete(doctype, since)
	if visits_removed:  # the monthly visit counts are a plain table (care_visits/visit_months.py): recount
		from party_care.care_visits import visit_months

		visit_months.rebuild()


def _delete_rows(doctype: str, name: str) -> None:
	for df in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(df.options, {"parent": name, "parenttype": doctype})
	for dt, field in (
		("Workflow Action", "reference_name"),
		("ToDo", "reference_name"),
		("Comment", "reference_name"),
		("File", "attached_to_name"),
		("Version", "docname"),
	):
		frappe.db.delete(dt, {field: name})
	frappe.db.delete(doctype, {"name": name})


READ_LOG = "Sensitive Read Log"


@pytest.fixture(scope="module", autouse=True)
def nothing_left_behind(request, world):
	"""Every module ends as it began: what it committed (its fixtures, or the served site on its
	behalf) is gone, so no other module, in any order, and no second run meets it. A module that
	commits asks for `committed`; one that forgets fails here, naming what it left."""
	frappe.db.rollback()
	started = frappe.utils.now_datetime()
	yield
	frappe.db.rollback()
	from tests.support.world import app_doctypes

	# the served site logs what it hands over of sensitive fields (party_care/guards/read_log.py): a
	# module that only reads the world leaves those rows, which are the log's, not the module's
	frappe.db.delete(READ_LOG, {"creation": [">=", started]})
	frappe.db.commit()
	left = {dt: n for dt in app_doctypes() if (n := frappe.db.count(dt, {"creation": [">=", started]}))}
	if left:
		remove_app_records_since(started)
		frappe.db.commit()
		pytest.fail(
			f"{request.module.__name__} left committed records behind (use the `committed` fixture): {left}"
		)


@pytest.fixture(scope="module")
def committed(world):
	"""committed.insert(doc) / committed.add(doc): rows the module commits, removed at its end with
	every app record made while it ran (see Committed). A module that commits asks for it."""
	made = Committed()
	yield made
	made.remove()


def start_gunicorn(
	workers: int = 2,
	env: dict | None = None,
	log_name: str = "party_care_test_gunicorn.log",
	site: str | None = None,
) -> tuple[subprocess.Popen, str]:
	"""The bench's gunicorn on 127.0.0.1 (a free port), up and answering `ping` for `site`;
	returns (process, base URL). `env` is added to the environment (e.g. FRAPPE_DB_PORT to serve
	the site from another database server). The launcher is tests/support/server.py (the
	benchmarks' too)."""
	try:
		return server_launcher.start(BENCH, site or SITE, workers=workers, log_name=log_name, env=env)
	except server_launcher.ServerDidNotStart as e:
		pytest.fail(str(e))


def stop_gunicorn(proc: subprocess.Popen) -> None:
	server_launcher.stop(proc)


@pytest.fixture(scope="session")
def server(world):
	"""The site served by the bench's gunicorn on 127.0.0.1 (a free port); yields its base URL."""
	proc, url = start_gunicorn()
	# PDFs (wkhtmltopdf) fetch the desk's assets by URL: point them at this server
	previous_host = frappe.local.conf.get("host_name")
	frappe.local.conf.host_name = url
	yield url
	frappe.local.conf.host_name = previous_host
	stop_gunicorn(proc)


@pytest.fixture(scope="session")
def login(server):
	"""login(user) -> a requests.Session logged in as that user against the served site."""
	sessions = {}

	def _login(user: str):
		if user not in sessions:
			sessions[user] = fresh_session(server, user)
		return sessions[user]

	return _login


@pytest.fixture
def own_assets_json():
	"""For PDF prints in-process: read this bench's own asset map instead of the Redis entry that
	every bench on the Redis server shares (see own_assets_cache)."""
	frappe.local.assets_json = frappe.parse_json(frappe.read_file("assets/assets.json") or "{}")
	yield
	del frappe.local.assets_json
