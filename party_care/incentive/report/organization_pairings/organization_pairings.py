# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Organisations paired (结对共建情况): each pairing with its activities this year, its last activity
and whether last year's review is done. Scoped to the viewer's subtree."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from party_care.reports import col, link_col, organization_col, scope_condition


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns() -> list[dict]:
	return [
		link_col("name", _("Organization Pairing"), "Organization Pairing", 110),
		organization_col(170),
		col("partner_name", _("Partner Unit"), width=170),
		col("status", _("Status"), width=70),
		col("start_date", _("Start Date"), "Date", 100),
		col("activities", _("Activities This Year"), "Int", 100),
		col("last_activity", _("Last Activity"), "Date", 100),
		col("last_review_year", _("Last Review"), "Int", 80),
		col("review_due", _("Review Due"), "Check", 80),
	]


def data(filters) -> list[dict]:
	condition, values = scope_condition(filters)
	year = cint(filters.get("year")) or getdate(today()).year
	values.update(year=year, start=f"{year}-01-01", end=f"{year}-12-31")
	where = [condition]
	if filters.get("status"):
		where.append("p.status = %(status)s")
		values["status"] = filters.status
	rows = frappe.db.sql(
		f"""select p.name, p.party_organization, p.partner_name, p.status, p.start_date,
			(select count(*) from `tabParty Activity` a where a.organization_pairing = p.name
				and a.activity_date between %(start)s and %(end)s) activities,
			(select max(a.activity_date) from `tabParty Activity` a where a.organization_pairing = p.name) last_activity,
			(select max(r.year) from `tabOrganization Pairing Review` r where r.parent = p.name
				and r.parenttype = 'Organization Pairing') last_review_year
		from `tabOrganization Pairing` p join `tabParty Organization` org on org.name = p.party_organization
		where {" and ".join(where)}
		order by org.lft, p.start_date
		limit 2000""",
		values,
		as_dict=True,
	)
	for row in rows:
		# a pairing running since before this year owes last year's review
		row.review_due = int(
			row.status == "Ongoing"
			and getdate(row.start_date).year < year
			and cint(row.last_review_year) < year - 1
		)
		row.status = _(row.status)
	return rows
