"""Mentors and study hours (导师与学时): a young member is given a mentor, never a 50-year-old; study
sessions record hours per member (ticked or pasted from a sheet, all or nothing); the reports'
figures are the hand count; each role reads what the README says — over HTTP too."""

import datetime
import json

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from party_care.care_fund import ledger
from party_care.openness import study
from party_care.openness.report.secretary_rotation_training import secretary_rotation_training
from party_care.openness.report.study_hours_shortfall import study_hours_shortfall
from party_care.openness.report.training_fund_payments import training_fund_payments
from party_care.openness.report.young_members_without_mentor import young_members_without_mentor
from tests.support.factories import make_fund, make_member, make_user
from tests.support.http import call, error_text, shown
from tests.support.world import PASSWORD, email

YEAR = getdate(today()).year
DAY = getdate(today())
TOPIC_A = "学时测试：第一支部集中学习"
TOPIC_B = "学时测试：第二支部集中学习"
MENTOR_TOPIC = "学时测试：导师带学"
ROTATION_TOPIC = "学时测试：基层书记轮训"
NOTES = "学时测试导师计划-5521"


def born(age: int) -> dict:
	"""Dates of a full member of `age` today."""
	b = datetime.date(YEAR - age, 1, 1)
	return {
		"date_of_birth": b,
		"date_joined": datetime.date(b.year + 19, 7, 1),
		"date_full_member": datetime.date(b.year + 20, 7, 1),
	}


def session(org, kind, hours, attendees, topic="学时测试", on=None, **kwargs):
	return frappe.get_doc(
		doctype="Study Session",
		topic=topic,
		kind=kind,
		party_organization=org,
		session_date=on or today(),
		hours=hours,
		attendees=[a if isinstance(a, dict) else {"member": a} for a in attendees],
		**kwargs,
	)


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


@pytest.fixture(scope="module")
def hours(world, committed):
	"""Committed: a young member of branch A (with a login) mentored by sec_a, a young member of
	branch B without a mentor; branch A's collective study (3 h: mem_a, young_a, other_a for 2 h),
	the mentor's study (4 h, young_a), branch B's (5 h: mem_b, young_b) and the committee's rotation
	training (8 h: sec_a)."""
	frappe.set_user("Administrator")
	user = committed.add(
		make_user(email("young_a"), ["Party Member"], password=PASSWORD, first_name="young_a")
	)
	young_a = committed.add(
		make_member(world.orgs.group_a, full_name="学时青年甲", user=user.name, **born(25))
	)
	young_b = committed.add(make_member(world.orgs.branch_b, full_name="学时青年乙", **born(28)))
	m = world.members
	mentorship = committed.insert(
		frappe.get_doc(
			doctype="Study Mentorship",
			member=young_a.name,
			mentor=m.sec_a,
			from_date=add_days(today(), -30) if DAY.month > 1 else today(),
			notes=NOTES,
		)
	)
	a = committed.insert(
		session(
			world.orgs.branch_a,
			study.COLLECTIVE,
			3,
			[m.mem_a, young_a.name, {"member": m.other_a, "hours": 2}, {"member": m.gb_sec, "attended": 0}],
			topic=TOPIC_A,
		)
	)
	mentor = committed.insert(
		session(
			world.orgs.branch_a,
			study.MENTOR_STUDY,
			4,
			[young_a.name],
			topic=MENTOR_TOPIC,
			study_mentorship=mentorship.name,
		)
	)
	b = committed.insert(
		session(world.orgs.branch_b, study.COLLECTIVE, 5, [m.mem_b, young_b.name], topic=TOPIC_B)
	)
	rotation = committed.insert(
		session(world.orgs.committee, study.ROTATION, 8, [m.sec_a], topic=ROTATION_TOPIC)
	)
	frappe.db.commit()
	return frappe._dict(
		young_a=young_a.name,
		young_b=young_b.name,
		young_user=user.name,
		mentorship=mentorship.name,
		a=a.name,
		mentor=mentor.name,
		b=b.name,
		rotation=rotation.name,
	)


# --- mentors -------------------------------------------------------------------------------------


def test_a_fifty_year_old_gets_no_mentor_and_nothing_is_saved(world):
	older = make_member(world.orgs.branch_a, full_name="学时五十岁", **born(50))
	before = frappe.db.count("Study Mentorship")
	with pytest.raises(frappe.ValidationError, match="young members under 35"):
		frappe.get_doc(
			doctype="Study Mentorship", member=older.name, mentor=world.members.sec_a, from_date=today()
		).insert()
	assert frappe.db.count("Study Mentorship") == before


def test_the_age_limit_is_a_setting(world):
	member = make_member(world.orgs.branch_a, full_name="学时三十八岁", **born(38))
	doc = frappe.get_doc(
		doctype="Study Mentorship", member=member.name, mentor=world.members.sec_a, from_date=today()
	)
	with pytest.raises(frappe.ValidationError):
		doc.insert()
	frappe.db.set_single_value("Party Care Settings", "young_member_age", 40)
	try:
		doc.insert()
	finally:
		frappe.db.set_single_value("Party Care Settings", "young_member_age", 35)
	assert doc.age_at_start == 38 and doc.mentor_name == "张建国"


def test_one_mentor_at_a_time(world, hours):
	doc = frappe.get_doc(
		doctype="Study Mentorship", member=hours.young_a, mentor=world.members.gb_sec, from_date=today()
	)
	with pytest.raises(frappe.ValidationError, match="already has a mentor"):
		doc.insert()
	# the first one ended: the next one may start the day after
	frappe.db.set_value("Study Mentorship", hours.mentorship, "to_date", today())
	doc.from_date = add_days(today(), 1)
	doc.insert()
	assert study.current_mentorship(hours.young_a, add_days(today(), 1)).mentor == world.members.gb_sec


@pytest.mark.parametrize(
	"values, message",
	[
		({"mentor": None}, "name the mentor"),
		({"mentor": "SELF"}, "his own mentor"),
		({"mentor": None, "mentor_user": "Guest"}, "not an enabled login"),
		({"to_date": "2000-01-01"}, "cannot end before"),
	],
)
def test_bad_mentorships_are_refused(world, values, message):
	young = make_member(world.orgs.branch_a, full_name="学时青年丙", **born(22))
	values = {k: (young.name if v == "SELF" else v) for k, v in values.items()}
	doc = frappe.get_doc(
		doctype="Study Mentorship",
		**{"member": young.name, "mentor": world.members.sec_a, "from_date": today(), **values},
	)
	with pytest.raises(frappe.ValidationError, match=message):
		doc.insert()


def test_the_secretary_is_told_who_has_no_mentor(world, hours):
	rows = as_user(world.users.sec_b, young_members_without_mentor.execute, {})[1]
	assert [r.member for r in rows] == [hours.young_b]
	rows = as_user(world.users.sec_a, young_members_without_mentor.execute, {})[1]
	assert rows == []  # young_a has his mentor; branch B is not sec_a's


# --- sessions and hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"hours_, rows, message",
	[
		(-2, [], "hours lie between"),
		(0, [], "enter the hours"),
		(30, [], "hours lie between"),
		(3, [{"member": "MEM", "hours": 5}], "at most the session"),
		(3, [{"member": "MEM", "hours": -1}], "hours lie between"),
		(3, [{"member": "OUT"}], "Not current members"),
		(3, [{"member": "MEM"}, {"member": "MEM"}], "appears twice"),
	],
)
def test_bad_sessions_are_refused_and_nothing_is_saved(world, hours_, rows, message):
	names = {"MEM": world.members.mem_a, "OUT": world.members.mem_b}
	rows = [dict(r, member=names[r["member"]]) for r in rows]
	before = frappe.db.count("Study Session")
	with pytest.raises(frappe.ValidationError, match=message):
		session(world.orgs.branch_a, study.COLLECTIVE, hours_, rows).insert()
	assert frappe.db.count("Study Session") == before


def test_a_session_in_the_future_is_refused(world):
	with pytest.raises(frappe.ValidationError, match="future"):
		session(
			world.orgs.branch_a, study.COLLECTIVE, 2, [world.members.mem_a], on=add_days(today(), 3)
		).insert()


def test_rows_take_the_sessions_hours_and_unticked_rows_count_nothing(world, hours):
	doc = frappe.get_doc("Study Session", hours.a)
	got = {r.member: (r.attended, r.hours) for r in doc.attendees}
	assert got[world.members.mem_a] == (1, 3) and got[world.members.other_a] == (1, 2)
	assert got[world.members.gb_sec] == (0, 0)
	assert (doc.attendee_count, doc.total_hours) == (3, 8)


def test_attendance_pasted_from_a_sheet_is_all_or_nothing(world):
	doc = session(world.orgs.branch_a, study.COLLECTIVE, 2, []).insert()
	# an unknown name and a member of another branch: nothing added
	with pytest.raises(frappe.ValidationError, match="Nothing was added") as e:
		study.add_attendees(doc.name, f"王秀英\n{world.members.mem_b}\n无此人")
	assert "无此人" in str(e.value) and world.members.mem_b in str(e.value)
	assert not frappe.get_doc("Study Session", doc.name).attendees
	# names and IDs, as a column of a sheet (tabs, commas, blank lines), a repeat skipped
	out = study.add_attendees(doc.name, f"王秀英\r\n\n{world.members.other_a}\t赵志强，张建国")
	assert out == {"added": 3, "already": 0, "attendee_count": 3}
	assert study.add_attendees(doc.name, "王秀英")["already"] == 1
	rows = frappe.get_doc("Study Session", doc.name).attendees
	assert {r.member for r in rows} == {world.members.mem_a, world.members.other_a, world.members.sec_a}
	assert all(r.attended and r.hours == 2 for r in rows)


def test_two_members_of_one_name_need_their_ids(world):
	make_member(world.orgs.branch_a, full_name="王秀英")
	doc = session(world.orgs.branch_a, study.COLLECTIVE, 2, []).insert()
	with pytest.raises(frappe.ValidationError, match="more than one member"):
		study.add_attendees(doc.name, "王秀英")


def test_a_secretary_of_another_branch_cannot_add_attendees(world, hours):
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_b, study.add_attendees, hours.a, "王秀英")


def test_hours_per_member_of_the_year(world, hours):
	m = world.members
	assert study.member_hours(hours.young_a) == {
		"collective_hours": 3,
		"mentor_study_hours": 4,
		"rotation_hours": 0,
		"total_hours": 7,
	}
	assert study.member_hours(m.sec_a)["collective_hours"] == 8  # 书记轮训 is collective training
	assert study.member_hours(m.gb_sec)["total_hours"] == 0  # listed, not ticked
	assert study.member_hours(m.mem_a, YEAR - 1)["total_hours"] == 0


# --- reports: the hand count ----------------------------------------------------------------------


def test_shortfall_report_is_the_hand_count(world, hours):
	m = world.members
	rows = study_hours_shortfall.execute({"year": YEAR, "party_organization": world.orgs.branch_a})[1]
	got = {
		r.member: (r.collective_hours, r.collective_short, r.young, r.mentor_study_hours, r.young_short)
		for r in rows
	}
	assert got == {
		m.sec_a: (8, 24, 0, 0, 0),
		m.gb_sec: (0, 32, 0, 0, 0),
		m.mem_a: (3, 29, 0, 0, 0),
		m.other_a: (2, 30, 0, 0, 0),
		hours.young_a: (3, 29, 1, 4, 12),
	}
	left = 12 - DAY.month + 1
	assert {r.months_left for r in rows} == {left}
	assert next(r for r in rows if r.member == hours.young_a).mentor_name == "张建国"
	young_only = study_hours_shortfall.execute(
		{"year": YEAR, "party_organization": world.orgs.branch_a, "requirement": "Young Members' Study"}
	)[1]
	assert [r.member for r in young_only] == [hours.young_a]


def test_shortfall_report_is_scoped_by_the_tree(world, hours):
	rows = as_user(world.users.sec_b, study_hours_shortfall.execute, {"year": YEAR})[1]
	members = {r.member for r in rows}
	assert hours.young_b in members and world.members.mem_b in members
	assert not members & {hours.young_a, world.members.mem_a, world.members.sec_a}
	assert as_user(world.users.mem_a, study_hours_shortfall.execute, {"year": YEAR})[1] == []


def test_members_with_their_hours_leave_the_shortfall(world, hours):
	session(world.orgs.branch_b, study.COLLECTIVE, 24, [world.members.mem_b]).insert()
	session(world.orgs.branch_b, study.COLLECTIVE, 4, [world.members.mem_b], topic="第二次").insert()
	rows = study_hours_shortfall.execute({"year": YEAR, "party_organization": world.orgs.branch_b})[1]
	assert world.members.mem_b not in {r.member for r in rows}  # 5 + 24 + 4 = 33 ≥ 32


def test_rotation_report_lists_the_secretaries_not_yet_trained(world, hours):
	rows = secretary_rotation_training.execute({"year": YEAR})[1]
	assert {r.party_organization for r in rows} == {world.orgs.general_branch, world.orgs.branch_b}
	every = {
		r.party_organization: r for r in secretary_rotation_training.execute({"year": YEAR, "show": "All"})[1]
	}
	assert (every[world.orgs.branch_a].trained, every[world.orgs.branch_a].rotation_hours) == (1, 8)
	assert as_user(world.users.sec_b, secretary_rotation_training.execute, {"year": YEAR})[1][
		0
	].party_organization == (world.orgs.branch_b)
	assert len(as_user(world.users.sec_b, secretary_rotation_training.execute, {"year": YEAR})[1]) == 1


def test_training_fund_report_is_the_ledgers_training_payments(world):
	training = make_fund("学时测试培训经费", opening=5000, fund_type="Study and Training").name
	hardship = make_fund("学时测试帮扶资金", opening=5000).name
	ledger.post(training, "Payment", 300, party_organization=world.orgs.branch_a, remarks="教材")
	ledger.post(training, "Payment", 120.5, party_organization=world.orgs.branch_a, remarks="讲课费")
	ledger.post(training, "Payment", 200, party_organization=world.orgs.branch_b, remarks="教材")
	ledger.post(hardship, "Payment", 999, party_organization=world.orgs.branch_a, remarks="帮扶")
	rows = training_fund_payments.execute({})[1]
	got = {
		(r.party_organization, r.care_fund): (r.entries, r.amount)
		for r in rows
		if r.care_fund in (training, hardship)
	}
	assert got == {(world.orgs.branch_a, training): (2, 420.5), (world.orgs.branch_b, training): (1, 200)}
	rows = as_user(world.users.sec_b, training_fund_payments.execute, {})[1]
	assert {r.party_organization for r in rows} == {world.orgs.branch_b}


# --- who reads, in-process ------------------------------------------------------------------------


def names(user, doctype):
	return set(as_user(user, frappe.get_list, doctype, pluck="name"))


def test_readers_in_process(world, hours):
	assert names(world.users.mem_a, "Study Session") == {hours.a}
	assert names(world.users.mem_b, "Study Session") == {hours.b}
	assert names(world.users.sec_b, "Study Session") & {hours.a, hours.mentor, hours.rotation} == set()
	assert {hours.a, hours.mentor} <= names(world.users.sec_a, "Study Session")
	assert {hours.a, hours.b, hours.rotation} <= names(world.users.officer, "Study Session")
	assert names(hours.young_user, "Study Mentorship") == {hours.mentorship}
	assert hours.mentorship not in names(world.users.sec_b, "Study Mentorship")
	assert hours.mentorship not in names(world.users.mem_a, "Study Mentorship")


def test_care_record_shows_hours_and_mentor(world, hours):
	from party_care.care_batches.care_record import get_care_record

	record = as_user(world.users.sec_a, get_care_record, hours.young_a)["study"]
	assert (record["collective_hours"], record["mentor_study_hours"], record["young"]) == (3, 4, True)
	assert (record["collective_short"], record["young_short"], record["mentor_name"]) == (29, 12, "张建国")
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_b, get_care_record, hours.young_a)


# --- over HTTP, per role --------------------------------------------------------------------------


def listing(s, doctype):
	return s.get(
		f"{s.base_url}/api/resource/{doctype}",
		params={"fields": json.dumps(["name", "topic" if doctype == "Study Session" else "member"])},
		timeout=60,
	)


def get(s, doctype, name):
	return s.get(f"{s.base_url}/api/resource/{doctype}/{name}", timeout=60)


def test_member_sees_only_his_hours(world, login, hours):
	s = login(world.users.mem_a)
	body = shown(listing(s, "Study Session"))
	assert TOPIC_A in body and TOPIC_B not in body and MENTOR_TOPIC not in body and ROTATION_TOPIC not in body
	assert get(s, "Study Session", hours.b).status_code == 403
	assert get(s, "Study Mentorship", hours.mentorship).status_code == 403
	r = s.get(
		f"{s.base_url}/api/method/party_care.care_batches.care_record.get_care_record",
		params={"member": world.members.mem_a},
		timeout=60,
	)
	assert r.status_code == 200 and r.json()["message"]["study"]["collective_hours"] == 3
	r = s.get(
		f"{s.base_url}/api/method/party_care.care_batches.care_record.get_care_record",
		params={"member": hours.young_a},
		timeout=60,
	)
	assert r.status_code == 403
	# his page: 3 of 32 hours
	html = s.get(f"{s.base_url}/my-care", params={"_lang": "zh"}, timeout=60).text
	assert "集中培训学时" in html and "3 / 32" in html and "还差 29 学时" in html


def test_young_member_sees_his_mentor_and_16_hours(world, login, hours):
	s = login(hours.young_user)
	html = s.get(f"{s.base_url}/my-care", params={"_lang": "zh"}, timeout=60).text
	assert "我的政治学习导师" in html and "张建国" in html and "4 / 16" in html
	r = get(s, "Study Mentorship", hours.mentorship)
	assert r.status_code == 200 and r.json()["data"]["notes"] == NOTES
	r = s.put(
		f"{s.base_url}/api/resource/Study Mentorship/{hours.mentorship}", json={"notes": "改"}, timeout=60
	)
	assert r.status_code == 403


def test_secretary_of_b_sees_nothing_of_branch_a(world, login, hours):
	s = login(world.users.sec_b)
	for doctype, name in (
		("Study Session", hours.a),
		("Study Session", hours.mentor),
		("Study Mentorship", hours.mentorship),
	):
		assert get(s, doctype, name).status_code == 403
	body = shown(listing(s, "Study Session")) + shown(listing(s, "Study Mentorship"))
	assert TOPIC_B in body and TOPIC_A not in body and MENTOR_TOPIC not in body and hours.young_a not in body
	r = call(s, "party_care.openness.study.add_attendees", study_session=hours.a, members="王秀英")
	assert r.status_code == 403
	r = s.get(
		f"{s.base_url}/api/method/frappe.desk.query_report.run",
		params={"report_name": "Study Hours Shortfall", "filters": json.dumps({"year": YEAR})},
		timeout=60,
	)
	assert r.status_code == 200 and "学时青年乙" in shown(r) and "学时青年甲" not in shown(r)


def test_bad_input_over_rest_is_a_translated_4xx_and_nothing_half_saved(world, login, hours):
	s = login(world.users.sec_a)
	before = frappe.db.count("Study Session")
	r = s.post(
		f"{s.base_url}/api/resource/Study Session",
		json={
			"topic": "负学时",
			"kind": study.COLLECTIVE,
			"party_organization": world.orgs.branch_a,
			"session_date": today(),
			"hours": -3,
			"attendees": [{"member": world.members.mem_a}],
			"_lang": "zh",
		},
		timeout=60,
	)
	assert 400 <= r.status_code < 500 and "学时" in error_text(r)
	older = frappe.db.get_value("Member", {"full_name": "张建国"}, "name")  # not young
	r = s.post(
		f"{s.base_url}/api/resource/Study Mentorship",
		json={"member": older, "mentor": world.members.gb_sec, "from_date": today(), "_lang": "zh"},
		timeout=60,
	)
	assert 400 <= r.status_code < 500 and "青年党员" in error_text(r)
	r = call(
		s,
		"party_care.openness.study.add_attendees",
		study_session=hours.a,
		members="无此人\n王秀英",
		_lang="zh",
	)
	assert 400 <= r.status_code < 500 and "未添加任何人员" in error_text(r)
	r = call(s, "party_care.openness.study.add_attendees", study_session=hours.a, members=["x"])
	assert 400 <= r.status_code < 500
	frappe.db.rollback()
	assert frappe.db.count("Study Session") == before
	assert len(frappe.get_doc("Study Session", hours.a).attendees) == 4


def test_secretary_of_b_cannot_record_a_session_in_branch_a(world, login, hours):
	s = login(world.users.sec_b)
	r = s.post(
		f"{s.base_url}/api/resource/Study Session",
		json={
			"topic": "越权",
			"kind": study.COLLECTIVE,
			"party_organization": world.orgs.branch_a,
			"session_date": today(),
			"hours": 2,
		},
		timeout=60,
	)
	assert r.status_code == 403
	r = s.post(
		f"{s.base_url}/api/resource/Study Mentorship",
		json={"member": hours.young_a, "mentor": world.members.sec_b, "from_date": add_days(today(), 400)},
		timeout=60,
	)
	assert r.status_code == 403


def test_committee_and_auditor_read_all_but_the_auditor_writes_nothing(world, login, hours):
	for who in ("committee", "auditor", "officer"):
		s = login(world.users[who])
		body = shown(listing(s, "Study Session"))
		assert TOPIC_A in body and TOPIC_B in body and ROTATION_TOPIC in body, who
	s = login(world.users.auditor)
	r = s.put(f"{s.base_url}/api/resource/Study Session/{hours.a}", json={"hours": 1}, timeout=60)
	assert r.status_code == 403


def test_register_print_shows_the_attendance(world, login, hours):
	s = login(world.users.sec_a)
	r = s.get(
		f"{s.base_url}/printview",
		params={"doctype": "Study Session", "name": hours.a, "format": "Study Hours Register", "_lang": "zh"},
		timeout=60,
	)
	assert r.status_code == 200 and "学时登记表" in r.text and "王秀英" in r.text and "签名" in r.text
	s = login(world.users.sec_b)
	r = s.get(
		f"{s.base_url}/printview",
		params={"doctype": "Study Session", "name": hours.a, "format": "Study Hours Register", "_lang": "zh"},
		timeout=60,
	)
	assert "王秀英" not in r.text
