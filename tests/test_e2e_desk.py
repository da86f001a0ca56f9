"""The desk in a real browser: a branch secretary logs in (in Chinese), opens the workspace,
creates a visit, moves a fund application one step with the workflow action button, opens a
report and a print preview. Screenshots go to screenshots/ (see the README)."""

import os
import re

import frappe
import pytest

from party_care.compat import DESK_PREFIX, V16
from tests.support.browser import SHOTS, in_chinese, run_script
from tests.support.factories import make_application, make_fund
from tests.support.routes import fund_act as act
from tests.support.world import PASSWORD


@pytest.fixture(scope="module")
def desk_data(world, committed):
	frappe.set_user("Administrator")
	fund = make_fund("测试浏览器资金", opening=3000).name
	application = make_application(world.members.mem_a, fund, amount=600, user=world.users.mem_a).name
	act(application, "Submit", world.users.mem_a)
	with in_chinese(world.users.sec_a):
		yield frappe._dict(application=application)


def test_secretary_works_in_the_desk_in_chinese(world, server, desk_data):
	os.makedirs(SHOTS, exist_ok=True)
	seen = run_script(
		"desk.js",
		server,
		world.users.sec_a,
		PASSWORD,
		SHOTS,
		desk_data.application,
		world.members.other_a,
	)
	assert seen["lang"] == "zh"
	frappe_only = {"Build", "Tools", "Users", "Website", "Integrations", "System", "Data"}
	if V16:  # the desktop's icons list the workspaces he may open (desk.js)
		assert "Party Care" in {label for label, parent in seen["desktop"] if not parent}, seen["desktop"]
		assert not frappe_only & {label for label, _ in seen["desktop"]}, seen["desktop"]
	else:
		assert "Party Care" in seen["sidebar"]
		assert not frappe_only & set(seen["sidebar"]), seen["sidebar"]
	assert seen["landed"].startswith(DESK_PREFIX), seen["landed"]
	assert seen["application_state"] == "Department Review"
	assert seen["waiting_route"].endswith("/fund-application"), seen["waiting_route"]  # 待我办理 leads there
	assert not [c for c in seen["cards"] if " K" in c or " M" in c], seen["cards"]
	cut = [t for t in seen["axis_labels"] if t.endswith("..") or re.match(r"^[A-Z][a-z]{2} \d{4}$", t)]
	assert not cut, seen["axis_labels"]
	assert "合计" in seen["total_row"] and "Total" not in seen["total_row"], seen["total_row"]
	frappe.db.rollback()  # read what the browser committed
	assert (
		frappe.db.get_value("Fund Application", desk_data.application, "workflow_state")
		== "Department Review"
	)
	assert frappe.db.get_value("Visit", seen["visit"], ["member", "owner"]) == (
		world.members.other_a,
		world.users.sec_a,
	)
	for name in (
		"01-workspace.png",
		"03-visit-saved.png",
		"05-application-passed.png",
		"06-report-care-coverage.png",
		"07-print-preview.png",
	):
		assert os.path.getsize(os.path.join(SHOTS, name)) > 10_000, name
	assert not seen["errors"], seen["errors"]
