# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Which secretaries of primary organisations (branches and general branches) have been through the
year's rotation training (书记轮训: every one, every year, seed 003): attendance of a session of kind
Secretary Rotation Training in the year. Scoped to the viewer's subtree."""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from party_care.openness import study
from party_care.reports import col, organization_col, scope_condition

PRIMARY = ("Branch", "General Branch")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.get("year")) or getdate(today()).year
	condition, values = scope_condition(filters)
	start, end = study.year_bounds(year)
	values.update({"start": start, "end": end, "rotation": study.ROTATION, "primary": PRIMARY})
	only_missing = (filters.get("show") or "Not Yet Trained") == "Not Yet Trained"
	rows = frappe.db.sql(
		f"""select org.name as party_organization, org.organization_type, org.secretary, m.full_name as secretary_name,
			ifnull(r.hours, 0) as rotation_hours, r.last_date
		from `tabParty Organization` org join `tabMember` m on m.name = org.secretary
		left join (select a.member, sum(a.hours) as hours, max(s.session_date) as last_date
			from `tab{study.ATTENDEE}` a join `tab{study.SESSION}` s on s.name = a.parent and a.parenttype = '{study.SESSION}'
			where a.attended = 1 and s.kind = %(rotation)s and s.session_date between %(start)s and %(end)s
			group by a.member) r on r.member = org.secretary
		where org.organization_type in %(primary)s and {condition}
			{"and r.member is null" if only_missing else ""}
		order by org.lft""",
		values,
		as_dict=True,
	)
	for r in rows:
		r.rotation_hours = flt(r.rotation_hours, 2)
		r.trained = int(bool(r.last_date))
		r.organization_type = _(r.organization_type)
	message = None
	if only_missing:
		message = _(
			"{0} secretaries have not been through the rotation training of {1}; months left: {2}."
		).format(len(rows), year, study.months_left(year))
	return columns(), rows, message


def columns() -> list[dict]:
	return [
		organization_col(),
		col("organization_type", _("Organization Type"), width=90),
		col("secretary", _("Secretary"), "Link", 120, "Member"),
		col("secretary_name", _("Secretary Name"), width=90),
		col("trained", _("Rotation Training Attended"), "Check", 110),
		col("rotation_hours", _("Rotation Training Hours"), "Float", 110),
		col("last_date", _("Last Rotation Training"), "Date", 110),
	]
