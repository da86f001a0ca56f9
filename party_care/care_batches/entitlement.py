"""Who is due what (节日慰问金 and allowance periods): the members of a subtree a Care Standard gives
money to, and the occasion a member may be paid for once.

One query finds the targets of the subtree with what the Care Standard needs (age, standing, care
attributes, an open hardship case); the amounts are worked out in Python from the standard's
rows. A member is in at most one live batch per occasion and year (a removed line or a rejected
batch frees him)."""

import frappe
from frappe.utils import cint, flt, getdate, now

from party_care.care_batches.periods import period_start
from party_care.care_batches.states import LIVE_LINE_STATUSES, REJECTED
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.utils.dates import whole_years

# care attribute categories → Member column
ATTRIBUTE_CATEGORIES = {
	"Retired": "is_retired",
	"Incapacitated": "is_incapacitated",
	"Living Alone": "is_living_alone",
	"Widowed or Childless": "is_widowed_or_childless",
	"Chronically Ill": "is_chronically_ill",
	"Duty Martyr Family": "is_duty_martyr_family",
	"Minimum Living Allowance": "on_minimum_allowance",
	"Low Income": "is_low_income",
}


def standard_rows(care_standard: str) -> tuple[str, list]:
	standard = frappe.get_cached_doc("Care Standard", care_standard)
	return standard.combination or "Highest", list(standard.rows)


def amount_for(member_row: dict, combination: str, rows: list, on) -> tuple[float, str]:
	"""(amount, category labels) for one member by the standard's rows; (0, "") if none fits."""
	fits = []
	for row in rows:
		if row.category == "Age at Least":
			ok = whole_years(member_row["date_of_birth"], on) >= cint(row.threshold)
		elif row.category == "Party Standing at Least":
			ok = bool(member_row["date_full_member"]) and whole_years(
				member_row["date_full_member"], on
			) >= cint(row.threshold)
		elif row.category == "In Hardship":
			level = member_row.get("hardship_level")
			ok = bool(level) and (not row.hardship_level or row.hardship_level == level)
		elif (
			row.category == "Assessment Grade"
		):  # a secretary allowance batch (incentive/secretary_allowance.py)
			ok = bool(row.grade) and member_row.get("assessment_grade") == row.grade
		else:
			ok = bool(member_row.get(ATTRIBUTE_CATEGORIES[row.category]))
		if ok:
			fits.append(row)
	if not fits:
		return 0.0, ""
	if combination == "Sum":
		return sum(flt(r.amount) for r in fits), "、".join(r.label for r in fits)
	best = max(fits, key=lambda r: flt(r.amount))
	return flt(best.amount), best.label


def candidates_query(
	party_organization: str,
	members: list[str] | None = None,
	campaign: str | None = None,
	assessment_round: str | None = None,
):
	"""Active members of a subtree with what a standard looks at (one query); with an assessment
	round, only its qualifying part-time secretaries, with their grade."""
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	case = frappe.qb.DocType("Hardship Case")
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"])
	query = (
		frappe.qb.from_(member)
		.join(org)
		.on(org.name == member.party_organization)
		.left_join(case)
		.on((case.member == member.name) & (case.status != "Closed"))
		.select(
			member.name,
			member.full_name,
			member.party_organization,
			member.date_of_birth,
			member.date_full_member,
			*(member[c] for c in ATTRIBUTE_CATEGORIES.values()),
			case.hardship_level,
		)
		.where((org.lft >= lft) & (org.rgt <= rgt) & member.member_status.isin(ACTIVE_MEMBER_STATUSES))
		.orderby(org.lft)
		.orderby(member.name)
	)
	if members is not None:
		query = query.where(member.name.isin(members or [""]))
	if campaign:
		visit = frappe.qb.DocType("Visit")
		query = query.where(
			member.name.isin(
				frappe.qb.from_(visit)
				.select(visit.member)
				.where((visit.campaign == campaign) & (visit.status != "Cancelled"))
			)
		)
	if assessment_round:
		from party_care.incentive.secretary_allowance import restrict

		query = restrict(query, member, assessment_round)
	return query


def due_lines(batch, members: list[str] | None = None, taken: set[str] | None = None) -> list[dict]:
	"""{member, member_name, party_organization, amount, category} for each member the batch's
	standard gives money to (members already in a live line of the occasion — or `taken` — are
	left out)."""
	combination, rows = standard_rows(batch.care_standard)
	on = reference_day(batch)
	taken = members_in_occasion(batch) if taken is None else set(taken)
	out = []
	for row in candidates_query(
		batch.party_organization, members, batch.visit_campaign, batch.get("assessment_round")
	).run(as_dict=True):
		if row.name in taken:
			continue
		amount, category = amount_for(row, combination, rows, on)
		if amount > 0:
			out.append(
				dict(
					member=row.name,
					member_name=row.full_name,
					party_organization=row.party_organization,
					amount=amount,
					category=category,
				)
			)
			taken.add(row.name)  # a member with two open cases comes back twice from the join
	return out


def reference_day(batch):
	"""Age and standing are counted on the day of the occasion's year the batch is for."""
	if batch.allowance_plan:
		return period_start(batch.period)
	day = getdate(batch.creation or now())
	return day if day.year == cint(batch.year) else getdate(f"{cint(batch.year)}-12-31")


def occasion_scope(batch) -> tuple[str, str]:
	"""(key, value) identifying "the same occasion": the holiday and year, a plan's period, or
	for "Other" occasions the batch itself."""
	if batch.allowance_plan:
		return "occasion", f"{batch.allowance_plan}::{batch.period}"
	if batch.occasion == "Other":
		return "occasion", f"Other::{batch.name}"
	return "occasion", f"{batch.occasion}::{cint(batch.year)}"


def occasion_value(batch) -> str:
	return occasion_scope(batch)[1]


def members_in_occasion(batch, other_than: str | None = None) -> set[str]:
	"""Members with a live line in any batch of the same occasion that is not rejected (but the
	batch `other_than`)."""
	line = frappe.qb.DocType("Care Payment Line")
	other = frappe.qb.DocType("Care Payment Batch")
	query = (
		frappe.qb.from_(line)
		.join(other)
		.on(other.name == line.batch)
		.select(line.member)
		.where(
			(line.occasion == occasion_value(batch))
			& line.status.isin(LIVE_LINE_STATUSES)
			& (other.workflow_state != REJECTED)
		)
	)
	if other_than:
		query = query.where(line.batch != other_than)
	return set(query.run(pluck=True))


def payment_key(batch, member: str) -> str:
	return f"Care Payment::{occasion_value(batch)}::{member}"
