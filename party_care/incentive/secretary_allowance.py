"""The work allowance of part-time secretaries (兼职党组织书记工作补贴, seed 004 三(一)3), paid through
the batch route (party_care/care_batches/): a Care Payment Batch of occasion *Secretary Work
Allowance* names an assessment round; its lines are drawn up — in the one candidates query of
batches.py, set-based — for the part-time secretaries whose assessment in that round is published
with a grade the batch's Care Standard has a row for (category *Assessment Grade*), the amount that
row's. Which grades qualify is the standard's choice (a row per grade that is paid). Everything after
that is the batch route's: branch confirmation, department, committee, notice, roster or transfer, one
ledger entry per line, paid once per member and year (the batch's payment key)."""

import frappe
from frappe import _, bold
from frappe.utils import cint

OCCASION = "Secretary Work Allowance"
GRADE_CATEGORY = "Assessment Grade"
PUBLISHED = "Published"


def restrict(query, member, assessment_round: str):
	"""The candidates query narrowed to the round's qualifying secretaries, with their grade."""
	assessment = frappe.qb.DocType("Party Building Assessment")
	return (
		query.join(assessment)
		.on(
			(assessment.secretary == member.name)
			& (assessment.assessment_round == assessment_round)
			& (assessment.docstatus == 1)
			& (assessment.workflow_state == PUBLISHED)
			& (assessment.is_part_time == 1)
		)
		.select(assessment.grade.as_("assessment_grade"))
	)


def validate_batch(batch) -> None:
	"""A secretary allowance batch names its round (of its year, covering its organisation) and a
	standard by grade; another occasion names no round."""
	if batch.occasion != OCCASION:
		if batch.get("assessment_round"):
			frappe.throw(
				_("An assessment round is named only by a batch of {0}.").format(bold(_(OCCASION))),
				title=_("Invalid Value"),
			)
		return
	if batch.visit_campaign:
		frappe.throw(
			_("A batch of {0} is drawn up from an assessment round, not a visit campaign.").format(
				bold(_(OCCASION))
			),
			title=_("Invalid Value"),
		)
	if not batch.get("assessment_round"):
		frappe.throw(
			_("Please choose the assessment round whose part-time secretaries receive the allowance."),
			title=_("Missing Values"),
		)
	round_row = frappe.db.get_value(
		"Party Building Assessment Round",
		batch.assessment_round,
		["round_name", "year", "party_organization"],
		as_dict=True,
	)
	if not round_row:
		frappe.throw(
			_("Assessment Round {0} does not exist.").format(bold(batch.assessment_round)),
			frappe.DoesNotExistError,
		)
	if cint(batch.year) != cint(round_row.year):
		frappe.throw(
			_("The allowance of round {0} is for {1}; the batch says {2}.").format(
				bold(round_row.round_name), bold(round_row.year), bold(batch.year)
			),
			title=_("Invalid Value"),
		)
	if not under(batch.party_organization, round_row.party_organization):
		frappe.throw(
			_("Round {0} assesses the organisations under {1}; {2} is not one of them.").format(
				bold(round_row.round_name),
				bold(round_row.party_organization),
				bold(batch.party_organization),
			),
			title=_("Invalid Party Organization"),
		)
	if batch.care_standard and not frappe.db.exists(
		"Care Standard Row",
		{"parent": batch.care_standard, "parenttype": "Care Standard", "category": GRADE_CATEGORY},
	):
		frappe.throw(
			_("Care Standard {0} sets no amount by assessment grade.").format(bold(batch.care_standard)),
			title=_("Invalid Care Standard"),
		)


def under(organization: str, root: str) -> bool:
	"""Whether `organization` is `root` or lies under it."""
	lft, rgt = frappe.db.get_value("Party Organization", root, ["lft", "rgt"])
	olft, orgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	return lft <= olft and orgt <= rgt
