"""Recurring care allowances (定期补助): a Care Allowance Plan names a subtree, a fund, a Care
Standard (the rules: tiers of standing, age, care attributes, hardship level → amount) and a
frequency. The committee approves the plan once; then a daily job opens, for every active plan,
the batch of the current period with one Confirmed line per member due — in state Approved, for
an officer to pay through the batch route (payer ≠ the committee member who approved the plan).
The plan is approved once, through the batch route itself: its first period's batch goes the
whole way (branches confirm, department checks, committee approves, public notice) and the
close of that notice makes the plan Active (`submit_plan`).

* once per period: the batch carries a unique plan_period key, its lines a unique member key and
  their payments a unique (plan, period, member) key — a rerun of the job adds nothing;
* a line stops by itself: a member who has died or moved away, or whose hardship case has
  closed, is not due in the next period (and a death or transfer before payment is skipped);
* rules apply from the next period: a period's amounts are fixed when its batch is opened.
"""

import frappe
from frappe import _, bold
from frappe.utils import getdate, today

from party_care import roles
from party_care.care_batches.entitlement import due_lines
from party_care.care_batches.line_rights import is_officer
from party_care.care_batches.lines import generate_lines, insert_lines, totals
from party_care.care_batches.periods import period_of, period_start
from party_care.care_batches.states import APPROVED
from party_care.permissions import check_acts_for_committee


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
	lines = due_lines(batch)
	insert_lines(batch, lines, status="Confirmed")
	values = totals(batch.name)
	values.update(workflow_state=APPROVED, decided_by=plan.approved_by, approved_total=values["total_amount"])
	frappe.db.set_value("Care Payment Batch", batch.name, values, update_modified=False)
	frappe.db.set_value("Care Allowance Plan", plan.name, "last_period", period, update_modified=False)
	from party_care.notify import notify
	from party_care.permissions import committee_people

	notify(
		committee_people(batch.committee, roles.ORGANIZATION_OFFICER),
		_("Allowances of {0} for {1} are ready to pay: {2} members").format(
			plan.plan_name, period, values["line_count"]
		),
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
def submit_plan(plan: str) -> str:
	"""The officer puts a draft plan through the batch route once: its first period's batch is
	drawn up (lines Proposed) and goes Draft → branches → department → committee → notice like any
	holiday batch; when its notice closes the plan is Active (see on_first_batch_approved)."""
	if not plan or not frappe.db.exists("Care Allowance Plan", plan):
		frappe.throw(
			_("Care Allowance Plan {0} does not exist.").format(bold(plan)), frappe.DoesNotExistError
		)
	doc = frappe.get_doc("Care Allowance Plan", plan)
	doc.check_permission("write")
	if not is_officer():
		frappe.throw(_("Only the organisation department submits an allowance plan."), frappe.PermissionError)
	check_acts_for_committee(doc, doc.committee, {roles.ORGANIZATION_OFFICER})
	if doc.status != "Draft":
		frappe.throw(_("Only a draft plan can be submitted."), title=_("Not Allowed"))
	period = period_of(max(getdate(doc.start_date), getdate(today())), doc.frequency)
	batch = frappe.get_doc(
		doctype="Care Payment Batch",
		title=_("{0}, {1}").format(doc.plan_name, period),
		occasion="Regular Allowance",
		year=period_start(period).year,
		party_organization=doc.party_organization,
		care_fund=doc.care_fund,
		care_standard=doc.care_standard,
	)
	batch.insert()
	# which plan and period it is for: written by the app (the route protects these fields)
	frappe.db.set_value(
		"Care Payment Batch",
		batch.name,
		{"allowance_plan": doc.name, "period": period, "plan_period": f"{doc.name}::{period}"},
		update_modified=False,
	)
	batch.reload()
	generate_lines(batch)
	doc.flags.submitting = True
	doc.save()
	frappe.db.set_value("Care Allowance Plan", doc.name, "approval_batch", batch.name, update_modified=False)
	return batch.name


def on_first_batch_approved(batch) -> None:
	"""The committee approved the plan's first batch and its notice closed: the plan is Active."""
	plan = frappe.db.get_value(
		"Care Allowance Plan", {"approval_batch": batch.name, "status": "Under Approval"}, "name"
	)
	if plan:
		frappe.db.set_value(
			"Care Allowance Plan",
			plan,
			{
				"status": "Active",
				"approved_by": batch.decided_by,
				"approved_on": today(),
				"committee_meeting_date": batch.committee_meeting_date,
				"committee_decision": batch.committee_decision,
				"last_period": batch.period,
			},
		)


def on_first_batch_rejected(batch) -> None:
	"""The committee rejected the plan's first batch: the plan goes back to Draft."""
	plan = frappe.db.get_value(
		"Care Allowance Plan", {"approval_batch": batch.name, "status": "Under Approval"}, "name"
	)
	if plan:
		frappe.db.set_value("Care Allowance Plan", plan, {"status": "Draft", "approval_batch": None})


@frappe.whitelist(methods=["POST"])
def stop_plan(plan: str):
	if not plan or not frappe.db.exists("Care Allowance Plan", plan):
		frappe.throw(
			_("Care Allowance Plan {0} does not exist.").format(bold(plan)), frappe.DoesNotExistError
		)
	doc = frappe.get_doc("Care Allowance Plan", plan)
	doc.check_permission("write")
	doc.flags.stopping = True
	doc.save()
	return doc.status
