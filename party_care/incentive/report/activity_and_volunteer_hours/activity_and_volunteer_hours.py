# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Hours of party activities and volunteer service in a period (党建活动与志愿服务时长), per
organisation (the activities it held and its members' hours) or per member. Aggregated in SQL,
scoped to the viewer's subtree (a plain member sees no rows: his own are on /my-care)."""

import frappe
from frappe import _
from frappe.utils import flt

from party_care.reports import (
	DETAIL_LIMIT,
	col,
	first_members,
	in_tree_order,
	link_col,
	organization_col,
	period,
	scope_condition,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	by_member = filters.get("group_by") == "Member"
	rows, message = (members if by_member else organizations)(filters)
	return columns(by_member), rows, message


def columns(by_member: bool) -> list[dict]:
	first = (
		[link_col("member", _("Member"), "Member"), col("member_name", _("Member Name"), "Data", 90)]
		if by_member
		else [col("activities_held", _("Activities Held"), "Int", 100)]
	)
	return [
		organization_col(),
		*first,
		col("activities", _("Activities Taken Part In"), "Int", 120),
		col("activity_hours", _("Activity Hours"), "Float", 100),
		col("services", _("Volunteer Services"), "Int", 100),
		col("volunteer_hours", _("Volunteer Hours"), "Float", 100),
		col("total_hours", _("Total Hours"), "Float", 100),
	]


def _values(filters):
	condition, values = scope_condition(filters)
	values["start"], values["end"] = period(filters)
	return condition, values


def organizations(filters):
	condition, values = _values(filters)
	queries = [
		f"""select a.party_organization, count(*) activities_held from `tabParty Activity` a
		join `tabParty Organization` org on org.name = a.party_organization
		where a.activity_date between %(start)s and %(end)s and {condition} group by a.party_organization""",
		f"""select m.party_organization, count(*) activities, sum(p.hours) activity_hours
		from `tabParty Activity Participant` p join `tabParty Activity` a on a.name = p.parent
			and p.parenttype = 'Party Activity'
		join `tabMember` m on m.name = p.member join `tabParty Organization` org on org.name = m.party_organization
		where a.activity_date between %(start)s and %(end)s and {condition} group by m.party_organization""",
		f"""select v.party_organization, count(*) services, sum(v.hours) volunteer_hours
		from `tabVolunteer Service` v join `tabParty Organization` org on org.name = v.party_organization
		where v.service_date between %(start)s and %(end)s and {condition} group by v.party_organization""",
	]
	rows: dict[str, frappe._dict] = {}
	for sql in queries:
		for r in frappe.db.sql(sql, values, as_dict=True):
			rows.setdefault(
				r.party_organization, frappe._dict(party_organization=r.party_organization)
			).update(r)
	out = in_tree_order(rows)
	for row in out:
		_totals(row)
	return out, None


def members(filters):
	condition, values = _values(filters)
	values["limit"] = DETAIL_LIMIT + 1
	rows = frappe.db.sql(
		f"""select m.name member, m.full_name member_name, m.party_organization,
			coalesce(act.activities, 0) activities, coalesce(act.hours, 0) activity_hours,
			coalesce(vol.services, 0) services, coalesce(vol.hours, 0) volunteer_hours
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		left join (select p.member, count(*) activities, sum(p.hours) hours
			from `tabParty Activity Participant` p join `tabParty Activity` a on a.name = p.parent
				and p.parenttype = 'Party Activity'
			where a.activity_date between %(start)s and %(end)s group by p.member) act on act.member = m.name
		left join (select v.member, count(*) services, sum(v.hours) hours from `tabVolunteer Service` v
			where v.service_date between %(start)s and %(end)s group by v.member) vol on vol.member = m.name
		where {condition} and (act.member is not null or vol.member is not null)
		order by org.lft, m.full_name
		limit %(limit)s""",
		values,
		as_dict=True,
	)
	rows, message = first_members(rows)
	for row in rows:
		_totals(row)
	return rows, message


def _totals(row):
	for k in ("activities_held", "activities", "services"):
		row[k] = int(row.get(k) or 0)
	for k in ("activity_hours", "volunteer_hours"):
		row[k] = flt(row.get(k), 2)
	row.total_hours = flt(row.activity_hours + row.volunteer_hours, 2)
