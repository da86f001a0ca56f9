"""Visits over HTTP: another branch's secretary cannot see or edit them."""

import json

import frappe
import pytest
from frappe.utils import add_days, today


@pytest.fixture(scope="module")
def branch_a_visit(world, committed):
	frappe.set_user("Administrator")
	event = frappe.get_doc(
		doctype="Member Event",
		member=world.members.other_a,
		event_type="Hospitalisation or Serious Illness",
		event_date=add_days(today(), -1),
		details="因心脏病住院",
	).insert()
	frappe.db.commit()
	return event.visit


def test_other_branch_secretary_cannot_read_or_edit_visit(world, login, branch_a_visit):
	s = login(world.users.sec_b)
	url = f"{s.base_url}/api/resource/Visit/{branch_a_visit}"
	assert s.get(url, timeout=30).status_code == 403
	assert s.put(url, json={"status": "Cancelled", "cancel_reason": "x"}, timeout=30).status_code == 403
	r = s.get(f"{s.base_url}/api/resource/Visit", params={"limit_page_length": 0}, timeout=30)
	assert branch_a_visit not in {row["name"] for row in r.json()["data"]}
	r = s.get(
		f"{s.base_url}/api/method/frappe.client.get_count",
		params={"doctype": "Visit", "filters": json.dumps({"name": branch_a_visit})},
		timeout=30,
	)
	assert r.json()["message"] == 0


def test_own_branch_secretary_completes_the_visit(world, login, branch_a_visit):
	s = login(world.users.sec_a)
	url = f"{s.base_url}/api/resource/Visit/{branch_a_visit}"
	r = s.put(
		url,
		json={
			"status": "Done",
			"visit_date": today(),
			"notes": "病情稳定",
			"visitors": [{"visitor": world.members.sec_a}],
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["data"]["status"] == "Done"


def test_other_member_cannot_read_event_details(world, login, branch_a_visit):
	s = login(world.users.mem_a)
	event = frappe.db.get_value("Visit", branch_a_visit, "member_event")
	assert s.get(f"{s.base_url}/api/resource/Member Event/{event}", timeout=30).status_code == 403
	assert s.get(f"{s.base_url}/api/resource/Visit/{branch_a_visit}", timeout=30).status_code == 403
