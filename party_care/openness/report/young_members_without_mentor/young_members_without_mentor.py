# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Young members without a political study mentor today (未配导师的青年党员): current members under
Party Care Settings → young member age with no mentorship running today, for the secretary to give
each one. Scoped to the viewer's subtree."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from party_care.openness import study
from party_care.reports import (
	DETAIL_LIMIT,
	col,
	first_members,
	link_col,
	organization_col,
	scope_condition,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	condition, values = scope_condition(filters)
	values.update(
		{
			"today": getdate(today()),
			"limit_age": study.age_limit(),
			"active": study.ACTIVE_STATUSES,
			"limit": DETAIL_LIMIT + 1,
		}
	)
	rows = frappe.db.sql(
		f"""select m.name as member, m.full_name as member_name, m.party_organization,
			timestampdiff(year, m.date_of_birth, %(today)s) as age,
			(select max(p.to_date) from `tab{study.MENTORSHIP}` p where p.member = m.name) as last_mentorship_ended
		from `tabMember` m join `tabParty Organization` org on org.name = m.party_organization
		where m.member_status in %(active)s and {condition}
			and timestampdiff(year, m.date_of_birth, %(today)s) < %(limit_age)s
			and not exists (select 1 from `tab{study.MENTORSHIP}` p where p.member = m.name
				and p.from_date <= %(today)s and ifnull(p.to_date, %(today)s) >= %(today)s)
		order by org.lft, m.full_name
		limit %(limit)s""",
		values,
		as_dict=True,
	)
	rows, message = first_members(rows)
	return columns(), rows, message


def columns() -> list[dict]:
	return [
		organization_col(),
		link_col("member", _("Member"), "Member"),
		col("member_name", _("Member Name"), width=90),
		col("age", _("Age"), "Int", 60),
		col("last_mentorship_ended", _("Last Mentorship Ended"), "Date", 120),
	]
