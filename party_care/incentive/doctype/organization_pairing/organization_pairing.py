# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Two organisations paired (党组织结对共建, seeds 000 二(二), 002 三(三)2, 004 三(三)2): the agreed
measures, the activities held together (Party Activity.organization_pairing) and the yearly review."""

import frappe
from frappe import _
from frappe.model.document import Document

from party_care.incentive import activities


class OrganizationPairing(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.incentive.doctype.organization_pairing_review.organization_pairing_review import (
			OrganizationPairingReview,
		)

		agreed_measures: DF.Text
		end_date: DF.Date | None
		pairing_title: DF.Data | None
		partner_name: DF.Data | None
		partner_organization: DF.Link | None
		party_organization: DF.Link
		reviews: DF.Table[OrganizationPairingReview]
		start_date: DF.Date
		status: DF.Literal["Ongoing", "Ended"]

	# end: auto-generated types
	def validate(self):
		if self.partner_organization == self.party_organization:
			frappe.throw(_("An organisation is not paired with itself."), title=_("Invalid Pairing"))
		if not self.partner_organization and not (self.partner_name or "").strip():
			frappe.throw(
				_("Please give the partner: an organisation of the app or the name of the unit."),
				title=_("Missing Values"),
			)
		if self.partner_organization:
			self.partner_name = self.partner_name or self.partner_organization
		activities.check_period(self.start_date, self.end_date)
		if self.status == "Ended" and not self.end_date:
			frappe.throw(_("Please give the End Date of an ended pairing."), title=_("Missing Values"))
		years = [row.year for row in self.reviews]
		if len(set(years)) != len(years):
			frappe.throw(_("One review per year."), title=_("Duplicate Row"))
		self.pairing_title = f"{self.party_organization} ↔ {self.partner_name}"
		self.count_activities()

	def count_activities(self):
		if not self.reviews or self.is_new():
			return
		counts = dict(
			frappe.db.sql(
				"""select year(activity_date), count(*) from `tabParty Activity`
			where organization_pairing = %s group by year(activity_date)""",
				self.name,
			)
		)
		for row in self.reviews:
			row.activities = counts.get(row.year, 0)
