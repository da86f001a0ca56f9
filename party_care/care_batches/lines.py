"""Making a batch's lines and keeping its totals: names are reserved in one step and the rows go in
as one bulk insert; a draft whose terms change has its lines drawn up again (follow_terms)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, flt, now

from party_care.care_batches.entitlement import due_lines, members_in_occasion, occasion_value
from party_care.care_batches.states import LIVE_LINE_STATUSES
from party_care.utils.bulk import STANDARD_FIELDS, insert_rows
from party_care.utils.naming import reserve_format_names


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
			*STANDARD_FIELDS,
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
