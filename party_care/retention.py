"""The retention rule: sensitive personal information is not kept for ever (issue 19).

Party Care Settings → "Anonymise Sensitive Information After (Years)" (0: never). Every day
(hooks.py scheduler_events), for whatever left the register longer ago than that:

* a hardship case closed before the cut-off (or of a member gone before it) loses its situation,
  causes, household and per-capita income and its family rows;
* a member deceased or transferred out before the cut-off (`Member.left_on`) loses his full ID
  number (the masked one stays, as lists show it), and his visits their notes and his events their
  details;
* the document history (Version) of those records goes with them — it holds the old values.

The money trail stays: the fund ledger, applications with their amounts, decisions and payments,
batch lines, the member's name and organisation. Each record is stamped `anonymised_on`. A handful
of set-based statements in one transaction; a rerun changes nothing (idempotent).
"""

import frappe
from frappe.utils import add_years, cint, getdate, today

from party_care.organization.doctype.member.member import GONE


def daily() -> None:
	years = cint(frappe.db.get_single_value("Party Care Settings", "anonymise_after_years"))
	if years > 0:
		anonymise(add_years(today(), -years))
		frappe.db.commit()


def anonymise(cut_off) -> dict[str, int]:
	"""Anonymise what left the register before `cut_off` (a date); returns the rows changed by kind."""
	values = {"cut_off": getdate(cut_off), "today": getdate(today()), "gone": GONE}
	gone_members = """select name from `tabMember`
		where member_status in %(gone)s and left_on < %(cut_off)s"""
	changed = {}

	frappe.db.sql(
		f"""update `tabHardship Case` set situation = null, causes = null, household_annual_income = 0,
			per_capita_income = 0, anonymised_on = %(today)s
		where anonymised_on is null
			and ((status = 'Closed' and closing_date < %(cut_off)s) or member in ({gone_members}))""",
		values,
	)
	changed["Hardship Case"] = frappe.db._cursor.rowcount
	frappe.db.sql(
		"""delete f from `tabHardship Family Member` f
		join `tabHardship Case` c on c.name = f.parent and f.parenttype = 'Hardship Case'
		where c.anonymised_on is not null""",
	)
	changed["Hardship Family Member"] = frappe.db._cursor.rowcount

	frappe.db.sql(
		"""update `tabMember` set id_number = null, anonymised_on = %(today)s
		where member_status in %(gone)s and left_on < %(cut_off)s and anonymised_on is null""",
		values,
	)
	changed["Member"] = frappe.db._cursor.rowcount
	for doctype, field in (("Visit", "notes"), ("Member Event", "details")):
		frappe.db.sql(
			f"""update `tab{doctype}` r join `tabMember` m on m.name = r.member set r.`{field}` = null
			where m.anonymised_on is not null and r.`{field}` is not null""",
		)
		changed[doctype] = frappe.db._cursor.rowcount

	# the history of those records holds the values just removed
	for doctype, anonymised in (
		("Member", "select name from `tabMember` where anonymised_on is not null"),
		("Hardship Case", "select name from `tabHardship Case` where anonymised_on is not null"),
		(
			"Visit",
			"select r.name from `tabVisit` r join `tabMember` m on m.name = r.member where m.anonymised_on is not null",
		),
		(
			"Member Event",
			"select r.name from `tabMember Event` r join `tabMember` m on m.name = r.member "
			"where m.anonymised_on is not null",
		),
	):
		frappe.db.sql(
			f"delete from `tabVersion` where ref_doctype = %(doctype)s and docname in ({anonymised})",
			{"doctype": doctype},
		)
	return changed
