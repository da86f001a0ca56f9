"""What users typed is shown as text on every page the app renders: a name carrying a link, an
image or a style block must not become a phishing link, a tracking pixel or page-wide CSS on the
official notice page, in a printed form, or in the bell."""

import frappe
import pytest
from frappe.utils import today

from tests.support.factories import make_application, make_fund, make_member
from tests.support.http import shown
from tests.support.routes import decide
from tests.support.routes import fund_act as act

LINK = '<a href="https://evil.example/login">点此领取补助</a>'
PIXEL = '<img src="https://evil.example/pixel.gif">'
STYLE = "<style>body{display:none}</style>"
HOSTILE_NAME = f"王{LINK}{PIXEL}{STYLE}"
RAW = ('<a href="https://evil', '<img src="https://evil', "<style>body")  # the page has links of its own


@pytest.fixture(scope="module")
def hostile(world, committed):
	"""A member whose name carries markup, with an application on public notice (committed)."""
	frappe.set_user("Administrator")
	fund = make_fund("测试转义资金", opening=5000).name
	member = make_member(world.orgs.branch_a, full_name=HOSTILE_NAME).name
	stored = frappe.db.get_value("Member", member, "full_name")
	# what Frappe's sanitizer keeps is what the pages must escape (Frappe 16 adds rel= to the link and
	# drops the style block; 15 keeps all three)
	assert RAW[0] in stored and RAW[1] in stored, f"Frappe's sanitizer dropped the markup: {stored}"
	name = make_application(member, fund, amount=300, user=world.users.sec_a, reason=f"理由{LINK}").name
	act(name, "Submit", world.users.sec_a)
	act(
		name,
		"Pass Branch Review",
		world.users.sec_a,
		branch_meeting_date=today(),
		branch_resolution=f"同意{STYLE}",
		votes_for=20,
		votes_against=0,
		votes_abstain=0,
	)
	act(name, "Accept", world.users.officer, department_opinion=f"属实{PIXEL}")
	decide(name, world, 300)
	frappe.db.commit()
	return frappe._dict(member=member, application=name, stored_name=stored)


def test_notice_page_shows_a_hostile_name_as_text(world, login, hostile):
	s = login(world.users.mem_b)
	r = s.get(f"{s.base_url}/notices", timeout=30)
	assert r.status_code == 200
	assert hostile.application in r.text
	for raw in RAW:
		assert raw not in shown(r), raw
	assert "&lt;a href=" in r.text and "&lt;img src=" in r.text
	if "<style>" in hostile.stored_name:
		assert "&lt;style&gt;" in r.text


def test_notice_page_shows_dates_and_one_objection_button_per_row(world, login, hostile):
	import re

	s = login(world.users.mem_b)
	html = s.get(f"{s.base_url}/notices", timeout=30).text
	row = re.search(rf'<tr data-name="{re.escape(hostile.application)}">(.*?)</tr>', html, re.S).group(1)
	assert row.count("objection-open") == 1
	assert "<form" in row and " hidden" in row  # the form opens only when asked for
	assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row), "deadline shown as a datetime"


@pytest.mark.parametrize("print_format", ["Fund Application Form", "Fund Public Notice"])
def test_printed_forms_show_a_hostile_name_as_text(world, hostile, print_format):
	html = frappe.get_print("Fund Application", hostile.application, print_format=print_format)
	for raw in RAW:
		assert raw not in html.replace("<style>\n", "").replace('<style type="text/css">', ""), raw
	assert "&lt;a href=" in html


def test_bell_notification_shows_a_hostile_name_as_text(world, hostile):
	subjects = frappe.get_all(
		"Notification Log",
		filters={"document_type": "Fund Application", "document_name": hostile.application},
		pluck="subject",
	)
	assert subjects, "the route's steps notify someone"
	for subject in subjects:
		for raw in RAW:
			assert raw not in subject, subject
	assert any("&lt;a href=" in s for s in subjects)
