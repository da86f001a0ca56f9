"""In Chromium: a branch secretary opens a holiday batch in Branch Confirmation, sees only his
branch's lines waiting, and confirms them with the form's button (screenshots in screenshots/)."""

import json
import os
import shutil
import subprocess

import frappe
import pytest

from party_care.compat import DESK_PREFIX
from tests.support.factories import make_fund
from tests.support.prints import own_assets_cache
from tests.support.routes import batch_act as act
from tests.support.routes import lines, make_batch, make_standard, martyr_family
from tests.support.site import SITE
from tests.support.world import PASSWORD

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHOTS = os.path.join(ROOT, "screenshots")


@pytest.fixture(scope="module")
def batch_data(world, committed):
	frappe.set_user("Administrator")
	fund = make_fund("测试浏览器慰问资金", opening=5000).name
	standard = "测试浏览器慰问标准"
	if not frappe.db.exists("Care Standard", standard):
		make_standard(standard)
	members = [
		martyr_family(world.orgs.branch_a, full_name="浏览器烈属甲"),
		martyr_family(world.orgs.group_a, full_name="浏览器烈属乙"),
		martyr_family(world.orgs.branch_b, full_name="浏览器烈属丙"),
	]
	batch = make_batch(world, fund, occasion="New Year", standard=standard)
	act(batch, "Submit", world.users.officer)
	language = frappe.db.get_value("User", world.users.sec_a, "language")
	frappe.db.set_value("User", world.users.sec_a, "language", "zh")
	frappe.db.commit()
	yield frappe._dict(batch=batch, members=members)
	frappe.db.rollback()
	frappe.db.set_value("User", world.users.sec_a, "language", language)
	frappe.db.commit()


def test_secretary_confirms_his_branch_lines_in_the_browser(world, server, batch_data):
	node = shutil.which("node")
	assert node, "Node.js is needed for the browser test"
	os.makedirs(SHOTS, exist_ok=True)
	base = server.replace("127.0.0.1", SITE)
	own_assets_cache(server)
	result = subprocess.run(
		[
			node,
			os.path.join(ROOT, "tests", "e2e", "batch.js"),
			base,
			world.users.sec_a,
			PASSWORD,
			SHOTS,
			batch_data.batch,
		],
		capture_output=True,
		text=True,
		timeout=300,
		cwd=ROOT,
		env={**os.environ, "PARTY_CARE_DESK": DESK_PREFIX},
	)
	assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-2000:]
	seen = json.loads(result.stdout.strip().splitlines()[-1])
	# he sees his subtree's organisations only, two lines waiting, then none
	assert dict(seen["before"]) == {world.orgs.branch_a: "1", world.orgs.group_a: "1"}
	assert dict(seen["after"]) == {world.orgs.branch_a: "0", world.orgs.group_a: "0"}
	assert seen["state_label"] == "支部确认"
	frappe.db.rollback()  # read what the browser committed
	status = {r.member: r.status for r in lines(batch_data.batch)}
	assert status == {
		batch_data.members[0]: "Confirmed",
		batch_data.members[1]: "Confirmed",
		batch_data.members[2]: "Proposed",
	}
	for name in ("batch-01-to-confirm.png", "batch-02-confirmed.png"):
		assert os.path.getsize(os.path.join(SHOTS, name)) > 10_000, name
	assert not seen["errors"], seen["errors"]
