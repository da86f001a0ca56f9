"""A record about a member belongs to the member's organisation, and only who may act for that
organisation creates it or moves it there — over REST, as the real users.

Frappe checks the create and write permission (a Branch Secretary's User Permissions on Party
Organization) with the values the client sent: before the controller computes the record's
organisation from its member, and on save before it fetches the new member's organisation. So
a secretary of branch A could create a Member Event, Hardship Case or Dues Relief Application
for a member of branch B, or point a draft of his own branch (any of the records below) at a
member of branch B: saved, in branch B. Each case here is refused (a translated 403) and
nothing is saved; the secretary's own branch works as before, and so do the app's own routes
(a member reporting an event about a fellow member of his branch).
"""

import re

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from tests.support.factories import make_fund, make_member
from tests.support.http import error_text

ZH = {"_lang": "zh"}
HAN = re.compile(r"[\u4e00-\u9fff]")
PAST_YEAR = getdate(today()).year - 3  # this year's commendation quotas belong to the honours tests


def _values(doctype: str, world, fund: str) -> dict:
	"""What a client sends to create `doctype` for a member (the member itself added by the test)."""
	return {
		"Visit": {"visit_reason": "Routine Visit", "due_date": add_days(today(), 3)},
		"Member Event": {"event_type": "Serious Setback", "event_date": today(), "details": "家中失火"},
		"Hardship Case": {"hardship_type": "Illness", "hardship_level": "General", "situation": "慢性病"},
		"Fund Application": {
			"care_fund": fund,
			"purpose": "Serious Illness or Disaster Relief",
			"amount_requested": 300,
			"reason": "住院治疗",
		},
		"Dues Relief Application": {
			"relief_type": "Reduction",
			"monthly_dues": 20,
			"reduced_dues": 5,
			"period_from": today(),
			"period_to": add_days(today(), 364),
			"reason": "长期患病",
		},
		"Commendation": {
			"award_type": "Excellent Party Member",
			"year": PAST_YEAR,
			"citation": "带头攻坚克难",
		},
		# a post in his own organisation: the member is the one who belongs elsewhere
		"Party Worker Post": {
			"party_organization": world.orgs.branch_a,
			"post": "Secretary",
			"start_date": "2015-01-01",
		},
		"Pioneer Post": {"post_name": "党员示范岗", "from_date": today()},
		"Volunteer Service": {"service_date": today(), "hours": 2, "service": "为社区独居老人打扫卫生"},
	}[doctype]


# Records a Branch Secretary creates, each about a member (party_organization: the member's)
SECRETARY_CREATES = [
	"Visit",
	"Member Event",
	"Hardship Case",
	"Fund Application",
	"Dues Relief Application",
	"Commendation",
	"Party Worker Post",
	"Pioneer Post",
	"Volunteer Service",
]
# Records only the app or officers write: refused to a secretary by their DocType permissions
APP_WRITES = {
	"Care Payment Line": {"occasion": "Other", "amount": 100},
	"Fund Ledger Entry": {"entry_type": "Payment", "amount": 100},
	"Political Birthday Greeting": {"year": PAST_YEAR},
}


@pytest.fixture(scope="module")
def fund(world, committed):
	frappe.set_user("Administrator")
	name = make_fund("测试归属范围资金", opening=5000).name
	frappe.db.commit()
	return name


CREATED_MEMBERS: list[str] = []
CREATED_RECORDS: list[tuple[str, str]] = []


def _member(org: str) -> str:
	"""A fresh committed member (one open hardship case, one nomination per member and year)."""
	frappe.set_user("Administrator")
	name = make_member(org).name
	frappe.db.commit()
	CREATED_MEMBERS.append(name)
	return name


@pytest.fixture(scope="module", autouse=True)
def remove_what_the_server_saved(world, committed):
	"""The server commits what it saves: take it away again, with Frappe's own delete (its hooks keep
	the monthly visit counts right), so the tests that count a branch's records see only theirs
	(then `committed` removes whatever else the module made)."""
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	members = CREATED_MEMBERS or [""]
	records = list(CREATED_RECORDS)
	for doctype in ("Visit", *SECRETARY_CREATES, "Member"):
		field = "name" if doctype == "Member" else "member"
		records += [
			(doctype, name)
			for name in frappe.get_all(doctype, filters={field: ["in", members]}, pluck="name")
		]
	for doctype, name in records:
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()


_messages = (
	error_text  # Frappe 16 sends a refused permission's message as `_error_message` (15: a server message)
)


def _assert_refused(response):
	assert response.status_code == 403, response.text[:400]
	assert "PermissionError" in response.json().get("exc_type", ""), response.text[:400]
	assert HAN.search(_messages(response)), _messages(response)  # said in Chinese


def _rows(doctype: str, **filters) -> list:
	frappe.db.rollback()  # see what the server committed
	return frappe.get_all(doctype, filters=filters, fields=["name", "member", "party_organization"])


def _create(session, doctype: str, body: dict):
	return session.post(f"{session.base_url}/api/resource/{doctype}", json={**body, **ZH}, timeout=60)


def _update(session, doctype: str, name: str, values: dict):
	return session.put(f"{session.base_url}/api/resource/{doctype}/{name}", json={**values, **ZH}, timeout=60)


# --- a Branch Secretary ---------------------------------------------------------------------------


@pytest.mark.parametrize("doctype", SECRETARY_CREATES)
def test_secretary_creates_records_for_members_of_his_branch(world, login, fund, doctype):
	own = _member(world.orgs.branch_a)
	r = _create(login(world.users.sec_a), doctype, {"member": own, **_values(doctype, world, fund)})
	assert r.status_code == 200, r.text[:400]
	assert r.json()["data"]["party_organization"] == world.orgs.branch_a


@pytest.mark.parametrize("doctype", SECRETARY_CREATES)
def test_secretary_cannot_create_a_record_for_a_member_of_another_branch(world, login, fund, doctype):
	other = _member(world.orgs.branch_b)
	r = _create(login(world.users.sec_a), doctype, {"member": other, **_values(doctype, world, fund)})
	_assert_refused(r)
	assert _rows(doctype, member=other) == []


@pytest.mark.parametrize("doctype", SECRETARY_CREATES)
def test_secretary_cannot_move_a_record_of_his_branch_to_a_member_of_another_branch(
	world, login, fund, doctype
):
	s = login(world.users.sec_a)
	own, other = _member(world.orgs.branch_a), _member(world.orgs.branch_b)
	r = _create(s, doctype, {"member": own, **_values(doctype, world, fund)})
	assert r.status_code == 200, r.text[:400]
	name = r.json()["data"]["name"]
	values = {"member": other}
	if doctype == "Commendation":  # an organisation above the new member's, outside the secretary's scope
		values["nominating_organization"] = world.orgs.committee
	_assert_refused(_update(s, doctype, name, values))
	(row,) = _rows(doctype, name=name)
	assert (row.member, row.party_organization) == (own, world.orgs.branch_a)
	assert _rows(doctype, member=other) == []


def test_secretary_cannot_move_a_record_through_set_value(world, login, fund):
	"""frappe.client.set_value saves the document too: the same check."""
	s = login(world.users.sec_a)
	own, other = _member(world.orgs.branch_a), _member(world.orgs.branch_b)
	name = _create(s, "Member Event", {"member": own, **_values("Member Event", world, fund)}).json()["data"][
		"name"
	]
	r = s.post(
		f"{s.base_url}/api/method/frappe.client.set_value",
		json={"doctype": "Member Event", "name": name, "fieldname": "member", "value": other, **ZH},
		timeout=60,
	)
	_assert_refused(r)
	assert _rows("Member Event", name=name)[0]["party_organization"] == world.orgs.branch_a


@pytest.mark.parametrize("doctype", sorted(APP_WRITES))
def test_secretary_cannot_create_records_only_the_app_writes(world, login, doctype):
	other = _member(world.orgs.branch_b)
	body = {"member": other, "party_organization": world.orgs.branch_a, **APP_WRITES[doctype]}
	_assert_refused(_create(login(world.users.sec_a), doctype, body))
	assert _rows(doctype, member=other) == []


# --- a Party Member ------------------------------------------------------------------------------


@pytest.mark.parametrize("doctype", ["Fund Application", "Dues Relief Application", "Commendation"])
def test_member_cannot_create_a_record_for_a_fellow_member(world, login, fund, doctype):
	fellow = _member(world.orgs.group_a)
	_assert_refused(
		_create(login(world.users.mem_a), doctype, {"member": fellow, **_values(doctype, world, fund)})
	)
	assert _rows(doctype, member=fellow) == []


@pytest.mark.parametrize("doctype", ["Fund Application", "Dues Relief Application"])
def test_member_cannot_turn_his_own_draft_into_a_fellow_members(world, login, fund, doctype):
	s = login(world.users.mem_a)
	r = _create(s, doctype, {"member": world.members.mem_a, **_values(doctype, world, fund)})
	assert r.status_code == 200, r.text[:400]
	name = r.json()["data"]["name"]
	CREATED_RECORDS.append((doctype, name))  # his own: not found through the members made here
	fellow = _member(world.orgs.group_a)
	_assert_refused(_update(s, doctype, name, {"member": fellow}))
	assert _rows(doctype, name=name)[0]["member"] == world.members.mem_a


def test_member_still_reports_an_event_about_a_fellow_member_of_his_branch(world, login):
	"""The app's own route (report_event inserts with ignore_permissions) is not the REST route."""
	fellow = _member(world.orgs.branch_a)
	s = login(world.users.mem_a)
	r = s.post(
		f"{s.base_url}/api/method/party_care.care_visits.visits.report_event",
		json={"member": fellow, "event_type": "Serious Setback", **ZH},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:400]
	assert [row.party_organization for row in _rows("Member Event", member=fellow)] == [world.orgs.branch_a]
	stranger = _member(world.orgs.branch_b)
	r = s.post(
		f"{s.base_url}/api/method/party_care.care_visits.visits.report_event",
		json={"member": stranger, "event_type": "Serious Setback", **ZH},
		timeout=60,
	)
	_assert_refused(r)
	assert _rows("Member Event", member=stranger) == []
