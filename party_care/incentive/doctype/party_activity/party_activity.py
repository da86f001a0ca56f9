# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A themed activity of an organisation (党组织活动日, 党员奉献日, 主题党日, 党员先锋岗): what was
done, who took part and for how many hours, its photos or documents."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt

from party_care.incentive import activities


class PartyActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.incentive.doctype.party_activity_participant.party_activity_participant import (
			PartyActivityParticipant,
		)

		activity_date: DF.Date
		activity_type: DF.Literal[
			"Party Organization Day",
			"Member Dedication Day",
			"Themed Party Day",
			"Pioneer Post Activity",
			"Other",
		]
		content: DF.Text
		organization_pairing: DF.Link | None
		outcome: DF.SmallText | None
		participant_count: DF.Int
		participants: DF.Table[PartyActivityParticipant]
		party_organization: DF.Link
		place: DF.Data | None
		record_file: DF.Attach | None
		title: DF.Data
		total_hours: DF.Float

	# end: auto-generated types
	def validate(self):
		activities.check_not_future(self.activity_date, "Activity Date")
		activities.check_no_duplicates(self.participants, "member", "Participants")
		for row in self.participants:
			activities.check_hours(row.hours, row.member_name or row.member, allow_zero=True)
		self.participant_count = len(self.participants)
		self.total_hours = round(sum(flt(row.hours) for row in self.participants), 2)
		self.validate_pairing()

	def validate_pairing(self):
		if not self.organization_pairing:
			return
		pairing = frappe.db.get_value(
			"Organization Pairing",
			self.organization_pairing,
			["party_organization", "partner_organization"],
			as_dict=True,
		)
		if self.party_organization not in (pairing.party_organization, pairing.partner_organization):
			frappe.throw(
				_("{0} is not one of the organisations of pairing {1}.").format(
					bold(self.party_organization), bold(self.organization_pairing)
				),
				title=_("Invalid Pairing"),
			)
