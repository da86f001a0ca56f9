# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Commendation Quota: places for an award in an organisation's subtree in a year — of every award
of the type, or of those one awarding committee gives (see
party_care/honours/quota.py for how approvals count against it)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint

from party_care import roles
from party_care.exceptions import InvalidOrganizationError
from party_care.organization import tree
from party_care.permissions import check_acts_for_committee


class CommendationQuota(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		award_type: DF.Link
		awarding_committee: DF.Link | None
		party_organization: DF.Link
		quota: DF.Int
		quota_key: DF.Data | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		if cint(self.quota) < 0:
			frappe.throw(_("Quota cannot be negative."), title=_("Invalid Value"))
		self.validate_awarding_committee()
		self.quota_key = f"{self.award_type}::{self.year}::{self.party_organization}" + (
			f"::{self.awarding_committee}" if self.awarding_committee else ""
		)
		duplicate = frappe.db.get_value(
			"Commendation Quota", {"quota_key": self.quota_key, "name": ["!=", self.name or ""]}, "name"
		)
		if duplicate:
			frappe.throw(
				_("A quota for {0} in {1} for {2} already exists: {3}.").format(
					bold(_(self.award_type)), bold(self.year), bold(self.party_organization), bold(duplicate)
				),
				frappe.DuplicateEntryError,
				title=_("Duplicate Quota"),
			)

	def validate_awarding_committee(self):
		"""The places of one committee's awards: a committee at or above the organisation, set by
		that committee's people (or those above it)."""
		if not self.awarding_committee:
			return
		is_committee = (
			frappe.db.get_value("Party Organization", self.awarding_committee, "organization_type")
			== "Committee"
		)
		if not is_committee or not tree.is_under_any(self.party_organization, [self.awarding_committee]):
			frappe.throw(
				_("The awarding committee must be a party committee at or above {0}.").format(
					bold(self.party_organization)
				),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)
		if self.is_new() or self.has_value_changed("awarding_committee"):
			check_acts_for_committee(
				self, self.awarding_committee, {roles.ORGANIZATION_OFFICER, roles.COMMITTEE_MEMBER}
			)
