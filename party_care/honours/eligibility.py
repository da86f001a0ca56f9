"""Who is eligible for the computed honours this year — computed from the register, never typed.

* the "50 Years in the Party" medal: a full member whose party standing (from the full-member
  date) reaches 50 years by 1 July of the year, i.e. date_full_member <= 1 July of (year − 50)
  — a 29 February full-member date completes its years on 28 February (dates.anniversary), so
  it is always in time — and who has not been awarded the medal in any year. Probationary,
  deceased and transferred-out members are never candidates. ("A consistently good record"
  is for the branch to judge when it recommends.)
* the Ten-Year Party Worker Certificate: a current member who by 31 December of the year has
  held one party post (Party Worker Post) for ten continuous years, not yet certified;
* party-standing milestones: full members whose standing reaches 5, 10, 20, 30, 40 or 50 years
  in the year (for the political birthday and the 1 July collective celebration).

Each list is one SQL query. `create_nominations` turns selected candidates into nominations.
"""

import datetime

import frappe
from frappe import _, bold
from frappe.query_builder.functions import Count, Max, Min
from frappe.utils import cint, getdate, today
from pypika.terms import Criterion, Interval

from party_care.honours.setup import MEDAL_50_YEARS, TEN_YEAR_CERTIFICATE
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.reports import organization_condition
from party_care.utils.dates import anniversary, whole_years

MEDAL_YEARS = 50
MEDAL_DAY = (7, 1)  # standing counted on 1 July
WORKER_YEARS = 10
MILESTONES = (5, 10, 20, 30, 40, 50)

MEDAL, WORKERS, STANDING = "50-Year Medal", "Ten Years in Party Work", "Party Standing Milestones"
AWARD_OF_LIST = {MEDAL: MEDAL_50_YEARS, WORKERS: TEN_YEAR_CERTIFICATE}


def medal_cutoff(year: int) -> datetime.date:
	"""The latest full-member date whose standing reaches 50 years by 1 July of `year`."""
	return datetime.date(year - MEDAL_YEARS, *MEDAL_DAY)


def _awarded(award_type: str):
	commendation = frappe.qb.DocType("Commendation")
	return (
		frappe.qb.from_(commendation)
		.select(commendation.member)
		.where(
			(commendation.award_type == award_type)
			& (commendation.workflow_state == "Awarded")
			& commendation.member.isnotnull()
		)
	)


def _with_open_nomination(query, member, award_type: str, year: int):
	"""Left-join the recipient's live (not rejected) nomination for this award and year."""
	nomination = frappe.qb.DocType("Commendation").as_("nomination")
	return (
		query.left_join(nomination)
		.on(
			(nomination.member == member.name)
			& (nomination.award_type == award_type)
			& (nomination.year == year)
			& (nomination.workflow_state != "Rejected")
		)
		.select(Max(nomination.name).as_("nomination"))
	)


def _narrow(query, org, member, members, party_organization, scoped):
	if members is not None:
		query = query.where(member.name.isin(list(members) or [""]))
	condition = organization_condition(org, party_organization, scoped)
	if condition is not None:
		query = query.where(condition)
	return query


def medal_query(year: int, members=None, party_organization=None, scoped: bool = False):
	year = cint(year)
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	query = (
		frappe.qb.from_(member)
		.join(org)
		.on(org.name == member.party_organization)
		.select(
			member.name.as_("member"), member.full_name, member.party_organization, member.date_full_member
		)
		.where(
			(member.member_status == "Full")
			& (member.date_full_member <= medal_cutoff(year))
			& member.name.notin(_awarded(MEDAL_50_YEARS))
		)
		.groupby(member.name)
		.orderby(org.lft)
		.orderby(member.date_full_member)
	)
	query = _with_open_nomination(query, member, MEDAL_50_YEARS, year)
	return _narrow(query, org, member, members, party_organization, scoped)


def medal_candidates(
	year: int, members=None, party_organization=None, scoped: bool = False, limit: int | None = None
) -> list[dict]:
	year = cint(year)
	rows = _run(medal_query(year, members, party_organization, scoped), limit)
	on = datetime.date(year, *MEDAL_DAY)
	for row in rows:
		row.years = whole_years(row.date_full_member, on)
		row.reaches_on = anniversary(row.date_full_member, getdate(row.date_full_member).year + MEDAL_YEARS)
		row.since = row.date_full_member
	return rows


def party_worker_query(year: int, members=None, party_organization=None, scoped: bool = False):
	year = cint(year)
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	post = frappe.qb.DocType("Party Worker Post")
	query = (
		frappe.qb.from_(post)
		.join(member)
		.on(member.name == post.member)
		.join(org)
		.on(org.name == member.party_organization)
		.select(
			member.name.as_("member"),
			member.full_name,
			member.party_organization,
			Min(post.start_date).as_("since"),
		)
		.where(
			member.member_status.isin(ACTIVE_MEMBER_STATUSES)
			& (post.start_date <= datetime.date(year - WORKER_YEARS, 12, 31))
			& (post.end_date.isnull() | (post.end_date >= post.start_date + Interval(years=WORKER_YEARS)))
			& member.name.notin(_awarded(TEN_YEAR_CERTIFICATE))
		)
		.groupby(member.name)
		.orderby(org.lft)
		.orderby(Min(post.start_date))
	)
	query = _with_open_nomination(query, member, TEN_YEAR_CERTIFICATE, year)
	return _narrow(query, org, member, members, party_organization, scoped)


def party_worker_candidates(
	year: int, members=None, party_organization=None, scoped: bool = False, limit: int | None = None
) -> list[dict]:
	"""Ten continuous years in one party post by 31 December (a post that ended counts if it
	lasted the ten years), not yet certified."""
	year = cint(year)
	rows = _run(party_worker_query(year, members, party_organization, scoped), limit)
	for row in rows:
		row.reaches_on = anniversary(row.since, getdate(row.since).year + WORKER_YEARS)
		row.years = whole_years(row.since, datetime.date(year, 12, 31))
	return rows


def standing_query(year: int, members=None, party_organization=None, scoped: bool = False):
	year = cint(year)
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	in_milestone_year = Criterion.any(
		[
			member.date_full_member.between(datetime.date(year - n, 1, 1), datetime.date(year - n, 12, 31))
			for n in MILESTONES
		]
	)
	query = (
		frappe.qb.from_(member)
		.join(org)
		.on(org.name == member.party_organization)
		.select(
			member.name.as_("member"),
			member.full_name,
			member.party_organization,
			member.date_full_member.as_("since"),
		)
		.where((member.member_status == "Full") & in_milestone_year)
		.orderby(org.lft)
		.orderby(member.date_full_member)
	)
	return _narrow(query, org, member, members, party_organization, scoped)


def standing_milestones(
	year: int, members=None, party_organization=None, scoped: bool = False, limit: int | None = None
) -> list[dict]:
	"""Full members whose standing reaches 5, 10, 20, 30, 40 or 50 years in the year."""
	year = cint(year)
	rows = _run(standing_query(year, members, party_organization, scoped), limit)
	for row in rows:
		row.years = year - getdate(row.since).year
		row.reaches_on = anniversary(row.since, year)
	return rows


def _run(query, limit: int | None = None) -> list[dict]:
	return (query.limit(int(limit)) if limit else query).run(as_dict=True)


LISTS = {MEDAL: medal_candidates, WORKERS: party_worker_candidates, STANDING: standing_milestones}
QUERIES = {MEDAL: medal_query, WORKERS: party_worker_query, STANDING: standing_query}


def _check_kind(kind: str):
	if kind not in LISTS:
		frappe.throw(_("Unknown candidate list {0}.").format(bold(kind)))


@frappe.whitelist()
def get_candidates(
	kind: str = MEDAL,
	year: int | None = None,
	party_organization: str | None = None,
	limit: int | None = None,
):
	"""A candidate list, scoped to the organisations the viewer may see."""
	_check_kind(kind)
	return LISTS[kind](
		cint(year) or getdate(today()).year,
		party_organization=party_organization,
		scoped=True,
		limit=cint(limit) or None,
	)


def candidate_counts(
	kind: str = MEDAL, year: int | None = None, party_organization: str | None = None
) -> list[dict]:
	"""Candidates (and those already nominated) per organisation, counted in SQL, in the viewer's scope."""
	_check_kind(kind)
	query = QUERIES[kind](
		cint(year) or getdate(today()).year, party_organization=party_organization, scoped=True
	)
	candidates = query.as_("candidates")
	counts = frappe.qb.from_(candidates).select(candidates.party_organization, Count("*").as_("candidates"))
	if kind in AWARD_OF_LIST:
		counts = counts.select(Count(candidates.nomination).as_("nominated"))
	return counts.groupby(candidates.party_organization).run(as_dict=True)


# more selected candidates than this are nominated by a background job on the long queue
NOMINATE_INLINE = 50


@frappe.whitelist(methods=["POST"])
def create_nominations(award_type: str, year: int, members: str | list) -> dict:
	"""Nominate the selected members for an award, as the current user (his permissions apply).
	Idempotent: a member already nominated for the award and year (not rejected) is skipped.
	A long list goes to the `long` queue (run as the same user) with realtime progress."""
	year = cint(year)
	from party_care.guards.arguments import json_arg

	members = sorted(set(json_arg(members, "members", list, items=str, default=[])))
	if len(members) > NOMINATE_INLINE:
		frappe.get_doc(doctype="Commendation", award_type=award_type, year=year).check_permission("create")
		frappe.enqueue(
			nominate,
			queue="long",
			timeout=3600,
			award_type=award_type,
			year=year,
			members=members,
			enqueue_after_commit=True,
		)
		return {"queued": len(members), "created": [], "skipped": []}
	return nominate(award_type, year, members)


def nominate(award_type: str, year: int, members: list[str]) -> dict:
	from party_care.notify import progress

	if not members:
		return {"created": [], "skipped": []}
	commendation = frappe.qb.DocType("Commendation")
	existing = set(
		frappe.qb.from_(commendation)
		.select(commendation.member)
		.where(
			commendation.member.isin(members)
			& (commendation.award_type == award_type)
			& (commendation.year == year)
			& (commendation.workflow_state != "Rejected")
		)
		.run(pluck=True)
	)
	created = []
	for i, member in enumerate(members):
		if i % 50 == 0 and len(members) > NOMINATE_INLINE:
			progress(i, len(members), _("Creating nominations"))
		if member in existing:
			continue
		doc = frappe.get_doc(
			doctype="Commendation",
			award_type=award_type,
			member=member,
			year=year,
			citation=default_citation(award_type, member, year),
		).insert()
		created.append(doc.name)
	return {"created": created, "skipped": sorted(existing)}


def default_citation(award_type: str, member: str, year: int) -> str:
	if award_type == MEDAL_50_YEARS:
		return _("Party standing reaches 50 years by 1 July {0}.").format(year)
	if award_type == TEN_YEAR_CERTIFICATE:
		return _("Ten continuous years in party work by the end of {0}.").format(year)
	return _("Nominated from the candidate list of {0}.").format(year)
