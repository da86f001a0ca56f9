# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _
from frappe.model.document import Document

from party_care.integrations.erpnext import books


class PartyCareSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.care_fund.doctype.fund_purpose_limit.fund_purpose_limit import FundPurposeLimit

		age_reference: DF.Literal["Current Date", "End of Year"]
		anonymise_after_years: DF.Int
		campaign_include_chronically_ill: DF.Check
		campaign_include_duty_martyr_family: DF.Check
		campaign_include_hardship: DF.Check
		campaign_include_incapacitated: DF.Check
		campaign_include_living_alone: DF.Check
		campaign_include_retired: DF.Check
		campaign_include_widowed_or_childless: DF.Check
		campaign_min_age: DF.Int
		elderly_age: DF.Int
		hardship_follow_up_days: DF.Int
		living_subsidy_max: DF.Currency
		living_subsidy_min: DF.Currency
		minimum_joining_age: DF.Int
		notice_days: DF.Int
		purpose_limits: DF.Table[FundPurposeLimit]
		talk_period_years: DF.Int
		yearly_cap_per_member: DF.Currency
		young_member_age: DF.Int

	# end: auto-generated types
	def validate(self):
		if not 14 <= (self.minimum_joining_age or 0) <= 30:
			frappe.throw(_("Minimum Age at Joining must lie between 14 and 30."), title=_("Invalid Setting"))
		books.validate_settings(self)
		purposes = [row.purpose for row in self.get("purpose_limits") or []]
		if len(purposes) != len(set(purposes)):
			frappe.throw(_("Each purpose may have one limit only."), title=_("Invalid Setting"))

	def max_amount_for(self, purpose: str) -> float | None:
		"""The most one application may request for a purpose (None: only the yearly cap)."""
		return next(
			(row.max_amount for row in self.get("purpose_limits") or [] if row.purpose == purpose), None
		)
