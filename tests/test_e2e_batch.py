"""In Chromium: a branch secretary opens a holiday batch in Branch Confirmation, sees only his
branch's lines waiting, and confirms them with the form's button (screenshots in screenshots/)."""

import os

import frappe
import pytest

from tests.support.browser import SHOTS, in_chinese, run_script
from tests.support.factories import make_fund
from tests.support.prints import own_assets_cache
from tests.support.routes import batch_act as act
from tests.support.routes import lines, make_batch, make_standard, martyr_family
from tests.support.world import PASSWORD


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
	with in_chinese(world.users.sec_a):
		yield frappe._dict(batch=batch, members=members)


def test_secretary_confirms_his_branch_lines_in_the_browser(world, server, batch_data):
	os.makedirs(SHOTS, exist_ok=True)
	own_assets_cache(server)
	seen = run_script(
		"batch.js",
		server,
		world.users.sec_a,
		PASSWORD,
		SHOTS,
		batch_data.batch,
	)
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
