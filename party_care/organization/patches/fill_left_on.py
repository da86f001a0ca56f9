"""Members who left before `Member.left_on` existed: the day they died, else their record's last
change (the retention rule, party_care/retention.py, counts from it)."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabMember` set left_on = coalesce(date_of_death, date(modified))
		where member_status in ('Deceased', 'Transferred Out') and left_on is null"""
	)
