"""The lines of a batch the user may read, grouped by organisation: the signed-receipt roster and
notice list (roster), and the per-organisation overview of the batch form (by_organization)."""

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt

from party_care.care_batches.line_rights import subtree_condition
from party_care.care_batches.states import LIVE_LINE_STATUSES
from party_care.permissions import ALL, get_scope


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


def by_organization(batch_name: str) -> list[dict]:
	"""Members, amount and lines to confirm per organisation — of the organisations the user
	may read (a secretary sees his subtree's)."""
	line = frappe.qb.DocType("Care Payment Line")
	query = (
		frappe.qb.from_(line)
		.select(
			line.party_organization,
			line.status,
			Count(line.name).as_("lines"),
			Sum(line.amount).as_("amount"),
		)
		.where(line.batch == batch_name)
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
