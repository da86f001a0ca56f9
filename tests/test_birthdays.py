"""Political birthdays: the daily job greets each member on the anniversary of joining — only
him — and gives his secretaries the day's list; 29 February joiners are greeted on 28 February
in common years; a rerun sends nothing twice."""

import datetime

import frappe
import pytest

from party_care.honours.birthdays import month_days, send_political_birthday_greetings
from tests.support.factories import make_member, make_user

_users = iter(range(1, 1000))


def _member_with_user(world, joined: datetime.date, org=None, **kwargs):
	user = make_user(f"birthday-{next(_users)}-{joined:%Y%m%d}@party-care.test", ["Party Member"]).name
	values = dict(
		date_of_birth=datetime.date(joined.year - 25, 1, 10),
		date_joined=joined,
		date_full_member=datetime.date(joined.year + 1, 3, 1),
	)
	values.update(kwargs)
	return make_member(org or world.orgs.branch_a, user=user, **values), user


def _greetings(member):
	return frappe.get_all(
		"Political Birthday Greeting",
		filters={"member": member},
		fields=["name", "year", "years_in_party", "is_round_anniversary", "sent_to", "sent_on"],
		order_by="year",
	)


def _notifications(user):
	return frappe.get_all(
		"Notification Log", filters={"for_user": user}, fields=["subject", "document_type", "document_name"]
	)


def test_joined_month_day_is_stored_and_indexed(world):
	member = make_member(
		world.orgs.branch_a,
		date_of_birth=datetime.date(1980, 1, 1),
		date_joined=datetime.date(2005, 4, 9),
		date_full_member=datetime.date(2006, 4, 9),
	)
	assert member.joined_month_day == "04-09"
	indexes = frappe.db.sql("show index from `tabMember` where Column_name = 'joined_month_day'")
	assert indexes


def test_patch_fills_joined_month_day_for_existing_members(world):
	from party_care.honours.patches import fill_joined_month_day

	member = make_member(
		world.orgs.branch_a,
		date_of_birth=datetime.date(1980, 1, 1),
		date_joined=datetime.date(2005, 11, 30),
		date_full_member=datetime.date(2006, 12, 1),
	).name
	frappe.db.set_value("Member", member, "joined_month_day", None, update_modified=False)
	fill_joined_month_day.execute()
	assert frappe.db.get_value("Member", member, "joined_month_day") == "11-30"


def test_member_is_greeted_on_his_political_birthday_and_nobody_else_is_copied(world):
	member, user = _member_with_user(world, datetime.date(2013, 3, 17))
	bystander, bystander_user = _member_with_user(world, datetime.date(2013, 3, 18))
	greeted = send_political_birthday_greetings(on=datetime.date(2026, 3, 17))
	assert member.name in greeted and bystander.name not in greeted
	[log] = _greetings(member.name)
	assert (log.year, log.years_in_party, log.is_round_anniversary, log.sent_to) == (2026, 13, 0, user)
	[note] = _notifications(user)
	assert "政治生日" in note.subject and "入党13周年" in note.subject
	assert (note.document_type, note.document_name) == ("Political Birthday Greeting", log.name)
	# the greeting itself reaches nobody else; the secretaries get a list naming him
	others = frappe.get_all("Notification Log", filters={"document_name": log.name}, pluck="for_user")
	assert others == [user]
	assert not _notifications(bystander_user)
	for secretary in (world.users.sec_a, world.users.gb_sec):
		assert any(member.full_name in n.subject and "13" in n.subject for n in _notifications(secretary))
	assert not any(member.full_name in n.subject for n in _notifications(world.users.sec_b))
	assert not any(member.full_name in n.subject for n in _notifications(world.users.mem_a))


def test_round_anniversaries_are_marked(world):
	member, user = _member_with_user(world, datetime.date(2016, 5, 20))
	send_political_birthday_greetings(on=datetime.date(2026, 5, 20))
	[log] = _greetings(member.name)
	assert log.years_in_party == 10 and log.is_round_anniversary == 1
	[note] = _notifications(user)
	assert "入党10周年" in note.subject and "逢五逢十" in note.subject


def test_rerunning_the_job_sends_nothing_twice(world):
	member, user = _member_with_user(world, datetime.date(2010, 6, 3))
	day = datetime.date(2026, 6, 3)
	assert member.name in send_political_birthday_greetings(on=day)
	secretary_notes = len(_notifications(world.users.sec_a))
	assert member.name not in send_political_birthday_greetings(on=day)
	assert len(_greetings(member.name)) == 1
	assert len(_notifications(user)) == 1
	assert len(_notifications(world.users.sec_a)) == secretary_notes


def test_greeting_log_is_unique_per_member_and_year(world):
	member, _ = _member_with_user(world, datetime.date(2011, 8, 8))
	send_political_birthday_greetings(on=datetime.date(2026, 8, 8))
	with pytest.raises(frappe.DuplicateEntryError):
		frappe.get_doc(
			doctype="Political Birthday Greeting",
			member=member.name,
			year=2026,
			member_year=f"{member.name}-2026",
		).insert(ignore_permissions=True)


def test_29_february_joiner_in_common_and_leap_years(world):
	member, _ = _member_with_user(world, datetime.date(2004, 2, 29))
	assert month_days(datetime.date(2027, 2, 28)) == ["02-28", "02-29"]
	assert month_days(datetime.date(2028, 2, 28)) == ["02-28"]
	# a common year: greeted on 28 February
	assert member.name not in send_political_birthday_greetings(on=datetime.date(2027, 2, 27))
	assert member.name in send_political_birthday_greetings(on=datetime.date(2027, 2, 28))
	assert member.name not in send_political_birthday_greetings(on=datetime.date(2027, 3, 1))
	# a leap year: not on 28 February, on 29 February
	assert member.name not in send_political_birthday_greetings(on=datetime.date(2028, 2, 28))
	assert member.name in send_political_birthday_greetings(on=datetime.date(2028, 2, 29))
	assert [(g.year, g.years_in_party) for g in _greetings(member.name)] == [(2027, 23), (2028, 24)]


def test_deceased_and_transferred_members_are_not_greeted(world):
	joined = datetime.date(2001, 9, 12)
	gone, _ = _member_with_user(world, joined, member_status="Transferred Out")
	died, _ = _member_with_user(
		world, joined, member_status="Deceased", date_of_death=datetime.date(2020, 1, 1)
	)
	assert not {gone.name, died.name} & set(send_political_birthday_greetings(on=datetime.date(2026, 9, 12)))


def test_member_reads_his_own_greetings_only(world):
	member, user = _member_with_user(world, datetime.date(2012, 10, 1))
	other, _ = _member_with_user(world, datetime.date(2012, 10, 1))
	send_political_birthday_greetings(on=datetime.date(2026, 10, 1))
	frappe.set_user(user)
	visible = {g.member for g in frappe.get_list("Political Birthday Greeting", fields=["member"])}
	assert visible == {member.name} and other.name not in visible
	frappe.set_user(world.users.sec_b)
	assert not frappe.get_list("Political Birthday Greeting", filters={"member": member.name})


def test_political_birthdays_report_for_the_month_is_scoped(world):
	from party_care.honours.report.political_birthdays.political_birthdays import execute

	in_a, _ = _member_with_user(world, datetime.date(2006, 11, 4))
	in_b, _ = _member_with_user(world, datetime.date(2016, 11, 25), org=world.orgs.branch_b)
	frappe.set_user(world.users.officer)
	rows = {r.member: r for r in execute({"month": 11, "year": 2026})[1]}
	assert rows[in_a.name].years == 20 and rows[in_a.name].round_anniversary == 1
	assert rows[in_a.name].birthday == datetime.date(2026, 11, 4)
	assert rows[in_b.name].years == 10
	frappe.set_user(world.users.sec_a)
	names = {r.member for r in execute({"month": 11, "year": 2026})[1]}
	assert in_a.name in names and in_b.name not in names
	assert not {r.member for r in execute({"month": 12, "year": 2026})[1]} & {in_a.name}


def _greeting_committed_by_another_run(member: str, year: int):
	"""A greeting another worker committed after this transaction's first read (its own connection)."""
	from frappe.database import get_db

	conf = frappe.conf
	other = get_db(
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)
	other.connect()
	other.sql(
		"insert into `tabPolitical Birthday Greeting` (name, member, year, member_year, creation, modified)"
		" values (%(key)s, %(member)s, %(year)s, %(key)s, now(6), now(6))",
		{"key": f"{member}-{year}", "member": member, "year": year},
	)
	other.commit()
	return other


def test_member_greeted_meanwhile_by_a_concurrent_run_is_not_greeted_twice(world):
	member, user = _member_with_user(world, datetime.date(2009, 7, 14))
	neighbour, neighbour_user = _member_with_user(world, datetime.date(2009, 7, 14))
	other = _greeting_committed_by_another_run(member.name, 2026)
	try:
		greeted = send_political_birthday_greetings(on=datetime.date(2026, 7, 14))
		assert member.name not in greeted and neighbour.name in greeted
		assert not _notifications(user)
		assert len(_notifications(neighbour_user)) == 1
		digest = [n.subject for n in _notifications(world.users.sec_a) if neighbour.full_name in n.subject]
		assert len(digest) == 1 and member.full_name not in digest[0]
	finally:
		frappe.db.rollback()  # its INSERT IGNORE holds a shared lock on the other run's row
		other.sql("delete from `tabPolitical Birthday Greeting` where name = %s", f"{member.name}-2026")
		other.commit()
		other.close()


def test_a_day_of_many_birthdays_costs_a_fixed_number_of_queries(world):
	first = _member_with_user(world, datetime.date(2003, 12, 8))[0].name
	few = [_member_with_user(world, datetime.date(2003, 12, 9))[0].name for _ in range(2)]
	many = [_member_with_user(world, datetime.date(2003, 12, 10))[0].name for _ in range(12)]

	def queries(day):
		count, sql = [0], frappe.db.sql

		def counted(*args, **kwargs):
			count[0] += 1
			return sql(*args, **kwargs)

		frappe.db.sql = counted
		try:
			greeted = send_political_birthday_greetings(on=day)
		finally:
			frappe.db.sql = sql
		return greeted, count[0]

	assert first in queries(datetime.date(2026, 12, 8))[0]  # (caches of meta and translations filled)
	greeted_few, few_queries = queries(datetime.date(2026, 12, 9))
	greeted_many, many_queries = queries(datetime.date(2026, 12, 10))
	assert set(few) <= set(greeted_few) and set(many) <= set(greeted_many)
	assert many_queries == few_queries <= 6
	for name in many:  # each greeted, with his card
		[log] = _greetings(name)
		assert log.years_in_party == 23 and log.sent_on == datetime.date(2026, 12, 10)
