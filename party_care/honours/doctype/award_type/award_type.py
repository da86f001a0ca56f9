# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Award Type: the kinds of commendation an organisation gives (data; the standard ones ship
with the app, see party_care/honours/setup.py). One with a committee is that committee's own
award, given by it and the committees below it; one without, every committee's."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, flt

from party_care.exceptions import InvalidOrganizationError
from party_care.permissions import check_acts_for_committee
from party_care.roles import ORGANIZATION_OFFICER


class AwardType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allow_self_nomination: DF.Check
		award_name: DF.Data
		committee: DF.Link | None
		default_quota: DF.Int
		default_reward_amount: DF.Currency
		description: DF.SmallText | None
		disabled: DF.Check
		recipient_kind: DF.Literal["Member", "Party Organization"]

	# end: auto-generated types
	def validate(self):
		if cint(self.default_quota) < 0:
			frappe.throw(_("Default Quota cannot be negative."), title=_("Invalid Value"))
		if flt(self.default_reward_amount) < 0:
			frappe.throw(_("Default Reward Amount cannot be negative."), title=_("Invalid Value"))
		self.validate_committee()

	def validate_committee(self):
		"""An award of one committee (given by it and the committees below): made and changed by its
		officers or those above; one without a committee, by whoever writes Award Types."""
		if (
			self.committee
			and frappe.db.get_value("Party Organization", self.committee, "organization_type") != "Committee"
		):
			frappe.throw(
				_("An award type belongs to a Party Committee; {0} is not one.").format(bold(self.committee)),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)
		before = self.get_doc_before_save()
		for committee in {self.committee, before.committee if before else None} - {None, ""}:
			check_acts_for_committee(self, committee, {ORGANIZATION_OFFICER})
