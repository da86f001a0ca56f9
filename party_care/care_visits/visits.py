"""Visits and talks: events that open them, holiday campaigns, overdue reminders, coverage.

"平时有人访、病时有人探、难时有人帮、终时有人送" — the rules are data (Visit Reason records
and Party Care Settings); this module turns them into Planned visits and tells people."""

import frappe
from frappe import _
from frappe.query_builder import Case, Criterion
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, add_years, getdate, now, today

from party_care.care_visits.permissions import check_may_report_event
from party_care.care_visits.visit_months import add_visit_range, add_visits
from party_care.notify import nearest_secretary_users, notify, progress
from party_care.organization import ACTIVE_MEMBER_STATUSES, rules
from party_care.utils.bulk import STANDARD_FIELDS, insert_rows

HOLIDAY_REASON = "Holiday Visit"
VISIT_SERIES = "VIS-.YYYY.-.#######"
CAMPAIGN_VISIT_FIELDS = [
	*STANDARD_FIELDS,
	"member",
	"member_name",
	"party_organization",
	"visit_reason",
	"visit_type",
	"status",
	"due_date",
	"campaign",
	"campaign_member",
]


# --- events open visits ---------------------------------------------------------------------------


def open_visit_for_event(event) -> str:
	"""Create the Planned visit (or talk) an event calls for, due within the reason's days (the
	member's committee's rules, else the Visit Reason)."""
	organization = event.get("party_organization") or frappe.db.get_value(
		"Member", event.member, "party_organization"
	)
	due_days = rules.visit_due_days(event.event_type, organization)
	visit = frappe.get_doc(
		doctype="Visit",
		member=event.member,
		visit_reason=event.event_type,
		status="Planned",
		due_date=add_days(event.event_date, due_days),
		member_event=event.name,
	)
	visit.insert(ignore_permissions=True)
	return visit.name


def open_talk(
	member: str,
	reason: str,
	due_date=None,
	assign_to: str | None = None,
	held_by_organization: str | None = None,
) -> str:
	"""A Planned talk with a member for `reason`, due on `due_date` (else within the reason's days).
	It goes on the to-do list of `assign_to` — the person who holds it (a confidential letter's
	addressee, party_care/openness/letters.py) — or else of the nearest secretary of
	`held_by_organization` (the reminder talk a party-building grade calls for is held by the level
	above, party_care/incentive/assessment.py; default: the member's own organisation). The app's
	own write: the caller has checked his right to arrange it."""
	from frappe.desk.form.assign_to import add as assign

	from party_care.guards.side_writes import as_the_app

	due_days = rules.visit_due_days(reason, frappe.db.get_value("Member", member, "party_organization"))
	visit = frappe.get_doc(
		doctype="Visit",
		member=member,
		visit_reason=reason,
		status="Planned",
		due_date=due_date or add_days(today(), due_days),
	)
	visit.flags.ignore_permissions = True
	visit.flags.assigned_by_caller = bool(assign_to)
	visit.flags.assign_organization = held_by_organization
	visit.insert()
	if assign_to:
		with as_the_app():
			assign(
				{
					"assign_to": [assign_to],
					"doctype": "Visit",
					"name": visit.name,
					"description": _("{0}: {1}, due {2}").format(
						_(reason), visit.member_name, visit.due_date
					),
					"date": visit.due_date,
				},
				ignore_permissions=True,
			)
	return visit.name


def mark_deceased(event) -> None:
	"""A member's death: record it on the member and close his open hardship case."""
	member = frappe.get_doc("Member", event.member)
	if member.member_status != "Deceased":
		member.member_status = "Deceased"
		member.date_of_death = member.date_of_death or event.event_date
		member.flags.ignore_permissions = True
		member.flags.from_member_event = True
		member.save()
	close_hardship_cases(event.member, "Deceased")


def close_hardship_cases(member: str, reason: str) -> None:
	if not frappe.db.exists("DocType", "Hardship Case"):
		return
	for name in frappe.get_all(
		"Hardship Case", filters={"member": member, "status": ["!=", "Closed"]}, pluck="name"
	):
		case = frappe.get_doc("Hardship Case", name)
		case.status = "Closed"
		if case.meta.get_field("closing_reason"):
			case.closing_reason = reason
		if case.meta.get_field("closing_date"):
			case.closing_date = today()
		case.flags.ignore_permissions = True
		case.flags.ignore_mandatory = True
		case.save()


def on_member_update(doc, method=None):
	"""doc_events hook: a member set to Deceased by hand gets the same follow-up as the event."""
	if (
		doc.flags.from_member_event
		or doc.member_status != "Deceased"
		or not doc.has_value_changed("member_status")
	):
		return
	reason = frappe.db.get_value("Visit Reason", {"marks_member_deceased": 1, "is_active": 1}, "name")
	if not reason:
		return
	frappe.get_doc(
		doctype="Member Event",
		member=doc.name,
		event_type=reason,
		event_date=doc.date_of_death or today(),
	).insert(ignore_permissions=True)


@frappe.whitelist(methods=["POST"])
def report_event(member: str, event_type: str, event_date: str | None = None, details: str | None = None):
	"""Anyone in the branch may record that a fellow member was hospitalised, bereaved, …
	(care_visits.permissions.check_may_report_event: not the committee or the auditor)."""
	check_may_report_event(member)
	event = frappe.get_doc(
		doctype="Member Event",
		member=member,
		event_type=event_type,
		event_date=event_date or today(),
		details=details,
	)
	event.insert(ignore_permissions=True)
	return {"event": event.name, "visit": event.visit}


# --- holiday campaigns ------------------------------------------------------------------------------


def campaign_targets_query(campaign):
	"""The target members of a campaign's subtree, as one query (criteria from the campaign)."""
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	lft, rgt = frappe.db.get_value("Party Organization", campaign.party_organization, ["lft", "rgt"])
	criteria = []
	if campaign.min_age:
		criteria.append(member.date_of_birth <= add_years(campaign.due_date, -campaign.min_age))
	for flag, column in (
		("include_retired", member.is_retired),
		("include_incapacitated", member.is_incapacitated),
		("include_living_alone", member.is_living_alone),
		("include_widowed_or_childless", member.is_widowed_or_childless),
		("include_duty_martyr_family", member.is_duty_martyr_family),
		("include_chronically_ill", member.is_chronically_ill),
	):
		if campaign.get(flag):
			criteria.append(column == 1)
	if campaign.include_hardship and frappe.db.table_exists("Hardship Case"):
		case = frappe.qb.DocType("Hardship Case")
		criteria.append(
			member.name.isin(frappe.qb.from_(case).select(case.member).where(case.status != "Closed"))
		)
	if not criteria:
		return None
	return (
		frappe.qb.from_(member)
		.join(org)
		.on(org.name == member.party_organization)
		.select(member.name, member.full_name, member.party_organization)
		.where(
			(org.lft >= lft)
			& (org.rgt <= rgt)
			& member.member_status.isin(ACTIVE_MEMBER_STATUSES)
			& Criterion.any(criteria)
		)
		.orderby(member.name)
	)


def generate_campaign_visits(campaign: str, chunk_size: int = 5000) -> int:
	"""One Planned holiday visit per target member; idempotent (a rerun adds only the missing).

	Set-based for 100,000 members: one query finds the targets, names are reserved from the
	Visit series in one step, rows go in as parameterised multi-row INSERT IGNOREs on the unique
	campaign_member key (a concurrent run's rows stay), and the reports' monthly counts take the
	added rows in one statement. Returns the number of visits this run added.

	(An INSERT … SELECT from the Member rows was tried: faster at 10,000 members, 1.5× slower at
	100,000, where reading the members back costs more than sending their values.)"""
	doc = frappe.get_doc("Visit Campaign", campaign)
	query = campaign_targets_query(doc)
	if query is None:
		return 0
	visit = frappe.qb.DocType("Visit")
	existing = set(
		frappe.qb.from_(visit).select(visit.member).where(visit.campaign == campaign).run(pluck=True)
	)
	targets = [row for row in query.run() if row[0] not in existing]
	if not targets:
		frappe.db.set_value("Visit Campaign", campaign, "status", "Generated")
		return 0
	kind = frappe.db.get_value("Visit Reason", HOLIDAY_REASON, "kind") or "Visit"
	user, timestamp = frappe.session.user, now()
	first = reserve_numbers(VISIT_SERIES, len(targets))
	names = series_names(VISIT_SERIES, first, len(targets))
	rows = [
		(
			name,
			user,
			user,
			timestamp,
			timestamp,
			0,
			0,
			member,
			full_name,
			org,
			HOLIDAY_REASON,
			kind,
			"Planned",
			doc.due_date,
			campaign,
			f"{campaign}::{member}",
		)
		for name, (member, full_name, org) in zip(names, targets, strict=True)
	]
	added = 0
	for start in range(0, len(rows), chunk_size):
		progress(start, len(rows), _("Generating visit plan"), "Visit Campaign", campaign)
		added += insert_rows(
			"Visit",
			CAMPAIGN_VISIT_FIELDS,
			rows[start : start + chunk_size],
			chunk_size,
			ignore_duplicates=True,
		)
	# the reports' monthly counts: one statement over the run of names (by name when the series
	# grew a digit inside the run, where names no longer sort as numbers)
	if len(names[0]) == len(names[-1]):
		add_visit_range(campaign, names[0], names[-1])
	else:
		for start in range(0, len(names), chunk_size):
			add_visits(names[start : start + chunk_size])
	frappe.db.set_value("Visit Campaign", campaign, "status", "Generated")
	progress(len(rows), len(rows), _("Generating visit plan"), "Visit Campaign", campaign)
	return added


def series_prefix(series: str) -> tuple[str, int]:
	"""A naming series' current prefix ("VIS-2026-") and its number of digits."""
	from frappe.model.naming import parse_naming_series

	return parse_naming_series(series.rsplit(".", 1)[0] + "."), len(series.rsplit(".", 1)[1])


def series_names(series: str, first: int, count: int) -> list[str]:
	"""The names numbers first … first + count - 1 of a naming series take."""
	prefix, digits = series_prefix(series)
	return [f"{prefix}{number:0{digits}d}" for number in range(first, first + count)]


def reserve_numbers(series: str, count: int) -> int:
	"""Take `count` consecutive numbers from a naming series in one locked step; returns the first."""
	prefix, _digits = series_prefix(series)
	frappe.db.sql("insert ignore into `tabSeries` (`name`, `current`) values (%s, 0)", prefix)
	current = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", prefix)[0][0]
	frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (current + count, prefix))
	return current + 1


@frappe.whitelist(methods=["POST"])
def enqueue_campaign(campaign: str):
	doc = frappe.get_doc("Visit Campaign", campaign)
	doc.check_permission("write")
	frappe.db.set_value("Visit Campaign", campaign, "status", "Queued")
	frappe.enqueue(
		generate_campaign_visits,
		queue="long",
		timeout=3600,
		campaign=campaign,
		enqueue_after_commit=True,
		job_id=f"party_care_campaign::{campaign}",
		deduplicate=True,
	)
	return _("Visit plan for {0} is being generated in the background.").format(campaign)


def campaign_progress(campaign: str) -> list[dict]:
	"""Planned, done and completion rate per organisation, for one campaign."""
	visit = frappe.qb.DocType("Visit")
	done = Case().when(visit.status == "Done", 1).else_(0)
	rows = (
		frappe.qb.from_(visit)
		.select(visit.party_organization, Count("*").as_("planned"), Sum(done).as_("done"))
		.where((visit.campaign == campaign) & (visit.status != "Cancelled"))
		.groupby(visit.party_organization)
		.run(as_dict=True)
	)
	for row in rows:
		row.done = int(row.done or 0)
		row.rate = round(100.0 * row.done / row.planned, 1) if row.planned else 0.0
	return rows


# --- overdue visits -----------------------------------------------------------------------------


def remind_overdue_visits(on=None) -> int:
	"""Daily: flag Planned visits past their due date and tell the responsible secretary — once.

	One indexed query finds the visits not yet reminded; each secretary gets one notification
	per run with his count; the visits are marked so tomorrow's run does not repeat it."""
	day = getdate(on or today())
	visit = frappe.qb.DocType("Visit")
	not_reminded = (visit.status == "Planned") & (visit.due_date < day) & visit.overdue_reminded_on.isnull()
	rows = (
		frappe.qb.from_(visit)
		.select(visit.name, visit.party_organization)
		.where(not_reminded)
		.run(as_dict=True)
	)
	if not rows:
		return 0
	by_secretary: dict[str, list[str]] = {}
	secretary_of = nearest_secretary_users(row.party_organization for row in rows)
	for row in rows:
		user = secretary_of.get(row.party_organization)
		if user:
			by_secretary.setdefault(user, []).append(row.name)
	for user, names in by_secretary.items():
		first = frappe.get_doc("Visit", names[0])
		notify(
			[user],
			_("{0} visits or talks are overdue, e.g. {1}").format(len(names), first.member_name),
			first,
		)
	frappe.qb.update(visit).set(visit.overdue_reminded_on, day).where(not_reminded).run()
	return len(rows)


def daily():
	remind_overdue_visits()
