"""Issue 21 point 5: what a secretary and the officer need on a holiday batch — the batches,
standards and allowance plans on the workspace, several lines removed at once (all or none),
a word on the secretary's own line that he may not confirm. Self-contained: imports only
batchroute (act, as_user, elderly, lines, make_batch, make_standard, martyr_family) and
factories (make_fund)."""

import json

import frappe
import pytest
from frappe.translate import get_all_translations

from party_care.care_batches import batches
from tests.support.factories import make_fund
from tests.support.routes import as_user, elderly, lines, make_batch, make_standard, martyr_family
from tests.support.routes import batch_act as act


@pytest.fixture
def batch(world):
	fund = make_fund("测试慰问资金", opening=20000).name
	make_standard()
	people = frappe._dict(
		a1=elderly(world.orgs.branch_a, full_name="批量甲"),
		a2=martyr_family(world.orgs.branch_a, full_name="批量乙"),
		b1=martyr_family(world.orgs.branch_b, full_name="批量丙"),
	)
	name = make_batch(world, fund)
	act(name, "Submit", world.users.officer)
	by_member = {r.member: r.name for r in lines(name)}
	return frappe._dict(name=name, line=frappe._dict({k: by_member[v] for k, v in people.items()}))


def _status(line):
	return frappe.db.get_value("Care Payment Line", line, "status")


def test_a_secretary_removes_several_lines_with_one_reason(world, batch):
	result = as_user(
		world.users.sec_a, batches.remove_lines, json.dumps([batch.line.a1, batch.line.a2]), "已迁居外地"
	)
	assert result["removed"] == 2
	assert [_status(batch.line.a1), _status(batch.line.a2)] == ["Removed", "Removed"]
	assert frappe.db.get_value("Care Payment Line", batch.line.a2, "change_reason") == "已迁居外地"


def test_lines_are_removed_all_or_none(world, batch):
	"""One line outside his branch: nothing is removed."""
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_a, batches.remove_lines, [batch.line.a1, batch.line.b1], "不在本支部")
	assert [_status(batch.line.a1), _status(batch.line.b1)] == ["Proposed", "Proposed"]
	with pytest.raises(frappe.ValidationError):
		as_user(world.users.sec_a, batches.remove_lines, "[]", "没有选择")
	with pytest.raises(frappe.ValidationError):
		as_user(world.users.sec_a, batches.remove_lines, json.dumps({"a": 1}), "格式不对")


def test_the_secretary_is_told_his_own_line_waits_for_the_organisation_above(world, batch):
	frappe.db.set_value("Member", world.members.sec_a, "is_duty_martyr_family", 1)
	name = make_batch(world, make_fund("测试慰问资金二", opening=20000).name, occasion="July 1")
	act(name, "Submit", world.users.officer)
	result = as_user(world.users.sec_a, batches.confirm_lines, name)
	assert result["own_pending"] == 1
	assert as_user(world.users.sec_b, batches.confirm_lines, name)["own_pending"] == 0


def test_the_workspace_leads_to_batches_standards_and_allowance_plans():
	workspace = frappe.get_doc("Workspace", "Party Care")
	links = {link.link_to for link in workspace.links if link.type == "Link"}
	assert {"Care Payment Batch", "Care Standard", "Care Allowance Plan", "Batch Summary"} <= links
	cards = [
		block["data"].get("card_name") for block in json.loads(workspace.content) if block["type"] == "card"
	]
	assert "Holiday Money and Allowances" in cards
	zh = get_all_translations("zh")
	assert zh["Holiday Money and Allowances"] and zh["Assessment"] == "年度考核"
