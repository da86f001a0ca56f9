# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count

TARGET_FIELDS = (
	"include_retired",
	"include_incapacitated",
	"include_living_alone",
	"include_widowed_or_childless",
	"include_hardship",
	"include_duty_martyr_family",
	"include_chronically_ill",
)


class VisitCampaign(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		campaign_name: DF.Data
		completion_rate: DF.Percent
		due_date: DF.Date
		include_chronically_ill: DF.Check
		include_duty_martyr_family: DF.Check
		include_hardship: DF.Check
		include_incapacitated: DF.Check
		include_living_alone: DF.Check
		include_retired: DF.Check
		include_widowed_or_childless: DF.Check
		min_age: DF.Int
		occasion: DF.Literal["Spring Festival", "July 1", "New Year", "Other"]
		party_organization: DF.Link
		status: DF.Literal["Draft", "Queued", "Generated"]
		visits_done: DF.Int
		visits_planned: DF.Int
		year: DF.Int

	# end: auto-generated types
	def before_insert(self):
		if not self.min_age and not any(self.get(f) for f in TARGET_FIELDS):
			settings = frappe.get_cached_doc("Party Care Settings")
			self.min_age = settings.campaign_min_age
			for field in TARGET_FIELDS:
				self.set(field, settings.get("campaign_" + field))

	def validate(self):
		if self.min_age and not 50 <= self.min_age <= 120:
			frappe.throw(
				_("Aged At Least must lie between 50 and 120 (or 0 for any age)."), title=_("Invalid Value")
			)
		if not self.min_age and not any(self.get(f) for f in TARGET_FIELDS):
			frappe.throw(_("Choose at least one kind of target member."), title=_("Missing Values"))

	def _counts(self) -> tuple[int, int]:
		if self.is_new():
			return 0, 0
		visit = frappe.qb.DocType("Visit")
		rows = dict(
			frappe.qb.from_(visit)
			.select(visit.status, Count("*"))
			.where(visit.campaign == self.name)
			.groupby(visit.status)
			.run()
		)
		return rows.get("Planned", 0) + rows.get("Done", 0), rows.get("Done", 0)

	@property
	def visits_planned(self) -> int:
		return self._counts()[0]

	@property
	def visits_done(self) -> int:
		return self._counts()[1]

	@property
	def completion_rate(self) -> float:
		planned, done = self._counts()
		return round(100.0 * done / planned, 1) if planned else 0.0
