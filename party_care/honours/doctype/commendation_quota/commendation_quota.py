# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Commendation Quota: places for an award in an organisation's subtree in a year (see
party_care/honours/quota.py for how approvals count against it)."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint


class CommendationQuota(Document):
	def validate(self):
		if cint(self.quota) < 0:
			frappe.throw(_("Quota cannot be negative."), title=_("Invalid Value"))
		self.quota_key = f"{self.award_type}::{self.year}::{self.party_organization}"
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
