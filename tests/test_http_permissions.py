"""Over HTTP, as a REST client: each role logs in and gets exactly what the model allows."""

import json

import pytest

from tests.support.http import shown


def _list(session, doctype, **params):
	params.setdefault("limit_page_length", 0)
	params.setdefault("fields", json.dumps(["name"]))
	r = session.get(f"{session.base_url}/api/resource/{doctype}", params=params, timeout=30)
	assert r.status_code == 200, r.text[:300]
	return {row["name"] for row in r.json()["data"]}


def _get(session, doctype, name):
	return session.get(f"{session.base_url}/api/resource/{doctype}/{name}", timeout=30)


def test_branch_secretary_lists_only_his_subtree(world, login):
	from tests.support.world import members_under

	names = _list(login(world.users.sec_a), "Member")
	m = world.members
	assert names == members_under(world.orgs.branch_a)
	assert {m.sec_a, m.gb_sec, m.mem_a, m.other_a} <= names
	assert not names & {m.sec_b, m.mem_b, m.other_b}


def test_branch_secretary_cannot_read_other_branch_member(world, login):
	r = _get(login(world.users.sec_a), "Member", world.members.mem_b)
	assert r.status_code == 403
	assert "刘德明" not in shown(r)


def test_branch_secretary_cannot_edit_other_branch_member(world, login):
	s = login(world.users.sec_a)
	r = s.put(
		f"{s.base_url}/api/resource/Member/{world.members.mem_b}", json={"phone": "13900000000"}, timeout=30
	)
	assert r.status_code == 403


def test_branch_secretary_cannot_count_or_filter_other_branch(world, login):
	s = login(world.users.sec_a)
	r = s.get(
		f"{s.base_url}/api/method/frappe.client.get_count",
		params={"doctype": "Member", "filters": json.dumps({"party_organization": world.orgs.branch_b})},
		timeout=30,
	)
	assert r.status_code == 200 and r.json()["message"] == 0


def test_branch_secretary_export_holds_only_his_members(world, login):
	s = login(world.users.sec_a)
	r = s.post(
		f"{s.base_url}/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": "Member",
			"file_format_type": "CSV",
			"fields": json.dumps(["`tabMember`.`name`", "`tabMember`.`full_name`"]),
			"filters": json.dumps([]),
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	text = r.content.decode("utf-8-sig")
	assert "王秀英" in text
	for other in ("刘德明", "周淑珍", "陈海燕"):
		assert other not in text


def test_branch_secretary_cannot_create_member_in_other_branch(world, login):
	from tests.support.factories import member_values

	s = login(world.users.sec_a)
	values = member_values(world.orgs.branch_b)
	values = {k: str(v) for k, v in values.items()}
	r = s.post(f"{s.base_url}/api/resource/Member", json=values, timeout=30)
	assert r.status_code == 403, r.text[:300]


def test_party_member_sees_only_himself(world, login):
	s = login(world.users.mem_a)
	assert _list(s, "Member") == {world.members.mem_a}
	assert _get(s, "Member", world.members.mem_a).status_code == 200
	assert _get(s, "Member", world.members.other_a).status_code == 403


def test_party_member_cannot_edit_his_record(world, login):
	s = login(world.users.mem_a)
	r = s.put(
		f"{s.base_url}/api/resource/Member/{world.members.mem_a}",
		json={"party_organization": "x"},
		timeout=30,
	)
	assert r.status_code == 403


@pytest.mark.parametrize("role_user", ["committee", "auditor"])
def test_id_number_is_masked_for_committee_and_auditor(world, login, role_user):
	r = _get(login(world.users[role_user]), "Member", world.members.mem_a)
	assert r.status_code == 200
	data = r.json()["data"]
	assert "id_number" not in data or not data["id_number"]
	assert "**********" in data["id_number_masked"]


def test_secretary_reads_full_id_number_of_his_member(world, login):
	data = _get(login(world.users.sec_a), "Member", world.members.mem_a).json()["data"]
	assert len(data["id_number"]) == 18 and "*" not in data["id_number"]
	assert data["age"] > 0 and data["party_standing"] > 0


def test_auditor_cannot_write(world, login):
	s = login(world.users.auditor)
	r = s.put(f"{s.base_url}/api/resource/Member/{world.members.mem_a}", json={"phone": "1"}, timeout=30)
	assert r.status_code == 403


def test_bad_input_over_rest_gets_translated_error_and_saves_nothing(world, login):
	from tests.support.factories import member_values

	s = login(world.users.officer)
	values = {k: str(v) for k, v in member_values(world.orgs.branch_a).items()}
	values["id_number"] = values["id_number"][:17] + ("1" if values["id_number"][17] != "1" else "2")
	r = s.post(f"{s.base_url}/api/resource/Member", json=values, timeout=30)
	assert r.status_code == 417
	assert "InvalidIDNumberError" in r.json().get("exc_type", "")
	count = s.get(
		f"{s.base_url}/api/method/frappe.client.get_count",
		params={"doctype": "Member", "filters": json.dumps({"full_name": values["full_name"]})},
		timeout=30,
	).json()["message"]
	assert count == 0
