"""Who may change which lines of a batch, while the batch is in which state:

* Branch Confirmation: each branch secretary confirms his subtree's lines, removes one with a
  reason or adds a member of his subtree with a reason; the officers may do the same anywhere;
* Draft, Department Review: the officers add and remove (with a reason);
* Public Notice, Approved: the officers may still remove a line (with a reason) — never add;
* nobody confirms, adds or removes a line about himself.

The checks raise translated errors; the whitelisted methods (batches.py) call them before any
change."""

import frappe
from frappe import _, bold

from party_care import roles
from party_care.care_batches.states import APPROVED, CONFIRMATION, DEPARTMENT, DRAFT, NOTICE, LineChangeError
from party_care.permissions import ALL, SUBTREE, get_scope, secretary_organizations


def is_officer(user: str | None = None, batch=None) -> bool:
	"""An organisation department officer — of the batch's committee or one above it, when given."""
	user_roles = set(frappe.get_roles(user or frappe.session.user))
	officer = bool(user_roles & {roles.ORGANIZATION_OFFICER, "System Manager"}) or (
		user or frappe.session.user
	) == ("Administrator")
	if officer and batch is not None:
		from party_care.permissions import acts_for_committee

		return acts_for_committee(batch.get("committee"), {roles.ORGANIZATION_OFFICER}, user)
	return officer


def in_user_subtree(organization: str, user: str | None = None) -> bool:
	"""Whether an organisation lies under one the user is secretary of (or he sees everything)."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return True
	if scope != SUBTREE or not organization:
		return False
	lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	org = frappe.qb.DocType("Party Organization")
	return bool(
		frappe.qb.from_(org)
		.select(org.name)
		.where(org.name.isin(secretary_organizations(user)) & (org.lft <= lft) & (org.rgt >= rgt))
		.run()
	)


def subtree_condition(line, user: str):
	"""Criterion: the line lies under one of the user's secretary organisations."""
	org = frappe.qb.DocType("Party Organization")
	mine = frappe.qb.DocType("Party Organization").as_("mine")
	under = (
		frappe.qb.from_(org)
		.join(mine)
		.on((org.lft >= mine.lft) & (org.rgt <= mine.rgt))
		.select(org.name)
		.where(mine.name.isin(secretary_organizations(user) or [""]))
	)
	return line.party_organization.isin(under)


def check_can_change(batch, organization: str, adding: bool = False):
	"""Refuse unless the user may change lines of this organisation in the batch's state."""
	state = batch.workflow_state or DRAFT
	officer = is_officer(batch=batch)
	if officer:
		allowed = (
			(DRAFT, CONFIRMATION, DEPARTMENT)
			if adding
			else (DRAFT, CONFIRMATION, DEPARTMENT, NOTICE, APPROVED)
		)
	else:
		allowed = (CONFIRMATION,)
	if state not in allowed:
		frappe.throw(
			_("Lines of batch {0} cannot be changed in {1}.").format(bold(batch.name), bold(_(state))),
			LineChangeError,
			title=_("Not Editable"),
		)
	if not officer and not (roles.BRANCH_SECRETARY in frappe.get_roles() and in_user_subtree(organization)):
		frappe.throw(
			_(
				"Only the secretary of {0} or an organisation above it, or the organisation department, can change its lines."
			).format(bold(organization)),
			frappe.PermissionError,
		)


def check_not_own(member: str):
	if (
		frappe.session.user != "Administrator"
		and frappe.db.get_value("Member", member, "user") == frappe.session.user
	):
		from party_care.exceptions import SelfApprovalError

		frappe.throw(
			_("You cannot confirm, add or remove your own line; the organisation above you does it."),
			SelfApprovalError,
			title=_("Self-Approval Not Allowed"),
		)


def clean_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if len(reason) < 2:
		frappe.throw(_("Please give the reason for the change."), LineChangeError, title=_("Missing Values"))
	if len(reason) > 1000:
		frappe.throw(
			_("The reason is too long (at most 1000 characters)."), LineChangeError, title=_("Invalid Value")
		)
	return reason


def get_batch(name: str):
	if not name or not frappe.db.exists("Care Payment Batch", name):
		frappe.throw(_("Care Payment Batch {0} does not exist.").format(bold(name)), frappe.DoesNotExistError)
	return frappe.get_doc("Care Payment Batch", name)


def get_line(name: str):
	if not name or not frappe.db.exists("Care Payment Line", name):
		frappe.throw(_("Care Payment Line {0} does not exist.").format(bold(name)), frappe.DoesNotExistError)
	return frappe.get_doc("Care Payment Line", name)


def check_removable(line: str):
	doc = get_line(line)
	batch = get_batch(doc.batch)
	check_can_change(batch, doc.party_organization)
	check_not_own(doc.member)
	if doc.status not in ("Proposed", "Confirmed"):
		frappe.throw(
			_("Line {0} is {1} and cannot be removed.").format(bold(doc.name), bold(_(doc.status))),
			LineChangeError,
			title=_("Not Editable"),
		)
	return doc, batch


def in_subtree(organization: str, root: str) -> bool:
	lft, rgt = frappe.db.get_value("Party Organization", root, ["lft", "rgt"])
	olft, orgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	return lft <= olft and orgt <= rgt
