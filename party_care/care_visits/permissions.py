"""Who may record what about a member in the visits module."""

import frappe
from frappe import _

from party_care import roles
from party_care.organization.tree import same_branch
from party_care.permissions import member_of_user


def check_may_report_event(member: str, user: str | None = None) -> None:
	"""An event about a member is recorded by whoever may create Member Events for him (a
	secretary in his subtree, an officer) or by a fellow member of his branch — not by the
	committee or the auditor, who only read."""
	user = user or frappe.session.user
	if not frappe.db.exists("Member", member):
		frappe.throw(_("Member {0} does not exist.").format(frappe.bold(member)), frappe.DoesNotExistError)
	if frappe.has_permission("Member Event", "create", user=user) and frappe.has_permission(
		"Member", "read", doc=member, user=user
	):
		return
	if roles.PARTY_MEMBER in frappe.get_roles(user):
		reporter = member_of_user(user)
		if reporter and same_branch(reporter, member):
			return
	frappe.throw(_("You can record events only for members of your own branch."), frappe.PermissionError)
