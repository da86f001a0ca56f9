"""The incentive side in a real browser (tests/e2e/incentive.js): branch A's secretary writes his
report on his party-building assessment in the desk and cannot score it, then reads his published
grade and its rectification; a member on a phone reads his honour with the study arranged for it,
his pioneer post and his volunteer hours on /my-care. Screenshots go outside git
($PARTY_CARE_SHOTS, default /root/shots/incentive, else screenshots/incentive)."""

import json
import os
import shutil
import subprocess

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from party_care.compat import DESK_PREFIX
from tests.support.incentive import make_round, open_assessments, score, to_published
from tests.support.routes import EXCELLENT_MEMBER, make_commendation, to_awarded
from tests.support.site import SITE
from tests.support.world import PASSWORD

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YEAR = getdate(today()).year
PLACE = "庐山干部疗养院"


def shots_dir() -> str:
	wanted = os.environ.get("PARTY_CARE_SHOTS") or "/root/shots/incentive"
	try:
		os.makedirs(wanted, exist_ok=True)
		return wanted
	except OSError:
		fallback = os.path.join(ROOT, "screenshots", "incentive")
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
	languages = {
		u: frappe.db.get_value("User", u, "language") for u in (world.users.sec_a, world.users.mem_a)
	}
	for user in languages:
		frappe.db.set_value("User", user, "language", "zh")
	frappe.db.commit()
	yield frappe._dict(draft=draft, published=published, rectification=doc.rectification)
	frappe.db.rollback()
	for user, language in languages.items():
		frappe.db.set_value("User", user, "language", language)
	frappe.db.commit()


def test_the_secretarys_assessment_and_the_members_page(world, server, browser_data):
	node = shutil.which("node")
	assert node, "Node.js is needed for the browser test"
	shots = shots_dir()
	base = server.replace("127.0.0.1", SITE)  # Chromium resolves *.localhost to loopback
	result = subprocess.run(
		[
			node,
			os.path.join(ROOT, "tests", "e2e", "incentive.js"),
			base,
			world.users.sec_a,
			world.users.mem_a,
			PASSWORD,
			shots,
			browser_data.draft,
			browser_data.published,
		],
		capture_output=True,
		text=True,
		timeout=300,
		cwd=ROOT,
		env={**os.environ, "PARTY_CARE_DESK": DESK_PREFIX},
	)
	assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-2000:]
	seen = json.loads(result.stdout.strip().splitlines()[-1])
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
