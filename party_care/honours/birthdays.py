"""Political birthdays (政治生日): on the anniversary of joining the Party, the member is greeted
— a system notification (the bell; Frappe e-mails no Alert), in Chinese, and a printable card (the
Political Birthday Greeting record's print format) — and each secretary gets the list for his
subtree. A greeting goes to the member alone, never copied to the whole branch.

The daily job finds the day's members by the stored, indexed Member.joined_month_day ("MM-DD").
A 29 February joiner is greeted on 28 February in common years. Each greeting is logged as a
Political Birthday Greeting named and keyed "<member>-<year>" (unique): a rerun, a retry or a
second worker on the same day finds the log and sends nothing twice.

Set-based, a fixed number of queries whatever the day's count: one query finds the members, one
multi-row INSERT IGNORE logs the greetings (the unique key leaves out those a concurrent run
logged first, and only the greetings this run logged are sent), one INSERT makes every member's
and every secretary's notification (notify.notify_many)."""

import calendar
import datetime
from bisect import bisect_left, bisect_right

import frappe
from frappe import _
from frappe.utils import format_date, getdate, now, today

from party_care.compat import desk_path
from party_care.notify import notify_many
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.utils.bulk import STANDARD_FIELDS, insert_rows

GREETING_LANG = "zh"  # greetings are written in Chinese whatever the desk language


def joined_month_day(date_joined) -> str | None:
	return getdate(date_joined).strftime("%m-%d") if date_joined else None


def set_joined_month_day(member) -> None:
	"""Called from Member.validate: keep the indexed month-day of joining current."""
	member.joined_month_day = joined_month_day(member.date_joined)


def month_days(day: datetime.date) -> list[str]:
	"""The joining month-days greeted on `day`: 28 February of a common year also greets 29 February."""
	days = [day.strftime("%m-%d")]
	if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
		days.append("02-29")
	return days


def is_round_anniversary(years: int) -> bool:
	"""5, 10, 20, 30, … years."""
	return years == 5 or (years > 0 and years % 10 == 0)


def send_political_birthday_greetings(on=None) -> list[str]:
	"""The daily job (hooks.scheduler_events). Returns the members greeted now."""
	day = getdate(on or today())
	greeted = log_greetings(members_to_greet(day), day)
	notify_many([*member_greetings(greeted), *secretary_digests(greeted, day)])
	return [row.member for row in greeted]


def members_to_greet(day: datetime.date) -> list[frappe._dict]:
	"""Current members whose political birthday is `day` and who have no greeting this year."""
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	greeting = frappe.qb.DocType("Political Birthday Greeting")
	return (
		frappe.qb.from_(member)
		.join(org)
		.on(org.name == member.party_organization)
		.left_join(greeting)
		.on((greeting.member == member.name) & (greeting.year == day.year))
		.select(
			member.name.as_("member"),
			member.full_name,
			member.user,
			member.party_organization,
			member.date_joined,
			org.lft,
		)
		.where(
			member.joined_month_day.isin(month_days(day))
			& member.member_status.isin(ACTIVE_MEMBER_STATUSES)
			& (member.date_joined < day)
			& greeting.name.isnull()
		)
		.orderby(org.lft)
		.orderby(member.name)
		.run(as_dict=True)
	)


def log_greetings(rows: list, day: datetime.date) -> list:
	"""Log the greetings, one row per member and year; returns the rows this run logged.

	INSERT IGNORE leaves out a member a concurrent run logged meanwhile (it waits for that run's
	commit on the unique key). Such rows are told apart by this run's timestamp: and this
	transaction reads its own inserts, not rows committed after its first read (REPEATABLE READ)."""
	if not rows:
		return []
	user, stamp = frappe.session.user, now()
	for row in rows:
		row.years = day.year - getdate(row.date_joined).year
		row.is_round = is_round_anniversary(row.years)
		row.greeting = f"{row.member}-{day.year}"
	logged = insert_rows(
		"Political Birthday Greeting",
		[
			*STANDARD_FIELDS,
			"member",
			"member_name",
			"party_organization",
			"date_joined",
			"year",
			"years_in_party",
			"is_round_anniversary",
			"sent_on",
			"sent_to",
			"member_year",
		],
		[
			(
				row.greeting,
				user,
				user,
				stamp,
				stamp,
				0,
				0,
				row.member,
				row.full_name,
				row.party_organization,
				row.date_joined,
				day.year,
				row.years,
				int(row.is_round),
				day,
				row.user,
				row.greeting,
			)
			for row in rows
		],
		ignore_duplicates=True,
	)
	if logged == len(rows):
		return rows
	greeting = frappe.qb.DocType("Political Birthday Greeting")
	mine = set(
		frappe.qb.from_(greeting)
		.select(greeting.name)
		.where(greeting.name.isin([row.greeting for row in rows]) & (greeting.creation == stamp))
		.run(pluck=True)
	)
	return [row for row in rows if row.greeting in mine]


def member_greetings(greeted: list) -> list[dict]:
	"""Each member with a login is greeted himself (nobody else), linked to his greeting's card."""
	return [
		{
			"user": row.user,
			"subject": greeting_subject(row.years),
			"document_type": "Political Birthday Greeting",
			"document_name": row.greeting,
			"email_content": greeting_message(row.full_name, row.date_joined, row.years),
		}
		for row in greeted
		if row.user
	]


def greeting_subject(years: int) -> str:
	if is_round_anniversary(years):
		return _(
			"Political birthday: {0} years since you joined the Party — a round anniversary",
			lang=GREETING_LANG,
		).format(years)
	return _("Political birthday: {0} years since you joined the Party", lang=GREETING_LANG).format(years)


def greeting_message(full_name: str, date_joined, years: int) -> str:
	return _(
		"Comrade {0}: today is your political birthday. You joined the Communist Party of China on {1}, {2} years ago. "
		"The Party organisation congratulates you warmly, and hopes you will stay true to your original aspiration, "
		"review your oath of admission and carry out a member's duties.",
		lang=GREETING_LANG,
	).format(full_name, format_date(date_joined, "yyyy-MM-dd"), years)


def secretary_digests(greeted: list, day: datetime.date) -> list[dict]:
	"""Each secretary gets one notification listing the day's political birthdays in his subtree."""
	if not greeted:
		return []
	org = frappe.qb.DocType("Party Organization")
	member = frappe.qb.DocType("Member")
	secretaries = (
		frappe.qb.from_(org)
		.join(member)
		.on(member.name == org.secretary)
		.select(member.user, org.lft, org.rgt)
		.where(member.user.isnotnull())
		.run()
	)
	# greeted members by position in the tree: each secretary's subtree is one slice (bisect), so
	# a city's thousand secretaries cost a thousand slices, not secretaries × members
	by_position = sorted(greeted, key=lambda r: r.lft)
	positions = [r.lft for r in by_position]
	lists: dict[str, dict] = {}
	for user, lft, rgt in secretaries:
		for row in by_position[bisect_left(positions, lft) : bisect_right(positions, rgt)]:
			if row.user != user:
				lists.setdefault(user, {})[row.member] = row
	digests = []
	for user, rows in ((user, list(rows.values())) for user, rows in lists.items()):
		if not rows:
			continue
		names = "、".join(
			(
				_("{0} ({1} years, round anniversary)", lang=GREETING_LANG)
				if r.is_round
				else _("{0} ({1} years)", lang=GREETING_LANG)
			).format(r.full_name, r.years)
			for r in rows
		)
		subject = _("Political birthdays today ({0}): {1}", lang=GREETING_LANG).format(
			format_date(day, "yyyy-MM-dd"), names
		)
		digests.append(
			{
				"user": user,
				"subject": subject,
				"link": desk_path("query-report", "Political Birthdays")
				+ f"?month={day.month}&year={day.year}",
			}
		)
	return digests
