# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""One organisation's party-building assessment in a round (述职评议考核): Draft → Committee
Review → Published, the Workflow in party_care/workflow/party_building_assessment.json.

In Draft the secretary concerned attaches his report (述职) and the organisation department
scores the assessors' indicators; the care indicators are read from the records (the annual care
assessment) on every save until the assessment is submitted. The committee decides the grade
(the grade its score reaches, unless it decides otherwise) and publishes it; a grade that calls
for it opens the reminder talk and the rectification (party_care/incentive/assessment.py).

Grades, scores, the committee's opinion and the consequences are on permlevel 1: read by the
secretaries of the organisation's subtree, the committee and the officers only."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from party_care import roles
from party_care.controllers.approval import ApprovalRoute
from party_care.incentive import assessment as rules
from party_care.notify import notify, users_with_role

DRAFT, REVIEW, PUBLISHED = "Draft", "Committee Review", "Published"
REPORT_FIELDS = ("secretary_report", "report_summary")
COMPUTED = ("total_score", "suggested_grade", *rules.CARE_FIELDS)
FIXED = (
	"assessment_round",
	"party_organization",
	"secretary",
	"secretary_name",
	"year",
	"report_submitted_on",
)


class PartyBuildingAssessment(ApprovalRoute, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.incentive.doctype.party_building_assessment_score.party_building_assessment_score import (
			PartyBuildingAssessmentScore,
		)

		amended_from: DF.Link | None
		assessment_round: DF.Link
		care_hardship_cases: DF.Int
		care_honours: DF.Int
		care_members: DF.Int
		care_money_paid: DF.Currency
		care_paired: DF.Int
		care_reviews_on_time: DF.Int
		care_talk_coverage: DF.Percent
		care_visits_done: DF.Int
		care_visits_planned: DF.Int
		committee_meeting_date: DF.Date | None
		committee_opinion: DF.Text | None
		decided_by: DF.Link | None
		grade: DF.Data | None
		is_part_time: DF.Check
		party_organization: DF.Link
		published_on: DF.Date | None
		rectification: DF.Link | None
		rectification_issues: DF.Text | None
		reminder_talk: DF.Link | None
		report_submitted_on: DF.Date | None
		report_summary: DF.Text | None
		return_reason: DF.SmallText | None
		scores: DF.Table[PartyBuildingAssessmentScore]
		secretary: DF.Link | None
		secretary_name: DF.Data | None
		secretary_report: DF.Attach | None
		suggested_grade: DF.Data | None
		total_score: DF.Float
		workflow_state: DF.Link | None
		year: DF.Int
	# end: auto-generated types
	FINAL_STATES = (PUBLISHED,)
	EDITABLE = {
		DRAFT: {*REPORT_FIELDS, "is_part_time"},
		REVIEW: {
			"committee_meeting_date",
			"grade",
			"committee_opinion",
			"rectification_issues",
			"return_reason",
		},
		PUBLISHED: set(),
	}
	SET_BY_CONTROLLER = {*COMPUTED, *FIXED, "decided_by", "published_on", "reminder_talk", "rectification"}
	STAMPS = ("decided_by", "published_on", "reminder_talk", "rectification")
	TRANSITIONS = {
		(DRAFT, REVIEW): "on_submit_for_review",
		(REVIEW, PUBLISHED): "on_decide",
		(REVIEW, DRAFT): "on_return",
	}

	def validate(self):
		before = self.get_doc_before_save()
		old_state = before.workflow_state if before else DRAFT
		if before:
			for fieldname in FIXED:
				self.set(fieldname, before.get(fieldname))
			self.validate_draft_editors(before, old_state)
		else:
			self.set_organization_and_secretary()
		if old_state == DRAFT:
			self.validate_scores()
			self.compute()
			if not self.report_submitted_on and any(self.get(f) for f in REPORT_FIELDS):
				self.report_submitted_on = today()
		else:
			self.keep_scores(before)
		self.validate_route()

	# --- who fills what ------------------------------------------------------------------------------

	def applicant_user(self) -> str | None:
		"""Whose assessment it is: the secretary concerned takes no step on it once it has left Draft."""
		return rules.secretary_user(self.secretary)

	def set_organization_and_secretary(self):
		round_doc = frappe.get_doc("Party Building Assessment Round", self.assessment_round)
		if round_doc.status != "Open":
			frappe.throw(
				_("The round {0} is closed.").format(bold(round_doc.round_name)), title=_("Not Allowed")
			)
		self.year = round_doc.year
		org = frappe.db.get_value(
			"Party Organization",
			self.party_organization,
			["organization_type", "lft", "rgt", "secretary", "secretary_part_time"],
			as_dict=True,
		)
		committee = frappe.db.get_value(
			"Party Organization", round_doc.party_organization, ["lft", "rgt"], as_dict=True
		)
		if org.organization_type not in rules.ASSESSED_TYPES or not (
			committee.lft < org.lft and org.rgt < committee.rgt
		):
			frappe.throw(
				_("{0} is not a general branch or branch under {1}.").format(
					bold(self.party_organization), bold(round_doc.party_organization)
				),
				title=_("Invalid Party Organization"),
			)
		other = frappe.db.get_value(
			"Party Building Assessment",
			{"assessment_round": self.assessment_round, "party_organization": self.party_organization},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has an assessment in this round: {1}.").format(
					bold(self.party_organization), bold(other)
				),
				title=_("Duplicate Assessment"),
			)
		self.secretary = org.secretary
		# the organisation says whether its secretary is part-time; the department corrects it in Draft
		self.is_part_time = 1 if org.secretary and org.secretary_part_time else self.is_part_time or 0
		self.secretary_name = (
			frappe.db.get_value("Member", org.secretary, "full_name") if org.secretary else None
		)

	def validate_draft_editors(self, before, state):
		"""In Draft the report is the secretary's own (or the department's, on his behalf), the scores and
		the part-time flag the organisation department's."""
		if state != DRAFT or frappe.session.user == "Administrator":
			return
		user_roles = set(frappe.get_roles())
		department = bool(user_roles & {roles.ORGANIZATION_OFFICER, "System Manager"})
		if not department and any((self.get(f) or "") != (before.get(f) or "") for f in REPORT_FIELDS):
			if frappe.session.user != self.applicant_user():
				frappe.throw(
					_("The report is submitted by the secretary of {0}.").format(
						bold(self.party_organization)
					),
					frappe.PermissionError,
					title=_("Not Permitted"),
				)
		if not department and (self.is_part_time or 0) != (before.is_part_time or 0):
			frappe.throw(
				_("{0} is set by the organisation department.").format(bold(_("Part-time Secretary"))),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if not department and assessor_scores(self) != assessor_scores(before):
			frappe.throw(
				_("The indicators are scored by the organisation department."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def keep_scores(self, before):
		"""Once submitted, the scores are those the committee was given."""
		stored = {row.indicator: row for row in before.scores}
		if assessor_scores(self) != assessor_scores(before) or {row.indicator for row in self.scores} != set(
			stored
		):
			frappe.throw(
				_("Scores cannot be changed once the assessment is submitted; return it to Draft first."),
				title=_("Not Editable"),
			)
		for row in self.scores:
			for fieldname in ("weight", "source", "figure", "score", "weighted_score", "assessor_note"):
				row.set(fieldname, stored[row.indicator].get(fieldname))
		for fieldname in COMPUTED:
			self.set(fieldname, before.get(fieldname))

	# --- scores --------------------------------------------------------------------------------------

	def validate_scores(self):
		for row in self.scores:
			if not 0 <= flt(row.score) <= 100:
				frappe.throw(
					_("{0}: a score lies between 0 and 100.").format(bold(row.indicator)),
					title=_("Invalid Score"),
				)

	def compute(self):
		"""Rows from the round's indicators (the assessors' scores kept), the care figures read again,
		the total and the grade it reaches."""
		round_doc = frappe.get_doc("Party Building Assessment Round", self.assessment_round)
		figures = rules.care_figures(self.party_organization, self.year)
		for fieldname, key in rules.CARE_FIELDS.items():
			self.set(fieldname, figures.get(key) or 0)
		entered = {row.indicator: row for row in self.scores}
		rows = []
		for indicator in round_doc.indicators:
			row = {"indicator": indicator.indicator, "weight": indicator.weight, "source": indicator.source}
			if indicator.source == rules.ASSESSORS:
				old = entered.get(indicator.indicator)
				row.update(
					score=flt(old.score) if old else 0, assessor_note=old.assessor_note if old else None
				)
			else:
				row["figure"], row["score"] = rules.computed_score(
					indicator.source, figures, indicator.full_marks_at
				)
			row["weighted_score"] = round(flt(row["score"]) * flt(indicator.weight) / 100.0, 2)
			rows.append(row)
		self.set("scores", rows)
		self.total_score = round(sum(r["weighted_score"] for r in rows), 2)
		grade = rules.grade_for(round_doc.grades, self.total_score)
		self.suggested_grade = grade.grade_name if grade else None

	# --- each step -----------------------------------------------------------------------------------

	def on_submit_for_review(self):
		if not any(self.get(f) for f in REPORT_FIELDS):
			frappe.throw(
				_("The secretary's report is missing: attach it or fill in its summary."),
				title=_("Missing Values"),
			)
		unscored = [
			row.indicator
			for row in self.scores
			if row.source == rules.ASSESSORS and not flt(row.score) and not row.assessor_note
		]
		if unscored:
			frappe.throw(
				_("Please score {0} (a score of 0 needs the assessor's note).").format(
					bold(", ".join(unscored))
				),
				title=_("Missing Values"),
			)

	def on_decide(self):
		self.require("committee_meeting_date")
		if getdate(self.committee_meeting_date) > getdate(today()):
			frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))
		self.grade = self.grade or self.suggested_grade
		grade, grades = rules.round_grade(self.assessment_round, self.grade)
		if not grade:
			frappe.throw(
				_("{0} is not a grade of this round; its grades are {1}.").format(
					bold(self.grade), bold("、".join(g.grade_name for g in grades))
				),
				title=_("Invalid Grade"),
			)
		if grade.requires_rectification:
			self.require("rectification_issues")
		self.decided_by = frappe.session.user
		self.published_on = today()

	# --- submit (Published) --------------------------------------------------------------------------

	def on_submit(self):
		rules.open_consequences(self)

	# --- telling people ------------------------------------------------------------------------------

	def on_update(self):  # also runs on submit
		if not self.get_doc_before_save() or not self.has_value_changed(
			"workflow_state"
		):  # new: nothing to tell
			return
		if self.workflow_state == REVIEW:
			notify(
				[u for u in users_with_role(roles.COMMITTEE_MEMBER) if u != self.applicant_user()],
				_("The party-building assessment of {0} ({1}) waits for the committee's decision.").format(
					self.party_organization, self.year
				),
				self,
			)
		elif self.workflow_state == DRAFT:
			notify(
				users_with_role(roles.ORGANIZATION_OFFICER),
				_("The party-building assessment of {0} ({1}) was returned: {2}").format(
					self.party_organization, self.year, self.return_reason or ""
				),
				self,
			)
		elif self.workflow_state == PUBLISHED:
			rules.tell_secretary(
				self, _("Your party-building assessment for {0} is published.").format(self.year)
			)


def assessor_scores(doc) -> dict:
	return {
		row.indicator: (flt(row.score), row.assessor_note or "")
		for row in doc.get("scores") or []
		if row.source == rules.ASSESSORS
	}
