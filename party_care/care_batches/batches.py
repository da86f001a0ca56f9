"""Holiday care money in batches (节日慰问金) and the lines of allowance periods.

A Care Payment Batch holds one Care Payment Line per member. Lines are made set-based: one
query finds the targets of the subtree with what the Care Standard needs (age, standing, care
attributes, an open hardship case), the amounts are worked out in Python from the standard's
rows, names are reserved in one step and the rows go in as one bulk insert. A member is in at
most one live batch per occasion and year (a removed line or a rejected batch frees him).

Who changes which lines, while the batch is in which state:

* Branch Confirmation: each branch secretary confirms his subtree's lines, removes one with a
  reason or adds a member of his subtree with a reason; the officers may do the same anywhere;
* Draft, Department Review: the officers add and remove (with a reason);
* Public Notice, Approved: the officers may still remove a line (with a reason) — never add;
* nobody confirms, adds or removes a line about himself.
"""

import frappe
from frappe import _, bold
from frappe.query_builder import Criterion
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, flt, fmt_money, getdate, now

from party_care import roles
from party_care.care_batches.periods import period_start
from party_care.guards.arguments import json_arg
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.permissions import ALL, SUBTREE, get_scope, secretary_organizations
from party_care.utils.bulk import insert_rows
from party_care.utils.dates import whole_years
from party_care.utils.naming import reserve_format_names

LIVE_LINE_STATUSES = ("Proposed", "Confirmed", "Paid")
DRAFT, CONFIRMATION, DEPARTMENT, COMMITTEE = (
	"Draft",
	"Branch Confirmation",
	"Department Review",
	"Committee Review",
)
NOTICE, APPROVED, PAID, REJECTED = "Public Notice", "Approved", "Paid", "Rejected"

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


class LineChangeError(frappe.ValidationError):
	pass


# --- who is due what ---------------------------------------------------------------------------------


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


# --- making lines -----------------------------------------------------------------------------------------


def insert_lines(
	batch, lines: list[dict], status: str = "Proposed", added_manually: int = 0, reason: str | None = None
) -> int:
	if not lines:
		return 0
	names = reserve_format_names("Care Payment Line", len(lines))
	user, timestamp = frappe.session.user, now()
	occasion = occasion_value(batch)
	insert_rows(
		"Care Payment Line",
		fields=[
			"name",
			"owner",
			"modified_by",
			"creation",
			"modified",
			"docstatus",
			"idx",
			"batch",
			"member",
			"member_name",
			"party_organization",
			"category",
			"amount",
			"status",
			"occasion",
			"year",
			"added_manually",
			"change_reason",
			"changed_by",
			"line_key",
		],
		values=[
			(
				name,
				user,
				user,
				timestamp,
				timestamp,
				0,
				0,
				batch.name,
				r["member"],
				r["member_name"],
				r["party_organization"],
				r["category"],
				flt(r["amount"]),
				status,
				occasion,
				cint(batch.year),
				added_manually,
				reason,
				user if reason else None,
				f"{batch.name}::{r['member']}",
			)
			for name, r in zip(names, lines, strict=True)
		],
	)
	return len(lines)


def generate_lines(batch) -> int:
	"""Lines for every member the standard (or the campaign) covers that the batch lacks."""
	existing = set(frappe.get_all("Care Payment Line", filters={"batch": batch.name}, pluck="member"))
	lines = [r for r in due_lines(batch) if r["member"] not in existing]
	count = insert_lines(batch, lines)
	refresh_totals(batch)
	return count


# what a draft's lines were drawn up by: change one, and the lines follow (follow_terms)
TERMS = ("occasion", "year", "party_organization", "care_standard", "visit_campaign", "assessment_round")


def terms_changed(batch, before) -> bool:
	if occasion_value(batch) != occasion_value(before):
		return True
	return any(
		(batch.get(f) or None) != (before.get(f) or None) for f in TERMS if f not in ("occasion", "year")
	)


def follow_terms(batch) -> dict:
	"""The officer changed what a draft batch is for (its occasion or year, its organisation, its
	standard or campaign): its lines become those of the new terms, as if drawn up for them.

	He corrects a draft; he expects the batch to be what it now says, not a refusal (he cannot
	delete a batch, and taking 5,000 lines off one by one is no way out) nor lines still counted
	against the old year (a member then stood in two live batches of one occasion and year).
	So: every line takes the new occasion key and year; a member another live batch of the new
	occasion already lists leaves this one; lines outside the new subtree go; the amounts the
	standard gave are worked out again (age and standing on the new year) and who it no longer
	covers goes; who it now covers comes in. What the officer did by hand stays: a removed line
	stays removed, a line he added keeps its amount. Draft lines were never confirmed, so going
	means deleted. Returns {"dropped": n, "added": n}."""
	line = frappe.qb.DocType("Care Payment Line")
	org = frappe.qb.DocType("Party Organization")
	lft, rgt = frappe.db.get_value("Party Organization", batch.party_organization, ["lft", "rgt"])
	subtree = set(
		frappe.qb.from_(org).select(org.name).where((org.lft >= lft) & (org.rgt <= rgt)).run(pluck=True)
	)
	rows = frappe.get_all(
		"Care Payment Line",
		filters={"batch": batch.name},
		fields=["name", "member", "party_organization", "status", "added_manually", "amount", "category"],
	)
	taken = members_in_occasion(batch, other_than=batch.name)
	drawn = [r for r in rows if r.status in LIVE_LINE_STATUSES and not r.added_manually]
	drawn_names = {r.name for r in drawn}
	due = {r["member"]: r for r in due_lines(batch, [r.member for r in drawn], taken=taken)} if drawn else {}
	dropped = [
		r.name
		for r in rows
		if r.party_organization not in subtree
		or (r.status in LIVE_LINE_STATUSES and r.member in taken)
		or (r.name in drawn_names and r.member not in due)
	]
	if dropped:
		frappe.qb.from_(line).delete().where(line.name.isin(dropped)).run()
	gone = set(dropped)
	frappe.qb.update(line).set(line.occasion, occasion_value(batch)).set(line.year, cint(batch.year)).set(
		line.modified, now()
	).where(line.batch == batch.name).run()
	# the standard's amounts on the new terms, one update per (amount, category)
	changed: dict[tuple[float, str], list[str]] = {}
	for r in drawn:
		new = due.get(r.member)
		if (
			new
			and r.name not in gone
			and (flt(r.amount), r.category) != (flt(new["amount"]), new["category"])
		):
			changed.setdefault((flt(new["amount"]), new["category"]), []).append(r.name)
	for (amount, category), names in changed.items():
		frappe.qb.update(line).set(line.amount, amount).set(line.category, category).where(
			line.name.isin(names)
		).run()
	added = generate_lines(batch)
	if dropped or added or changed:
		frappe.msgprint(
			_(
				"The lines were drawn up again for what the batch is now for: {0} removed, {1} added, {2} with a new amount."
			).format(len(dropped), added, sum(len(n) for n in changed.values())),
			title=_("Lines Drawn Up Again"),
			alert=True,
		)
	return {"dropped": len(dropped), "added": added}


def totals(batch_name: str) -> dict:
	"""Members, total and lines still to confirm of a batch (one grouped query)."""
	line = frappe.qb.DocType("Care Payment Line")
	counts = {"count": 0, "total": 0.0, "pending": 0}
	for status, count, total in (
		frappe.qb.from_(line)
		.select(line.status, Count(line.name), Sum(line.amount))
		.where(line.batch == batch_name)
		.groupby(line.status)
		.run()
	):
		if status in LIVE_LINE_STATUSES:
			counts["count"] += count
			counts["total"] += flt(total)
		if status == "Proposed":
			counts["pending"] = count
	return {
		"line_count": counts["count"],
		"total_amount": counts["total"],
		"lines_pending": counts["pending"],
	}


def refresh_totals(batch) -> dict:
	values = totals(batch.name)
	batch.update(values)
	if not batch.is_new():
		frappe.db.set_value("Care Payment Batch", batch.name, values, update_modified=False)
	return values


# --- who may change lines ------------------------------------------------------------------------------


def is_officer(user: str | None = None, batch=None) -> bool:
	"""An organisation department officer — of the batch's committee or one above it, when given."""
	user_roles = set(frappe.get_roles(user or frappe.session.user))
	officer = bool(user_roles & {roles.ORGANIZATION_OFFICER, "System Manager"}) or (
		user or frappe.session.user
	) == ("Administrator")
	if officer and batch is not None:
		from party_care.permissions import acts_for_committee

		return acts_for_committee(batch.get("committee"), {roles.ORGANIZATION_OFFICER}, user)
	return officer


def in_user_subtree(organization: str, user: str | None = None) -> bool:
	"""Whether an organisation lies under one the user is secretary of (or he sees everything)."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return True
	if scope != SUBTREE or not organization:
		return False
	lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	org = frappe.qb.DocType("Party Organization")
	return bool(
		frappe.qb.from_(org)
		.select(org.name)
		.where(org.name.isin(secretary_organizations(user)) & (org.lft <= lft) & (org.rgt >= rgt))
		.run()
	)


def subtree_condition(line, user: str):
	"""Criterion: the line lies under one of the user's secretary organisations."""
	org = frappe.qb.DocType("Party Organization")
	mine = frappe.qb.DocType("Party Organization").as_("mine")
	under = (
		frappe.qb.from_(org)
		.join(mine)
		.on((org.lft >= mine.lft) & (org.rgt <= mine.rgt))
		.select(org.name)
		.where(mine.name.isin(secretary_organizations(user) or [""]))
	)
	return line.party_organization.isin(under)


def check_can_change(batch, organization: str, adding: bool = False):
	"""Refuse unless the user may change lines of this organisation in the batch's state."""
	state = batch.workflow_state or DRAFT
	officer = is_officer(batch=batch)
	if officer:
		allowed = (
			(DRAFT, CONFIRMATION, DEPARTMENT)
			if adding
			else (DRAFT, CONFIRMATION, DEPARTMENT, NOTICE, APPROVED)
		)
	else:
		allowed = (CONFIRMATION,)
	if state not in allowed:
		frappe.throw(
			_("Lines of batch {0} cannot be changed in {1}.").format(bold(batch.name), bold(_(state))),
			LineChangeError,
			title=_("Not Editable"),
		)
	if not officer and not (roles.BRANCH_SECRETARY in frappe.get_roles() and in_user_subtree(organization)):
		frappe.throw(
			_(
				"Only the secretary of {0} or an organisation above it, or the organisation department, can change its lines."
			).format(bold(organization)),
			frappe.PermissionError,
		)


def check_not_own(member: str):
	if (
		frappe.session.user != "Administrator"
		and frappe.db.get_value("Member", member, "user") == frappe.session.user
	):
		from party_care.exceptions import SelfApprovalError

		frappe.throw(
			_("You cannot confirm, add or remove your own line; the organisation above you does it."),
			SelfApprovalError,
			title=_("Self-Approval Not Allowed"),
		)


def clean_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if len(reason) < 2:
		frappe.throw(_("Please give the reason for the change."), LineChangeError, title=_("Missing Values"))
	if len(reason) > 1000:
		frappe.throw(
			_("The reason is too long (at most 1000 characters)."), LineChangeError, title=_("Invalid Value")
		)
	return reason


def get_batch(name: str):
	if not name or not frappe.db.exists("Care Payment Batch", name):
		frappe.throw(_("Care Payment Batch {0} does not exist.").format(bold(name)), frappe.DoesNotExistError)
	return frappe.get_doc("Care Payment Batch", name)


def get_line(name: str):
	if not name or not frappe.db.exists("Care Payment Line", name):
		frappe.throw(_("Care Payment Line {0} does not exist.").format(bold(name)), frappe.DoesNotExistError)
	return frappe.get_doc("Care Payment Line", name)


# --- the actions on lines (REST and the batch form) ------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def confirm_lines(batch: str, organization: str | None = None, lines: list | str | None = None) -> dict:
	"""Confirm the Proposed lines the user answers for (optionally of one organisation's subtree,
	or only the named lines). Lines about the user himself stay for the organisation above."""
	doc = get_batch(batch)
	lines = json_arg(lines, "lines", list, items=str)
	if organization and not frappe.db.exists("Party Organization", organization):
		frappe.throw(
			_("Party Organization {0} does not exist.").format(bold(organization)), frappe.DoesNotExistError
		)
	if (doc.workflow_state or DRAFT) != CONFIRMATION:
		frappe.throw(
			_("Lines are confirmed while the batch is in {0}.").format(bold(_(CONFIRMATION))),
			LineChangeError,
			title=_("Not Editable"),
		)
	user = frappe.session.user
	if not is_officer(batch=doc) and not (
		roles.BRANCH_SECRETARY in frappe.get_roles() and get_scope(user) == SUBTREE
	):
		frappe.throw(
			_("Only branch secretaries and the organisation department confirm lines."),
			frappe.PermissionError,
		)
	if organization:
		check_can_change(doc, organization)
	line = frappe.qb.DocType("Care Payment Line")
	member = frappe.qb.DocType("Member")
	own = frappe.qb.from_(member).select(member.name).where(member.user == user)
	conditions = [line.batch == doc.name, line.status == "Proposed", line.member.notin(own)]
	if not is_officer(batch=doc):
		conditions.append(subtree_condition(line, user))
	if organization:
		org = frappe.qb.DocType("Party Organization")
		lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
		conditions.append(
			line.party_organization.isin(
				frappe.qb.from_(org).select(org.name).where((org.lft >= lft) & (org.rgt <= rgt))
			)
		)
	if lines is not None:
		conditions.append(line.name.isin(lines or [""]))
	names = frappe.qb.from_(line).select(line.name).where(Criterion.all(conditions)).run(pluck=True)
	if names:
		frappe.qb.update(line).set(line.status, "Confirmed").set(line.confirmed_by, user).set(
			line.modified, now()
		).where(line.name.isin(names)).run()
	refresh_totals(doc)
	# his own line waits for the organisation above: say so, not a silent 待确认
	own_pending = frappe.db.count(
		"Care Payment Line",
		{"batch": doc.name, "status": "Proposed", "member": ["in", own.run(pluck=True) or [""]]},
	)
	return {"confirmed": len(names), "pending": doc.lines_pending, "own_pending": own_pending}


@frappe.whitelist(methods=["POST"])
def remove_line(line: str, reason: str) -> dict:
	"""Take a member off the batch, with the reason (kept on the line)."""
	doc, batch = check_removable(line)
	reason = clean_reason(reason)
	frappe.db.set_value(
		"Care Payment Line",
		doc.name,
		{"status": "Removed", "change_reason": reason, "changed_by": frappe.session.user},
	)
	return refresh_totals(batch)


def check_removable(line: str):
	doc = get_line(line)
	batch = get_batch(doc.batch)
	check_can_change(batch, doc.party_organization)
	check_not_own(doc.member)
	if doc.status not in ("Proposed", "Confirmed"):
		frappe.throw(
			_("Line {0} is {1} and cannot be removed.").format(bold(doc.name), bold(_(doc.status))),
			LineChangeError,
			title=_("Not Editable"),
		)
	return doc, batch


@frappe.whitelist(methods=["POST"])
def remove_lines(lines: list | str, reason: str) -> dict:
	"""Take several members off the batch with one reason: all of them, or none (each line is
	checked as remove_line checks it)."""
	names = json_arg(lines, "lines", list, items=str)
	if not names:
		frappe.throw(_("Choose the lines to remove."), title=_("Missing Values"))
	if len(names) > MAX_LINES_AT_ONCE:
		frappe.throw(
			_("At most {0} lines can be removed at once.").format(MAX_LINES_AT_ONCE),
			title=_("Too Many Lines"),
		)
	reason = clean_reason(reason)
	names = list(dict.fromkeys(names))
	checked = [check_removable(name) for name in names]  # every line first: all are removed, or none
	for doc, _batch in checked:
		frappe.db.set_value(
			"Care Payment Line",
			doc.name,
			{"status": "Removed", "change_reason": reason, "changed_by": frappe.session.user},
		)
	result = {}
	for batch in {b.name: b for _doc, b in checked}.values():
		result = refresh_totals(batch)
	return {**result, "removed": len(names)}


MAX_LINES_AT_ONCE = 500


@frappe.whitelist(methods=["POST"])
def add_line(batch: str, member: str, reason: str, amount: float | None = None) -> dict:
	"""Add a member of the batch's subtree with a reason. The amount is the standard's; for a
	member the standard does not cover, give it (at most the standard's highest amount)."""
	doc = get_batch(batch)
	if not member or not frappe.db.exists("Member", member):
		frappe.throw(_("Member {0} does not exist.").format(bold(member)), frappe.DoesNotExistError)
	organization, status, full_name = frappe.db.get_value(
		"Member", member, ["party_organization", "member_status", "full_name"]
	)
	check_can_change(doc, organization, adding=True)
	check_not_own(member)
	reason = clean_reason(reason)
	if status not in ACTIVE_MEMBER_STATUSES:
		frappe.throw(
			_("{0} is {1}; only current members can receive care money.").format(
				bold(full_name), bold(_(status))
			),
			LineChangeError,
			title=_("Invalid Member"),
		)
	if not in_subtree(organization, doc.party_organization):
		frappe.throw(
			_("{0} is not a member under {1}.").format(bold(full_name), bold(doc.party_organization)),
			LineChangeError,
			title=_("Invalid Member"),
		)
	if member in members_in_occasion(doc):
		frappe.throw(
			_("{0} already has care money of this occasion.").format(bold(full_name)),
			LineChangeError,
			title=_("Already Listed"),
		)
	due = due_lines(doc, [member])
	if due:
		row = due[0]
	else:
		_combination, rows = standard_rows(doc.care_standard)
		highest = max((flt(r.amount) for r in rows), default=0)
		if flt(amount) <= 0 or flt(amount) > highest:
			frappe.throw(
				_(
					"{0} fits no category of the standard; give an amount more than zero and at most {1}."
				).format(bold(full_name), bold(fmt_money(highest, currency="CNY"))),
				LineChangeError,
				title=_("Invalid Amount"),
			)
		row = dict(
			member=member,
			member_name=full_name,
			party_organization=organization,
			amount=flt(amount),
			category=_("Added"),
		)
	# a removed line of this batch for the member makes room for the new one
	frappe.db.delete("Care Payment Line", {"batch": doc.name, "member": member, "status": "Removed"})
	insert_lines(doc, [row], added_manually=1, reason=reason)
	return refresh_totals(doc)


def in_subtree(organization: str, root: str) -> bool:
	lft, rgt = frappe.db.get_value("Party Organization", root, ["lft", "rgt"])
	olft, orgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	return lft <= olft and orgt <= rgt


@frappe.whitelist(methods=["POST"])
def make_lines(batch: str) -> dict:
	"""Draw up the lines of a draft batch from its standard (and campaign). Officers only."""
	doc = get_batch(batch)
	doc.check_permission("write")
	if not is_officer(batch=doc):
		frappe.throw(_("Only the organisation department draws up a batch."), frappe.PermissionError)
	if (doc.workflow_state or DRAFT) != DRAFT:
		frappe.throw(
			_("Lines are drawn up while the batch is in {0}.").format(bold(_(DRAFT))),
			LineChangeError,
			title=_("Not Editable"),
		)
	added = generate_lines(doc)
	return {"added": added, **totals(doc.name)}


@frappe.whitelist(methods=["GET"])
def lines_by_organization(batch: str) -> list[dict]:
	"""Members, amount and lines to confirm per organisation — of the organisations the user
	may read (a secretary sees his subtree's)."""
	doc = get_batch(batch)
	doc.check_permission("read")
	line = frappe.qb.DocType("Care Payment Line")
	query = (
		frappe.qb.from_(line)
		.select(
			line.party_organization,
			line.status,
			Count(line.name).as_("lines"),
			Sum(line.amount).as_("amount"),
		)
		.where(line.batch == doc.name)
		.groupby(line.party_organization, line.status)
		.orderby(line.party_organization)
	)
	if get_scope() != ALL:
		query = query.where(subtree_condition(line, frappe.session.user))
	out: dict[str, dict] = {}
	for r in query.run(as_dict=True):
		row = out.setdefault(
			r.party_organization,
			{
				"party_organization": r.party_organization,
				"lines": 0,
				"amount": 0.0,
				"proposed": 0,
				"removed": 0,
				"paid": 0,
				"skipped": 0,
			},
		)
		if r.status in LIVE_LINE_STATUSES:
			row["lines"] += r.lines
			row["amount"] += flt(r.amount)
		key = {"Proposed": "proposed", "Removed": "removed", "Paid": "paid", "Skipped": "skipped"}.get(
			r.status
		)
		if key:
			row[key] += r.lines
	return list(out.values())


def roster(batch_name: str, statuses=LIVE_LINE_STATUSES) -> dict:
	"""The lines the user may read, grouped by organisation with subtotals (for the signed-receipt
	roster and the notice list): {"groups": [{party_organization, lines, count, total}], count, total}."""
	line = frappe.qb.DocType("Care Payment Line")
	org = frappe.qb.DocType("Party Organization")
	query = (
		frappe.qb.from_(line)
		.join(org)
		.on(org.name == line.party_organization)
		.select(line.name, line.member_name, line.party_organization, line.category, line.amount, line.status)
		.where((line.batch == batch_name) & line.status.isin(statuses))
		.orderby(org.lft)
		.orderby(line.name)
	)
	if get_scope() != ALL:
		query = query.where(subtree_condition(line, frappe.session.user))
	groups: list[dict] = []
	number = 0
	for row in query.run(as_dict=True):
		if not groups or groups[-1]["party_organization"] != row.party_organization:
			groups.append(
				{"party_organization": row.party_organization, "lines": [], "count": 0, "total": 0.0}
			)
		number += 1
		row["number"] = number
		groups[-1]["lines"].append(row)
		groups[-1]["count"] += 1
		groups[-1]["total"] += flt(row.amount)
	return {"groups": groups, "count": number, "total": sum(g["total"] for g in groups)}


def campaign_money(campaign: str, member: str) -> float:
	"""Care money paid to a member by the batches drawn up from a holiday campaign."""
	line = frappe.qb.DocType("Care Payment Line")
	batch = frappe.qb.DocType("Care Payment Batch")
	return flt(
		frappe.qb.from_(line)
		.join(batch)
		.on(batch.name == line.batch)
		.select(Sum(line.amount))
		.where((batch.visit_campaign == campaign) & (line.member == member) & (line.status == "Paid"))
		.run()[0][0]
	)


# --- the yearly cap, for a whole batch ----------------------------------------------------------------


def lock_members(batch_name: str) -> None:
	"""Hold the Member rows of a batch's live lines (one locking query, in name order)."""
	line = frappe.qb.DocType("Care Payment Line")
	member = frappe.qb.DocType("Member")
	(
		frappe.qb.from_(member)
		.select(member.name)
		.where(
			member.name.isin(
				frappe.qb.from_(line)
				.select(line.member)
				.where((line.batch == batch_name) & line.status.isin(("Proposed", "Confirmed")))
			)
		)
		.orderby(member.name)
		.for_update()
		.run()
	)


def over_cap(batch) -> list[tuple[str, float, float, float]]:
	"""[(member name, already, this line, his cap)] for live lines that would pass the yearly cap —
	each member's own committee's (party_care/organization/rules.py), as an application's."""
	from party_care.care_fund.caps import yearly_committed
	from party_care.organization import rules

	lines = frappe.get_all(
		"Care Payment Line",
		filters={"batch": batch.name, "status": ["in", ["Proposed", "Confirmed"]]},
		fields=["member", "member_name", "amount", "party_organization"],
	)
	caps = {
		org: flt(rules.rule("yearly_cap_per_member", org)) for org in {r.party_organization for r in lines}
	}
	lines = [r for r in lines if caps[r.party_organization]]
	if not lines:
		return []
	committed = yearly_committed(
		[r.member for r in lines], cint(batch.year), exclude_batch=batch.name, for_update=True
	)
	return [
		(r.member_name, committed[r.member], flt(r.amount), caps[r.party_organization])
		for r in lines
		if committed[r.member] + flt(r.amount) > caps[r.party_organization] + 0.005
	]


# --- paying -------------------------------------------------------------------------------------------------


def pay(batch) -> dict:
	"""Pay every confirmed line through the ledger under one fund lock, all or nothing.

	Lines whose member died or moved away since, or who was already paid for this occasion (in
	this batch or another), are marked Skipped with the reason and never paid."""
	from party_care.care_fund import ledger

	line = frappe.qb.DocType("Care Payment Line")
	member = frappe.qb.DocType("Member")
	rows = (
		frappe.qb.from_(line)
		.join(member)
		.on(member.name == line.member)
		.select(
			line.name,
			line.member,
			line.member_name,
			line.party_organization,
			line.amount,
			member.member_status,
		)
		.where((line.batch == batch.name) & (line.status == "Confirmed"))
		.orderby(line.name)
		.run(as_dict=True)
	)  # a second payer of the same batch already stopped at the batch row (Frappe's check_if_latest)
	skipped: dict[str, list[str]] = {}
	payments = []
	for r in rows:
		if r.member_status not in ACTIVE_MEMBER_STATUSES:
			skipped.setdefault(r.member_status, []).append(r.name)
			continue
		payments.append(
			dict(
				amount=r.amount,
				member=r.member,
				member_name=r.member_name,
				party_organization=r.party_organization,
				reference_doctype="Care Payment Line",
				reference_name=r.name,
				payment_key=payment_key(batch, r.member),
			)
		)
	remarks = _("{0} ({1})").format(batch.title, batch.name)
	result = (
		ledger.post_many(batch.care_fund, payments, remarks=remarks)
		if payments
		else {"posted": {}, "already_paid": set()}
	)
	already = [p["reference_name"] for p in payments if p["payment_key"] in result["already_paid"]]
	if already:
		skipped.setdefault("Already Paid", []).extend(already)

	if result["posted"]:
		frappe.db.sql(
			"""update `tabCare Payment Line` l join `tabFund Ledger Entry` e
				on e.reference_doctype = 'Care Payment Line' and e.reference_name = l.name and e.docstatus = 1
			set l.status = 'Paid', l.ledger_entry = e.name, l.modified = %s
			where l.batch = %s and l.status = 'Confirmed'""",
			(now(), batch.name),
		)
	reasons = {
		"Deceased": _("The member has died."),
		"Transferred Out": _("The member has transferred out."),
		"Already Paid": _("Already paid for this occasion."),
	}
	for status, names in skipped.items():
		frappe.qb.update(line).set(line.status, "Skipped").set(
			line.skip_reason, reasons.get(status, _(status))
		).where(line.name.isin(names)).run()
	paid_amount = sum(flt(p["amount"]) for p in payments if p["payment_key"] in result["posted"])
	return {
		"paid_count": len(result["posted"]),
		"paid_amount": paid_amount,
		"skipped_count": sum(len(v) for v in skipped.values()),
	}
