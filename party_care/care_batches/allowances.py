"""Recurring care allowances (定期补助): a Care Allowance Plan names a subtree, a fund, a Care
Standard (the rules: tiers of standing, age, care attributes, hardship level → amount) and a
frequency. The committee approves the plan once; then a daily job opens, for every active plan,
the batch of the current period with one Confirmed line per member due — in state Approved, for
an officer to pay through the batch route (payer ≠ the committee member who approved the plan).

* once per period: the batch carries a unique plan_period key, its lines a unique member key and
  their payments a unique (plan, period, member) key — a rerun of the job adds nothing;
* a line stops by itself: a member who has died or moved away, or whose hardship case has
  closed, is not due in the next period (and a death or transfer before payment is skipped);
* rules apply from the next period: a period's amounts are fixed when its batch is opened.
"""

import datetime

import frappe
from frappe import _, bold
from frappe.utils import getdate, today

from party_care import roles
from party_care.care_batches import batches
from party_care.exceptions import SelfApprovalError


def period_of(day, frequency: str) -> str:
	day = getdate(day)
	if frequency == "Yearly":
		return f"{day.year}"
	if frequency == "Quarterly":
		return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
	return f"{day.year}-{day.month:02d}"


def period_start(period: str) -> datetime.date:
	if "-Q" in period:
		year, quarter = period.split("-Q")
		return datetime.date(int(year), 3 * (int(quarter) - 1) + 1, 1)
	if "-" in period:
		year, month = period.split("-")
		return datetime.date(int(year), int(month), 1)
	return datetime.date(int(period), 1, 1)


def open_period(plan_name: str, on=None) -> str | None:
	"""The batch of the plan's period containing `on` (default today): opened once; None if the
	plan is not active yet or nobody is due."""
	plan = frappe.get_doc("Care Allowance Plan", plan_name)
	on = getdate(on or today())
	if plan.status != "Active" or getdate(plan.start_date) > on:
		return None
	period = period_of(on, plan.frequency)
	key = f"{plan.name}::{period}"
	existing = frappe.db.get_value("Care Payment Batch", {"plan_period": key}, "name")
	if existing:
		return existing
	batch = frappe.get_doc(
		doctype="Care Payment Batch",
		title=_("{0}, {1}").format(plan.plan_name, period),
		occasion="Regular Allowance",
		year=period_start(period).year,
		party_organization=plan.party_organization,
		care_fund=plan.care_fund,
		care_standard=plan.care_standard,
		allowance_plan=plan.name,
		period=period,
		plan_period=key,
	)
	batch.flags.opened_by_plan = True
	batch.flags.ignore_permissions = True
	batch.insert()
	lines = batches.due_lines(batch)
	batches.insert_lines(batch, lines, status="Confirmed")
	values = batches.totals(batch.name)
	values.update(workflow_state=batches.APPROVED, decided_by=plan.approved_by, approved_total=values["total_amount"])
	frappe.db.set_value("Care Payment Batch", batch.name, values, update_modified=False)
	frappe.db.set_value("Care Allowance Plan", plan.name, "last_period", period, update_modified=False)
	from party_care.notify import notify, users_with_role

	notify(
		users_with_role(roles.ORGANIZATION_OFFICER),
		_("Allowances of {0} for {1} are ready to pay: {2} members").format(plan.plan_name, period, values["line_count"]),
		batch,
	)
	return batch.name


def open_due_periods(on=None) -> list[str]:
	"""Daily: open the current period's batch of every active plan (nothing twice)."""
	opened = []
	for name in frappe.get_all("Care Allowance Plan", filters={"status": "Active"}, pluck="name"):
		batch = open_period(name, on)
		if batch:
			opened.append(batch)
	return opened


@frappe.whitelist(methods=["POST"])
def approve_plan(plan: str, committee_meeting_date: str | None = None, committee_decision: str | None = None):
	"""The committee approves a plan once (not the one who drew it up)."""
	if not plan or not frappe.db.exists("Care Allowance Plan", plan):
		frappe.throw(_("Care Allowance Plan {0} does not exist.").format(bold(plan)), frappe.DoesNotExistError)
	doc = frappe.get_doc("Care Allowance Plan", plan)
	doc.check_permission("write")
	if roles.COMMITTEE_MEMBER not in frappe.get_roles() and frappe.session.user != "Administrator":
		frappe.throw(_("Only a party committee member approves an allowance plan."), frappe.PermissionError)
	if frappe.session.user != "Administrator" and frappe.session.user == doc.owner:
		frappe.throw(
			_("You drew up this plan and cannot also approve it."), SelfApprovalError, title=_("Self-Approval Not Allowed")
		)
	if doc.status != "Draft":
		frappe.throw(_("Only a draft plan can be approved."), title=_("Not Allowed"))
	doc.committee_meeting_date = committee_meeting_date or doc.committee_meeting_date
	doc.committee_decision = committee_decision or doc.committee_decision
	doc.flags.approving = True
	doc.save()
	return doc.status


@frappe.whitelist(methods=["POST"])
def stop_plan(plan: str):
	doc = frappe.get_doc("Care Allowance Plan", plan)
	doc.check_permission("write")
	doc.flags.stopping = True
	doc.save()
	return doc.status
