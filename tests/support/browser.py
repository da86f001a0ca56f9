"""The browser tests' side in Python (tests/test_e2e_*.py): run a script of tests/e2e/ in node
against the served site and read the JSON line it printed; the users it logs in as read the app in
Chinese while it runs."""

import json
import os
import shutil
import subprocess
from contextlib import contextmanager

import frappe

from party_care.compat import DESK_PREFIX
from tests.support.site import SITE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "screenshots")


def run_script(script: str, server: str, *args: str) -> dict:
	"""node tests/e2e/<script> <base url> <args…> (the desk's prefix in PARTY_CARE_DESK): what it
	saw. Fails the test when node is missing or the script fails."""
	node = shutil.which("node")
	assert node, "Node.js is needed for the browser test"
	base = server.replace("127.0.0.1", SITE)  # Chromium resolves *.localhost to loopback
	result = subprocess.run(
		[node, os.path.join(ROOT, "tests", "e2e", script), base, *args],
		capture_output=True,
		text=True,
		timeout=300,
		cwd=ROOT,
		env={**os.environ, "PARTY_CARE_DESK": DESK_PREFIX},
	)
	assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-2000:]
	return json.loads(result.stdout.strip().splitlines()[-1])


@contextmanager
def in_chinese(*users: str):
	"""The users' language zh (committed, for the served site) for the block; afterwards what the
	block left uncommitted is rolled back and their languages restored."""
	languages = {user: frappe.db.get_value("User", user, "language") for user in users}
	for user in users:
		frappe.db.set_value("User", user, "language", "zh")
	frappe.db.commit()
	try:
		yield
	finally:
		frappe.db.rollback()
		for user, language in languages.items():
			frappe.db.set_value("User", user, "language", language)
		frappe.db.commit()
