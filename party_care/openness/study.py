"""Mentors and study hours (seed 003: 为青年党员设立政治学习导师 … 每年学习 … 不少于16学时; 保障党员
每年参加集中学习培训不少于32学时; 每年对基层党组织书记轮训一遍; seed 000 二(一)2: the training fund
pays study materials and training costs).

* A **Study Mentorship** (政治学习导师) gives a young member — under Party Care Settings → young
  member age (35) when it starts — a mentor from the cadres (a Member, or a login); one mentor at a
  time per member.
* A **Study Session** (学习培训) of an organisation: its kind, date, hours and topic, and the
  attendance of members of its subtree (ticked on the list, or pasted from a sheet through
  `add_attendees`). A row's hours are the session's unless fewer are entered.
* Hours per member and year: collective training (集中学习培训 and 书记轮训) against 32, mentor study
  (导师学习) against 16 for young members.

Who reads (the hooks below narrow what DocType permissions and User Permissions give): secretaries
their subtree, the committee's people by their scope, a member his own mentorships and the sessions
he attended — and a mentor the mentorships he holds."""

import re

import frappe
from frappe import _, bold
from frappe.utils import cint, flt, getdate, today

from party_care.compat import NO_OBJECTION
from party_care.permissions import SELF, get_scope, member_of_user
from party_care.utils.dates import whole_years

MENTORSHIP = "Study Mentorship"
SESSION = "Study Session"
ATTENDEE = "Study Session Attendee"

COLLECTIVE = "Collective Study and Training"
MENTOR_STUDY = "Mentor Study"
ROTATION = "Secretary Rotation Training"
COLLECTIVE_KINDS = (COLLECTIVE, ROTATION)  # both are collective training: they count toward the 32

COLLECTIVE_HOURS = 32  # every member, every year
YOUNG_HOURS = 16  # a young member's study with his mentor, every year
ACTIVE_STATUSES = ("Probationary", "Full")
MAX_PASTED = 2000


def age_limit() -> int:
	return cint(frappe.db.get_single_value("Party Care Settings", "young_member_age")) or 35


def age_on(date_of_birth, day) -> int | None:
	return whole_years(getdate(date_of_birth), getdate(day)) if date_of_birth else None


def is_young(date_of_birth, day=None) -> bool:
	age = age_on(date_of_birth, day or today())
	return age is not None and age < age_limit()


def year_bounds(year) -> tuple[str, str]:
	year = cint(year) or getdate(today()).year
	return f"{year}-01-01", f"{year}-12-31"


def months_left(year) -> int:
	"""Months left in `year` counting the current one: 12 before the year, 0 after it."""
	day = getdate(today())
	year = cint(year) or day.year
	if year > day.year:
		return 12
	if year < day.year:
		return 0
	return 12 - day.month + 1


# --- hours ---------------------------------------------------------------------------------------

HOURS_SQL = f"""select a.member,
		ifnull(sum(if(s.kind in %(collective)s, a.hours, 0)), 0) as collective_hours,
		ifnull(sum(if(s.kind = %(mentor)s, a.hours, 0)), 0) as mentor_study_hours,
		ifnull(sum(if(s.kind = %(rotation)s, a.hours, 0)), 0) as rotation_hours,
		ifnull(sum(a.hours), 0) as total_hours
	from `tab{ATTENDEE}` a join `tab{SESSION}` s on s.name = a.parent and a.parenttype = '{SESSION}'
	where a.attended = 1 and s.session_date between %(start)s and %(end)s {{members}}
	group by a.member"""


def hours_values(year) -> dict:
	start, end = year_bounds(year)
	return {
		"start": start,
		"end": end,
		"collective": COLLECTIVE_KINDS,
		"mentor": MENTOR_STUDY,
		"rotation": ROTATION,
	}


def member_hours(member: str, year=None) -> dict:
	rows = frappe.db.sql(
		HOURS_SQL.format(members="and a.member = %(member)s"),
		{**hours_values(year), "member": member},
		as_dict=True,
	)
	row = rows[0] if rows else {}
	return {
		k: flt(row.get(k), 2)
		for k in ("collective_hours", "mentor_study_hours", "rotation_hours", "total_hours")
	}


def current_mentorship(member: str, day=None) -> dict | None:
	day = getdate(day or today())
	rows = frappe.get_all(
		MENTORSHIP,
		filters={"member": member, "from_date": ["<=", day]},
		or_filters=[["to_date", "is", "not set"], ["to_date", ">=", day]],
		fields=["name", "mentor", "mentor_user", "mentor_name", "from_date", "to_date"],
		order_by="from_date desc",
		limit=1,
	)
	return rows[0] if rows else None


def member_study(member: str, year=None) -> dict:
	"""The member's study of the year (his care record and his pages): hours against 32 and, for a
	young member, mentor study against 16; his current mentor; his sessions."""
	year = cint(year) or getdate(today()).year
	start, end = year_bounds(year)
	born = frappe.db.get_value("Member", member, "date_of_birth")
	young = is_young(born)
	hours = member_hours(member, year)
	sessions = frappe.db.sql(
		f"""select s.name, s.session_date, s.kind, s.topic, s.party_organization, a.hours
		from `tab{ATTENDEE}` a join `tab{SESSION}` s on s.name = a.parent and a.parenttype = '{SESSION}'
		where a.member = %(member)s and a.attended = 1 and s.session_date between %(start)s and %(end)s
		order by s.session_date desc limit 100""",
		{"member": member, "start": start, "end": end},
		as_dict=True,
	)
	for s in sessions:
		s.kind_label = _(s.kind)
		s.hours = flt(s.hours, 2)
	mentorship = current_mentorship(member)
	return {
		"year": year,
		"young": young,
		**hours,
		"collective_required": COLLECTIVE_HOURS,
		"young_required": YOUNG_HOURS if young else 0,
		"collective_short": max(0.0, flt(COLLECTIVE_HOURS - hours["collective_hours"], 2)),
		"young_short": max(0.0, flt(YOUNG_HOURS - hours["mentor_study_hours"], 2)) if young else 0.0,
		"mentor": (mentorship or {}).get("mentor"),
		"mentor_name": (mentorship or {}).get("mentor_name"),
		"mentor_since": (mentorship or {}).get("from_date"),
		"sessions": sessions,
	}


# --- attendance from a sheet ----------------------------------------------------------------------


def _tokens(text) -> list[str]:
	if not isinstance(text, str):
		frappe.throw(_("Please paste member IDs or names, one a line."), title=_("Invalid Value"))
	tokens = list(dict.fromkeys(t.strip() for t in re.split(r"[\r\n\t,;，；]+", text) if t.strip()))
	if not tokens:
		frappe.throw(_("Please paste member IDs or names, one a line."), title=_("Missing Values"))
	if len(tokens) > MAX_PASTED:
		frappe.throw(_("At most {0} members at a time.").format(MAX_PASTED), title=_("Too Many Rows"))
	return tokens


def resolve_members(organization: str, tokens: list[str]) -> list[str]:
	"""Member names for the pasted IDs or full names, among the current members of the
	organisation's subtree — one query; an unknown or ambiguous entry refuses the whole paste."""
	lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	rows = frappe.db.sql(
		"""select m.name, m.full_name from `tabMember` m
		join `tabParty Organization` o on o.name = m.party_organization
		where o.lft >= %(lft)s and o.rgt <= %(rgt)s and m.member_status in %(active)s
			and (m.name in %(tokens)s or m.full_name in %(tokens)s)""",
		{"lft": lft, "rgt": rgt, "active": ACTIVE_STATUSES, "tokens": tokens},
		as_dict=True,
	)
	by_name = {r.name: r.name for r in rows}
	by_full: dict[str, list[str]] = {}
	for r in rows:
		by_full.setdefault(r.full_name, []).append(r.name)
	found, unknown, ambiguous = [], [], []
	for t in tokens:
		if t in by_name:
			found.append(by_name[t])
		elif len(by_full.get(t, [])) == 1:
			found.append(by_full[t][0])
		elif t in by_full:
			ambiguous.append(t)
		else:
			unknown.append(t)
	if unknown or ambiguous:
		parts = []
		if unknown:
			parts.append(
				_("not current members of {0} or the organisations under it: {1}").format(
					bold(organization), ", ".join(unknown[:20])
				)
			)
		if ambiguous:
			parts.append(
				_("more than one member has the name (use the member ID): {0}").format(
					", ".join(ambiguous[:20])
				)
			)
		frappe.throw(_("Nothing was added; {0}.").format("; ".join(parts)), title=_("Unknown Members"))
	return list(dict.fromkeys(found))


@frappe.whitelist(methods=["POST"])
def add_attendees(study_session: str, members: str) -> dict:
	"""Add the pasted members (IDs or names, one a line — a column of a sheet) to a session's
	attendance, ticked, with the session's hours. All or nothing."""
	if not isinstance(study_session, str) or not frappe.db.exists(SESSION, study_session):
		frappe.throw(_("Study Session {0} does not exist.").format(study_session), frappe.DoesNotExistError)
	doc = frappe.get_doc(SESSION, study_session)
	doc.check_permission("write")
	tokens = _tokens(members)
	names = resolve_members(doc.party_organization, tokens)
	present = {row.member for row in doc.attendees}
	added = [m for m in names if m not in present]
	for member in added:
		doc.append("attendees", {"member": member, "attended": 1})
	doc.save()
	return {"added": len(added), "already": len(names) - len(added), "attendee_count": doc.attendee_count}


# --- who reads -------------------------------------------------------------------------------------


def _own_members(user: str) -> str:
	return f"(select `name` from `tabMember` where `user` = {frappe.db.escape(user)})"


def mentorship_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return ""
	t = f"`tab{MENTORSHIP}`"
	return (
		f"({t}.`member` in {_own_members(user)} or {t}.`mentor` in {_own_members(user)}"
		f" or {t}.`mentor_user` = {frappe.db.escape(user)})"
	)


def mentorship_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return NO_OBJECTION
	if ptype not in ("read", "print", None):
		return False
	member = member_of_user(user)
	if doc.get("mentor_user") == user:
		return NO_OBJECTION
	if member and member in (doc.get("member"), doc.get("mentor")):
		return NO_OBJECTION
	return False


def session_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return ""
	return (
		f"`tab{SESSION}`.`name` in (select `parent` from `tab{ATTENDEE}` where `parenttype` = '{SESSION}'"
		f" and `member` in {_own_members(user)})"
	)


def session_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return NO_OBJECTION
	if ptype not in ("read", "print", None):
		return False
	member = member_of_user(user)
	if member and any(row.member == member for row in doc.get("attendees") or []):
		return NO_OBJECTION
	return False
