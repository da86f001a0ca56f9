"""Activities, pioneer posts, volunteer service and organisation pairing (seeds 002 三(一)1, 三(三)2;
003 art. 19; 000, 004 三(三)2): the checks their controllers share."""

import frappe
from frappe import _, bold
from frappe.utils import flt, getdate, today

ACTIVE_STATUSES = ("Probationary", "Full")
MAX_HOURS_A_DAY = 24


def check_hours(hours, label: str, allow_zero: bool = False) -> None:
	hours = flt(hours)
	if hours < 0 or hours > MAX_HOURS_A_DAY:
		frappe.throw(
			_("{0}: hours lie between 0 and {1}.").format(bold(label), MAX_HOURS_A_DAY),
			title=_("Invalid Hours"),
		)
	if hours == 0 and not allow_zero:
		frappe.throw(_("{0}: please enter the hours.").format(bold(label)), title=_("Invalid Hours"))


def check_not_future(date, label: str) -> None:
	if date and getdate(date) > getdate(today()):
		frappe.throw(_("{0} cannot be in the future.").format(bold(_(label))), title=_("Invalid Date"))


def check_period(start, end) -> None:
	if start and end and getdate(end) < getdate(start):
		frappe.throw(_("The period cannot end before it starts."), title=_("Invalid Date"))


def check_active_member(member: str) -> None:
	name, status = frappe.db.get_value("Member", member, ["full_name", "member_status"]) or (member, None)
	if status not in ACTIVE_STATUSES:
		frappe.throw(_("{0} is not a current member.").format(bold(name)), title=_("Invalid Member"))


def check_case_readable(doc, hardship_case: str | None) -> None:
	"""A hardship case served is named only by who may read it (its member's name comes with it)."""
	if (
		hardship_case
		and not doc.flags.ignore_permissions
		and not frappe.has_permission("Hardship Case", "read", doc=hardship_case)
	):
		frappe.throw(
			_("You may not read hardship case {0}.").format(bold(hardship_case)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def check_no_duplicates(rows, fieldname: str, what: str) -> None:
	seen = set()
	for row in rows:
		value = row.get(fieldname)
		if value in seen:
			frappe.throw(
				_("{0} appears twice in {1}.").format(bold(row.get(f"{fieldname}_name") or value), _(what)),
				title=_("Duplicate Row"),
			)
		seen.add(value)
