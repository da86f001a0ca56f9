"""Rectifications past their due date (限期整改): the daily job tells the secretary concerned and the
secretary of the organisation above — once per rectification (until it is sent back with a new date)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from party_care.notify import nearest_secretary_users, notify_many


def remind_overdue(on=None) -> int:
	"""Daily: Open rectifications past their due date, not yet reminded. Three queries whatever the count."""
	day = getdate(on or today())
	rect = frappe.qb.DocType("Party Building Rectification")
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	overdue = (rect.status == "Open") & (rect.due_date < day) & rect.overdue_reminded_on.isnull()
	rows = (
		frappe.qb.from_(rect)
		.left_join(member)
		.on(member.name == rect.secretary)
		.left_join(org)
		.on(org.name == rect.party_organization)
		.select(rect.name, rect.party_organization, rect.due_date, member.user, org.parent_party_organization)
		.where(overdue)
		.run(as_dict=True)
	)
	if not rows:
		return 0
	above = nearest_secretary_users(r.parent_party_organization for r in rows if r.parent_party_organization)
	notes = []
	for row in rows:
		subject = _("Rectification {0} of {1} was due on {2} and is not reported back.").format(
			row.name, row.party_organization, row.due_date
		)
		for user in {row.user, above.get(row.parent_party_organization)} - {None, ""}:
			notes.append(
				{
					"user": user,
					"subject": subject,
					"document_type": "Party Building Rectification",
					"document_name": row.name,
				}
			)
	notify_many(notes)
	frappe.qb.update(rect).set(rect.overdue_reminded_on, day).where(overdue).run()
	return len(rows)
