# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A yearly assessment round of a committee (述职评议考核): its indicators with their weights and
its grades with their score thresholds (party_care/incentive/assessment.py)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt

from party_care.incentive.assessment import DEFAULT_GRADES, DEFAULT_INDICATORS, SOURCES


class PartyBuildingAssessmentRound(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.incentive.doctype.party_building_assessment_grade.party_building_assessment_grade import (
			PartyBuildingAssessmentGrade,
		)
		from party_care.incentive.doctype.party_building_assessment_indicator.party_building_assessment_indicator import (
			PartyBuildingAssessmentIndicator,
		)

		grades: DF.Table[PartyBuildingAssessmentGrade]
		indicators: DF.Table[PartyBuildingAssessmentIndicator]
		party_organization: DF.Link
		rectification_days: DF.Int
		reminder_talk_days: DF.Int
		report_due_date: DF.Date | None
		round_name: DF.Data
		status: DF.Literal["Open", "Closed"]
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		if not self.indicators:
			self.set("indicators", DEFAULT_INDICATORS)
		if not self.grades:
			self.set("grades", DEFAULT_GRADES)
		self.validate_committee()
		self.validate_indicators()
		self.validate_grades()
		self.validate_not_duplicate()

	def validate_committee(self):
		if (
			frappe.db.get_value("Party Organization", self.party_organization, "organization_type")
			!= "Committee"
		):
			frappe.throw(
				_("An assessment round is held by a party committee; {0} is not one.").format(
					bold(self.party_organization)
				),
				title=_("Invalid Party Organization"),
			)

	def validate_indicators(self):
		names = [row.indicator for row in self.indicators]
		if len(set(names)) != len(names):
			frappe.throw(_("Each indicator may appear only once."), title=_("Invalid Indicators"))
		for row in self.indicators:
			if flt(row.weight) <= 0:
				frappe.throw(
					_("Row {0}: the weight must be greater than zero.").format(row.idx),
					title=_("Invalid Indicators"),
				)
			if row.source in SOURCES and not SOURCES[row.source][1] and flt(row.full_marks_at) <= 0:
				frappe.throw(
					_("Row {0}: {1} needs the figure that earns full marks.").format(
						row.idx, bold(_(row.source))
					),
					title=_("Invalid Indicators"),
				)
		total = sum(flt(row.weight) for row in self.indicators)
		if abs(total - 100) > 0.001:
			frappe.throw(
				_("The weights of the indicators must add up to 100; they add up to {0}.").format(
					bold(round(total, 2))
				),
				title=_("Invalid Indicators"),
			)

	def validate_grades(self):
		names = [row.grade_name for row in self.grades]
		minimums = [flt(row.min_score) for row in self.grades]
		if len(set(names)) != len(names) or len(set(minimums)) != len(minimums):
			frappe.throw(
				_("Each grade needs its own name and its own minimum score."), title=_("Invalid Grades")
			)
		if any(m < 0 or m > 100 for m in minimums):
			frappe.throw(_("Minimum scores lie between 0 and 100."), title=_("Invalid Grades"))
		if 0 not in minimums:
			frappe.throw(
				_("One grade must start at 0, so that every score has a grade."), title=_("Invalid Grades")
			)
		if sum(1 for row in self.grades if row.is_top_grade) > 1:
			frappe.throw(_("Only one grade can be the top grade."), title=_("Invalid Grades"))

	def validate_not_duplicate(self):
		other = frappe.db.get_value(
			"Party Building Assessment Round",
			{
				"party_organization": self.party_organization,
				"year": self.year,
				"name": ["!=", self.name or ""],
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has an assessment round for {1}: {2}.").format(
					bold(self.party_organization), bold(self.year), bold(other)
				),
				title=_("Duplicate Round"),
			)

	def on_trash(self):
		if frappe.db.exists("Party Building Assessment", {"assessment_round": self.name}):
			frappe.throw(
				_("The round has assessments; close it instead of deleting it."), title=_("Not Allowed")
			)
