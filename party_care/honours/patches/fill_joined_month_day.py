"""Fill Member.joined_month_day ("MM-DD", the indexed day of the political birthday) for members
registered before the field existed; Member.validate keeps it current from then on."""

import frappe


def execute():
	frappe.db.sql(
		"update `tabMember` set `joined_month_day` = date_format(`date_joined`, %s) where `date_joined` is not null",
		("%m-%d",),
	)
