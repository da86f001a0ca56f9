"""The actions on a holiday or allowance batch's lines (REST and the batch form): the whitelisted
methods `party_care.care_batches.batches.<method>` — make_lines, confirm_lines, remove_line,
remove_lines, add_line, lines_by_organization. Their dotted paths are public API (the batch form,
the line list, REST clients): they stay here.

The work is done by the modules of one job each (README "Layout"):

* states.py — the batch's states and the lines' statuses;
* entitlement.py — who is due what (the standard's rows, the one candidates query, the occasion);
* lines.py — making lines (bulk insert), drawing them up again for new terms, the totals;
* line_rights.py — who may change which lines in which state, and the checks on the arguments;
* roster.py — the lines a user may read, grouped by organisation;
* paying.py — paying through the ledger; party_care/care_fund/caps.py — the yearly cap;
* notice.py — lines on public notice (their objections: party_care/controllers/notice.py).

The batch controller (care_payment_batch.py) calls what it needs of them as `batches.<name>`: the
states, follow_terms, terms_changed, in_subtree, refresh_totals, roster, lock_members, over_cap,
and pay are named here for it (imported `as` themselves).
"""

import frappe
from frappe import _, bold
from frappe.query_builder import Criterion
from frappe.utils import flt, fmt_money, now

from party_care import roles
from party_care.care_batches import roster as roster_module
from party_care.care_batches.entitlement import due_lines, members_in_occasion, standard_rows
from party_care.care_batches.line_rights import (
	check_can_change,
	check_not_own,
	check_removable,
	clean_reason,
	get_batch,
	in_subtree,
	is_officer,
	subtree_condition,
)
from party_care.care_batches.lines import follow_terms as follow_terms
from party_care.care_batches.lines import generate_lines, insert_lines, refresh_totals, totals
from party_care.care_batches.lines import terms_changed as terms_changed
from party_care.care_batches.paying import pay as pay
from party_care.care_batches.roster import roster as roster
from party_care.care_batches.states import APPROVED as APPROVED
from party_care.care_batches.states import COMMITTEE as COMMITTEE
from party_care.care_batches.states import CONFIRMATION, DRAFT, LineChangeError
from party_care.care_batches.states import DEPARTMENT as DEPARTMENT
from party_care.care_batches.states import NOTICE as NOTICE
from party_care.care_batches.states import PAID as PAID
from party_care.care_batches.states import REJECTED as REJECTED
from party_care.care_fund import caps
from party_care.guards.arguments import json_arg
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.permissions import SUBTREE, get_scope

# the yearly cap of a whole batch, as the controller names it
lock_members, over_cap = caps.lock_batch_members, caps.batch_over_cap


# --- the actions on lines (REST and the batch form) ------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def confirm_lines(batch: str, organization: str | None = None, lines: list | str | None = None) -> dict:
	"""Confirm the Proposed lines the user answers for (optionally of one organisation's subtree,
	or only the named lines). Lines about the user himself stay for the organisation above."""
	doc = get_batch(batch)
	lines = json_arg(lines, "lines", list, items=str)
	if organization and not frappe.db.exists("Party Organization", organization):
		frappe.throw(
			_("Party Organization {0} does not exist.").format(bold(organization)), frappe.DoesNotExistError
		)
	if (doc.workflow_state or DRAFT) != CONFIRMATION:
		frappe.throw(
			_("Lines are confirmed while the batch is in {0}.").format(bold(_(CONFIRMATION))),
			LineChangeError,
			title=_("Not Editable"),
		)
	user = frappe.session.user
	if not is_officer(batch=doc) and not (
		roles.BRANCH_SECRETARY in frappe.get_roles() and get_scope(user) == SUBTREE
	):
		frappe.throw(
			_("Only branch secretaries and the organisation department confirm lines."),
			frappe.PermissionError,
		)
	if organization:
		check_can_change(doc, organization)
	line = frappe.qb.DocType("Care Payment Line")
	member = frappe.qb.DocType("Member")
	own = frappe.qb.from_(member).select(member.name).where(member.user == user)
	conditions = [line.batch == doc.name, line.status == "Proposed", line.member.notin(own)]
	if not is_officer(batch=doc):
		conditions.append(subtree_condition(line, user))
	if organization:
		org = frappe.qb.DocType("Party Organization")
		lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
		conditions.append(
			line.party_organization.isin(
				frappe.qb.from_(org).select(org.name).where((org.lft >= lft) & (org.rgt <= rgt))
			)
		)
	if lines is not None:
		conditions.append(line.name.isin(lines or [""]))
	names = frappe.qb.from_(line).select(line.name).where(Criterion.all(conditions)).run(pluck=True)
	if names:
		frappe.qb.update(line).set(line.status, "Confirmed").set(line.confirmed_by, user).set(
			line.modified, now()
		).where(line.name.isin(names)).run()
	refresh_totals(doc)
	# his own line waits for the organisation above: say so, not a silent 待确认
	own_pending = frappe.db.count(
		"Care Payment Line",
		{"batch": doc.name, "status": "Proposed", "member": ["in", own.run(pluck=True) or [""]]},
	)
	return {"confirmed": len(names), "pending": doc.lines_pending, "own_pending": own_pending}


@frappe.whitelist(methods=["POST"])
def remove_line(line: str, reason: str) -> dict:
	"""Take a member off the batch, with the reason (kept on the line)."""
	doc, batch = check_removable(line)
	reason = clean_reason(reason)
	frappe.db.set_value(
		"Care Payment Line",
		doc.name,
		{"status": "Removed", "change_reason": reason, "changed_by": frappe.session.user},
	)
	return refresh_totals(batch)


@frappe.whitelist(methods=["POST"])
def remove_lines(lines: list | str, reason: str) -> dict:
	"""Take several members off the batch with one reason: all of them, or none (each line is
	checked as remove_line checks it)."""
	names = json_arg(lines, "lines", list, items=str)
	if not names:
		frappe.throw(_("Choose the lines to remove."), title=_("Missing Values"))
	if len(names) > MAX_LINES_AT_ONCE:
		frappe.throw(
			_("At most {0} lines can be removed at once.").format(MAX_LINES_AT_ONCE),
			title=_("Too Many Lines"),
		)
	reason = clean_reason(reason)
	names = list(dict.fromkeys(names))
	checked = [check_removable(name) for name in names]  # every line first: all are removed, or none
	for doc, _batch in checked:
		frappe.db.set_value(
			"Care Payment Line",
			doc.name,
			{"status": "Removed", "change_reason": reason, "changed_by": frappe.session.user},
		)
	result = {}
	for batch in {b.name: b for _doc, b in checked}.values():
		result = refresh_totals(batch)
	return {**result, "removed": len(names)}


MAX_LINES_AT_ONCE = 500


@frappe.whitelist(methods=["POST"])
def add_line(batch: str, member: str, reason: str, amount: float | None = None) -> dict:
	"""Add a member of the batch's subtree with a reason. The amount is the standard's; for a
	member the standard does not cover, give it (at most the standard's highest amount)."""
	doc = get_batch(batch)
	if not member or not frappe.db.exists("Member", member):
		frappe.throw(_("Member {0} does not exist.").format(bold(member)), frappe.DoesNotExistError)
	organization, status, full_name = frappe.db.get_value(
		"Member", member, ["party_organization", "member_status", "full_name"]
	)
	check_can_change(doc, organization, adding=True)
	check_not_own(member)
	reason = clean_reason(reason)
	if status not in ACTIVE_MEMBER_STATUSES:
		frappe.throw(
			_("{0} is {1}; only current members can receive care money.").format(
				bold(full_name), bold(_(status))
			),
			LineChangeError,
			title=_("Invalid Member"),
		)
	if not in_subtree(organization, doc.party_organization):
		frappe.throw(
			_("{0} is not a member under {1}.").format(bold(full_name), bold(doc.party_organization)),
			LineChangeError,
			title=_("Invalid Member"),
		)
	if member in members_in_occasion(doc):
		frappe.throw(
			_("{0} already has care money of this occasion.").format(bold(full_name)),
			LineChangeError,
			title=_("Already Listed"),
		)
	due = due_lines(doc, [member])
	if due:
		row = due[0]
	else:
		_combination, rows = standard_rows(doc.care_standard)
		highest = max((flt(r.amount) for r in rows), default=0)
		if flt(amount) <= 0 or flt(amount) > highest:
			frappe.throw(
				_(
					"{0} fits no category of the standard; give an amount more than zero and at most {1}."
				).format(bold(full_name), bold(fmt_money(highest, currency="CNY"))),
				LineChangeError,
				title=_("Invalid Amount"),
			)
		row = dict(
			member=member,
			member_name=full_name,
			party_organization=organization,
			amount=flt(amount),
			category=_("Added"),
		)
	# a removed line of this batch for the member makes room for the new one
	frappe.db.delete("Care Payment Line", {"batch": doc.name, "member": member, "status": "Removed"})
	insert_lines(doc, [row], added_manually=1, reason=reason)
	return refresh_totals(doc)


@frappe.whitelist(methods=["POST"])
def make_lines(batch: str) -> dict:
	"""Draw up the lines of a draft batch from its standard (and campaign). Officers only."""
	doc = get_batch(batch)
	doc.check_permission("write")
	if not is_officer(batch=doc):
		frappe.throw(_("Only the organisation department draws up a batch."), frappe.PermissionError)
	if (doc.workflow_state or DRAFT) != DRAFT:
		frappe.throw(
			_("Lines are drawn up while the batch is in {0}.").format(bold(_(DRAFT))),
			LineChangeError,
			title=_("Not Editable"),
		)
	added = generate_lines(doc)
	return {"added": added, **totals(doc.name)}


@frappe.whitelist(methods=["GET"])
def lines_by_organization(batch: str) -> list[dict]:
	"""Members, amount and lines to confirm per organisation — of the organisations the user
	may read (a secretary sees his subtree's)."""
	doc = get_batch(batch)
	doc.check_permission("read")
	return roster_module.by_organization(doc.name)
