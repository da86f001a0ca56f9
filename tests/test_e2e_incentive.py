"""The incentive side in a real browser (tests/e2e/incentive.js): branch A's secretary writes his
report on his party-building assessment in the desk and cannot score it, then reads his published
grade and its rectification; a member on a phone reads his honour with the study arranged for it,
his pioneer post and his volunteer hours on /my-care. Screenshots go outside git
($PARTY_CARE_SHOTS, default /root/shots/incentive, else screenshots/incentive)."""

import os

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests.support.browser import SHOTS, in_chinese, run_script
from tests.support.incentive import make_round, open_assessments, score, to_published
from tests.support.routes import EXCELLENT_MEMBER, make_commendation, to_awarded
from tests.support.world import PASSWORD

YEAR = getdate(today()).year
PLACE = "庐山干部疗养院"


def shots_dir() -> str:
	wanted = os.environ.get("PARTY_CARE_SHOTS") or "/root/shots/incentive"
	try:
		os.makedirs(wanted, exist_ok=True)
		return wanted
	except OSError:
		fallback = os.path.join(SHOTS, "incentive")
		os.makedirs(fallback, exist_ok=True)
		return fallback


@pytest.fixture(scope="module")
def browser_data(world, committed):
	"""Branch A's assessment of a past round published 较差 (with its rectification), its draft in
	another round; mem_a's award with a rest arranged, a pioneer post and volunteer service."""
	frappe.set_user("Administrator")
	published_round = committed.add(make_round(world, year=YEAR - 5))
	published = open_assessments(world, published_round.name)[world.orgs.branch_a]
	score(published, world.users.officer, 40)
	doc = to_published(world, published, grade="较差")
	draft_round = committed.add(make_round(world, year=YEAR - 4))
	draft = open_assessments(world, draft_round.name)[world.orgs.branch_a]
	award = make_commendation(
		world.members.mem_a, EXCELLENT_MEMBER, user=world.users.sec_a, year=YEAR - 5
	).name
	to_awarded(award, world)
	frappe.get_doc(
		doctype="Honour Arrangement",
		commendation=award,
		arrangement_kind="Rest and Recuperation",
		from_date=add_days(today(), 10),
		to_date=add_days(today(), 16),
		place=PLACE,
	).insert()
	frappe.get_doc(
		doctype="Pioneer Post", member=world.members.mem_a, post_name="党员便民服务先锋岗", from_date=today()
	).insert()
	frappe.get_doc(
		doctype="Volunteer Service",
		member=world.members.mem_a,
		service_date=today(),
		hours=3.5,
		service="为独居老人代购药品",
	).insert()
	with in_chinese(world.users.sec_a, world.users.mem_a):
		yield frappe._dict(draft=draft, published=published, rectification=doc.rectification)


def test_the_secretarys_assessment_and_the_members_page(world, server, browser_data):
	shots = shots_dir()
	seen = run_script(
		"incentive.js",
		server,
		world.users.sec_a,
		world.users.mem_a,
		PASSWORD,
		shots,
		browser_data.draft,
		browser_data.published,
	)
	assert seen["lang"] == "zh"
	# the secretary: his report saved, the scores not his to write, his grade and rectification shown
	assert seen["draft_state"] == "Draft" and seen["report_label"] == "述职要点"
	assert not seen["scores_writable"]
	assert seen["report_submitted_on"] == today()
	assert seen["published_state"] == "Published" and "较差" in seen["grade_shown"], seen["grade_shown"]
	assert seen["rectification"] == browser_data.rectification
	frappe.db.rollback()  # read what the browser committed
	assert frappe.db.get_value("Party Building Assessment", browser_data.draft, "report_summary").startswith(
		"一年来"
	)
	# the member: his honour with the rest arranged for it, in Chinese, nothing wider than the phone
	assert seen["member_landed"] == "/my-care"
	assert any("优秀共产党员" in h for h in seen["honours"]), seen["honours"]
	assert any(PLACE in a and "休假疗养" in a and "已提供" in a for a in seen["arrangements"]), seen[
		"arrangements"
	]
	assert any("党员便民服务先锋岗" in p for p in seen["pioneer"]), seen["pioneer"]
	assert "3.5" in seen["volunteer_hours"]
	assert not seen["overflow"]
	for name in (
		"incentive-02-assessment-saved.png",
		"incentive-03-assessment-published.png",
		"incentive-04-member-page.png",
	):
		assert os.path.getsize(os.path.join(shots, name)) > 10_000, name
	assert not seen["errors"], seen["errors"]
