"""The hardship register over HTTP: another branch's secretary and an ordinary member get
nothing of a case; the member reads his own case as the rules allow."""

import json

import frappe
import pytest

from tests.support.factories import make_urgent_case
from tests.support.http import shown

SITUATION = "患尿毒症，每周透析三次"


@pytest.fixture(scope="module")
def case(world, committed):
	frappe.set_user("Administrator")
	name = make_urgent_case(world.members.mem_a, SITUATION).name
	frappe.db.commit()
	return name


@pytest.mark.parametrize("who", ["sec_b", "mem_b"])
def test_others_get_nothing_of_a_case(world, login, case, who):
	s = login(world.users[who])
	r = s.get(f"{s.base_url}/api/resource/Hardship Case/{case}", timeout=30)
	assert r.status_code == 403 and SITUATION not in shown(r)
	r = s.get(f"{s.base_url}/api/resource/Hardship Case", params={"limit_page_length": 0}, timeout=30)
	assert case not in {row["name"] for row in r.json().get("data", [])}
	r = s.get(
		f"{s.base_url}/api/method/frappe.client.get_count",
		params={"doctype": "Hardship Case", "filters": json.dumps({"name": case})},
		timeout=30,
	)
	assert r.status_code == 403 or r.json()["message"] == 0
	r = s.get(f"{s.base_url}/api/method/party_care.hardship.register.get_my_case", timeout=30)
	assert SITUATION not in shown(r)


def test_own_secretary_reads_the_sensitive_details(world, login, case):
	s = login(world.users.sec_a)
	data = s.get(f"{s.base_url}/api/resource/Hardship Case/{case}", timeout=30).json()["data"]
	assert data["situation"] == SITUATION and data["per_capita_income"] == 9000


def test_committee_and_auditor_read_the_details(world, login, case):
	for who in ("committee", "auditor"):
		s = login(world.users[who])
		assert (
			s.get(f"{s.base_url}/api/resource/Hardship Case/{case}", timeout=30).json()["data"]["situation"]
			== SITUATION
		)


def test_member_reads_his_own_case_as_the_rules_allow(world, login, case):
	s = login(world.users.mem_a)
	r = s.get(f"{s.base_url}/api/resource/Hardship Case/{case}", timeout=30)
	assert r.status_code == 200
	assert "situation" not in r.json()["data"]  # permlevel 1 is not in the Party Member role
	mine = s.get(f"{s.base_url}/api/method/party_care.hardship.register.get_my_case", timeout=30).json()[
		"message"
	]
	assert mine["name"] == case and mine["situation"] == SITUATION
	r = s.put(
		f"{s.base_url}/api/resource/Hardship Case/{case}", json={"hardship_level": "General"}, timeout=30
	)
	assert r.status_code == 403
