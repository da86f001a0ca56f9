"""向组织说说心里话: a member's confidential letter reaches its addressee and the committee's
designated readers only; it is answered with a talk; traumatic events flag psychological care."""

import frappe
import pytest
from frappe.utils import add_days, today

from tests.support.openness import fellow_b, reader_user, write

LETTER = "Confidential Letter"


def readable(user, name) -> bool:
	frappe.set_user(user)
	try:
		try:
			listed = name in frappe.get_list(LETTER, pluck="name")
		except frappe.PermissionError:  # no read on the DocType at all
			listed = False
		doc_ok = frappe.has_permission(LETTER, "read", doc=frappe.get_doc(LETTER, name))
		assert listed == doc_ok, f"{user}: list {listed} but form {doc_ok}"
		return listed
	finally:
		frappe.set_user("Administrator")


def test_letter_to_branch_secretary_is_read_by_him_and_the_readers_only(world):
	reader = reader_user()
	_fellow, fellow_user = fellow_b(world)
	letter = write(world.users.mem_b, "我最近压力很大，想和书记谈谈")
	assert (letter.addressee_organization, letter.status) == (world.orgs.branch_b, "Sent")
	assert letter.addressee_user == world.users.sec_b
	assert readable(world.users.sec_b, letter.name)
	assert readable(reader, letter.name)
	for user in (
		fellow_user,
		world.users.mem_a,
		world.users.sec_a,
		world.users.gb_sec,
		world.users.officer,
		world.users.committee,
		world.users.auditor,
	):
		assert not readable(user, letter.name), user
	# the writer reads his own letter
	assert readable(world.users.mem_b, letter.name)


def test_letter_to_the_committee_is_not_read_by_the_branch_secretary(world):
	reader = reader_user()
	letter = write(world.users.mem_b, "关于支部书记的一些情况", "Party Committee")
	assert letter.addressee_organization == world.orgs.committee and not letter.addressee_user
	assert readable(reader, letter.name)
	assert not readable(world.users.sec_b, letter.name)
	assert not readable(world.users.committee, letter.name)


def test_no_reader_means_a_committee_letter_is_refused_not_lost(world):
	for user in frappe.get_all(
		"Has Role", filters={"role": "Confidential Reader", "parenttype": "User"}, pluck="parent"
	):
		frappe.db.delete("Has Role", {"role": "Confidential Reader", "parent": user})
	frappe.clear_cache()
	with pytest.raises(frappe.ValidationError, match="not yet named"):
		write(world.users.mem_b, "心里话", "Party Committee")


def test_a_secretary_writes_to_the_level_above_and_does_not_read_it_in_the_desk(world):
	letter = write(world.users.sec_a, "作为书记的一些困惑")
	assert letter.addressee_user == world.users.gb_sec  # not to himself
	assert readable(world.users.gb_sec, letter.name)
	# he reads level 2 (talk records) as a secretary: his own letter only on his member pages
	assert not readable(world.users.sec_a, letter.name)
	from party_care.openness.letters import my_letters

	frappe.set_user(world.users.sec_a)
	mine = my_letters(world.members.sec_a)
	assert [row.name for row in mine] == [letter.name] and "talk_summary" not in mine[0]


def test_former_secretary_loses_the_letter(world):
	letter = write(world.users.mem_b, "想说的话")
	org = frappe.get_doc("Party Organization", world.orgs.branch_b)
	org.secretary = world.members.other_b
	org.save()
	assert not readable(world.users.sec_b, letter.name)


def test_a_member_cannot_write_in_another_name_nor_change_a_sent_letter(world):
	frappe.set_user(world.users.mem_a)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			doctype=LETTER, member=world.members.mem_b, addressed_to="Branch Secretary", letter_text="冒名"
		).insert()
	frappe.set_user("Administrator")
	letter = write(world.users.mem_b, "原文")
	frappe.set_user(world.users.sec_b)
	doc = frappe.get_doc(LETTER, letter.name)
	doc.letter_text = "改过的"
	with pytest.raises(frappe.ValidationError, match="cannot be changed"):
		doc.save()
	frappe.set_user(world.users.mem_b)
	doc = frappe.get_doc(LETTER, letter.name)
	doc.reply = "自己回复"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_reading_replying_and_a_talk(world):
	from frappe.desk.form.assign_to import get as assignments

	from party_care.openness import letters

	letter = write(world.users.mem_b, "想当面谈谈")
	frappe.set_user(world.users.sec_b)
	assert letters.mark_read(letter.name) == "Read"
	visit = letters.arrange_talk(letter.name, add_days(today(), 3))
	v = frappe.get_doc("Visit", visit)
	assert (v.visit_type, v.visit_reason, v.member, v.notes) == (
		"Talk",
		"Heart-to-heart Talk",
		world.members.mem_b,
		None,
	)
	assert [a["owner"] for a in assignments({"doctype": "Visit", "name": visit})] == [world.users.sec_b]
	doc = frappe.get_doc(LETTER, letter.name)
	assert (doc.status, doc.talk) == ("Talk Arranged", visit)
	doc.reply = "已约谈，周三见"
	doc.talk_summary = "谈话要点（仅阅办人可见）"
	doc.save()
	assert doc.status == "Answered"
	doc.close = 1
	doc.save()
	assert doc.status == "Closed"
	# the writer sees the reply, never the talk record
	frappe.set_user(world.users.mem_b)
	row = frappe.get_list(LETTER, filters={"name": letter.name}, fields=["*"])[0]
	assert row.reply == "已约谈，周三见" and "talk_summary" not in row


def test_committee_letter_talk_is_not_on_the_branch_secretarys_list(world):
	from party_care.openness import letters
	from tests.support.jobs import run_jobs_after_commit

	reader = reader_user()
	letter = write(world.users.mem_b, "不便和支部说", "Party Committee")
	frappe.set_user(reader)
	visit = letters.arrange_talk(letter.name)
	frappe.set_user("Administrator")
	run_jobs_after_commit()
	owners = frappe.get_all(
		"ToDo", filters={"reference_type": "Visit", "reference_name": visit}, pluck="allocated_to"
	)
	assert owners == [reader]


def test_notification_names_neither_writer_nor_text(world):
	letter = write(world.users.mem_b, "SECRET-WORDS-11")
	logs = frappe.get_all(
		"Notification Log",
		filters={"document_name": letter.name},
		fields=["for_user", "subject", "email_content"],
	)
	assert [log.for_user for log in logs] == [world.users.sec_b]
	assert all(
		"SECRET" not in (log.subject + (log.email_content or "")) and "刘德明" not in log.subject
		for log in logs
	)


def test_a_letter_cannot_be_shared(world):
	letter = write(world.users.mem_b, "心里话")
	with pytest.raises(frappe.PermissionError):
		frappe.share.add_docshare(
			LETTER, letter.name, world.users.auditor, read=1, flags={"ignore_share_permission": True}
		)


# --- psychological care ---------------------------------------------------------------------------


def test_traumatic_event_flags_the_member_for_the_readers_only(world):
	reader = reader_user()
	frappe.set_user(world.users.sec_b)
	event = frappe.get_doc(
		doctype="Member Event",
		member=world.members.mem_b,
		event_type="Death in the Family",
		event_date=today(),
	).insert()
	frappe.set_user("Administrator")
	plan = frappe.get_doc("Psychological Care Plan", {"member_event": event.name})
	assert plan.status == "To Assess"
	for user, may in (
		(reader, True),
		(world.users.sec_b, False),
		(world.users.mem_b, False),
		(world.users.auditor, False),
		(world.users.officer, False),
	):
		frappe.set_user(user)
		try:
			listed = plan.name in frappe.get_list("Psychological Care Plan", pluck="name")
		except frappe.PermissionError:
			listed = False
		assert listed is may, user
		frappe.set_user("Administrator")
	# a reader makes the branch secretary responsible: he reads it then
	frappe.set_user(reader)
	doc = frappe.get_doc("Psychological Care Plan", plan.name)
	doc.update(
		{
			"responsible_user": world.users.sec_b,
			"plan_type": "Talks",
			"status": "Active",
			"assessment": "需疏导",
		}
	)
	doc.save()
	frappe.set_user(world.users.sec_b)
	assert frappe.get_doc("Psychological Care Plan", plan.name).assessment == "需疏导"
	# a second traumatic event does not open a second plan
	frappe.set_user("Administrator")
	frappe.get_doc(
		doctype="Member Event",
		member=world.members.mem_b,
		event_type="Disaster or Accident",
		event_date=today(),
	).insert()
	assert frappe.db.count("Psychological Care Plan", {"member": world.members.mem_b}) == 1


def test_ordinary_event_flags_nothing(world):
	frappe.get_doc(
		doctype="Member Event", member=world.members.mem_b, event_type="Change of Post", event_date=today()
	).insert()
	assert not frappe.db.exists("Psychological Care Plan", {"member": world.members.mem_b})
