"""What counts against a member's yearly cap (Party Care Settings.yearly_cap_per_member), in one
place: assistance applications (on notice, approved or paid), and holiday-batch and allowance
lines (of batches on notice or approved, and every line paid). Both the application route and
the batch route ask this module, so money from one route is seen by the other; a whole batch is
checked here too (batch_over_cap, under lock_batch_members)."""

import frappe
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import cint, flt

APPLICATION_COUNTED_STATES = ("Public Notice", "Approved", "Paid")
BATCH_COUNTED_STATES = ("Public Notice", "Approved")


def yearly_committed(
	members: list[str],
	year: int,
	exclude_application: str | None = None,
	exclude_batch: str | None = None,
	for_update: bool = False,
) -> dict[str, float]:
	"""{member: amount already committed in the calendar year} for these members (two grouped
	queries, whatever their number). `for_update`: locking reads, which see what a concurrent
	decision committed (used under the member lock of the fund route)."""
	totals: dict[str, float] = dict.fromkeys(members, 0.0)
	if not members:
		return totals
	app = frappe.qb.DocType("Fund Application")
	query = (
		frappe.qb.from_(app)
		.select(app.member, Coalesce(Sum(app.amount_approved), 0))
		.where(
			app.member.isin(members)
			& app.workflow_state.isin(APPLICATION_COUNTED_STATES)
			& app.application_date.between(f"{year}-01-01", f"{year}-12-31")
		)
		.groupby(app.member)
	)
	if exclude_application:
		query = query.where(app.name != exclude_application)
	if for_update:
		query = query.for_update()
	for member, amount in query.run():
		totals[member] += flt(amount)

	if frappe.db.table_exists("Care Payment Line"):
		line = frappe.qb.DocType("Care Payment Line")
		batch = frappe.qb.DocType("Care Payment Batch")
		query = (
			frappe.qb.from_(line)
			.join(batch)
			.on(batch.name == line.batch)
			.select(line.member, Coalesce(Sum(line.amount), 0))
			.where(
				line.member.isin(members)
				& (line.year == year)
				& (
					(line.status == "Paid")
					| (
						line.status.isin(("Proposed", "Confirmed"))
						& batch.workflow_state.isin(BATCH_COUNTED_STATES)
					)
				)
			)
			.groupby(line.member)
		)
		if exclude_batch:
			query = query.where(line.batch != exclude_batch)
		if for_update:
			query = query.for_update()
		for member, amount in query.run():
			totals[member] += flt(amount)
	return totals


def yearly_total(
	member: str, year: int, exclude_application: str | None = None, for_update: bool = False
) -> float:
	"""What one member has committed in a year, across applications, batches and allowances."""
	return yearly_committed([member], year, exclude_application=exclude_application, for_update=for_update)[
		member
	]


# --- a whole holiday or allowance batch (the batch route's Committee Review → Public Notice) ------


def lock_batch_members(batch_name: str) -> None:
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


def batch_over_cap(batch) -> list[tuple[str, float, float, float]]:
	"""[(member name, already, this line, his cap)] for live lines that would pass the yearly cap —
	each member's own committee's (party_care/organization/rules.py), as an application's."""
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
