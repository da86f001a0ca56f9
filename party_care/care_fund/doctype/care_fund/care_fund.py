# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _, bold
from frappe.model.document import Document

from party_care import roles
from party_care.care_fund.ledger import get_balance
from party_care.exceptions import InvalidOrganizationError
from party_care.integrations.erpnext import books
from party_care.organization import tree
from party_care.permissions import check_acts_for_committee


class CareFund(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		balance: DF.Currency
		budget_organization: DF.Link | None
		committee: DF.Link | None
		description: DF.SmallText | None
		fund_name: DF.Data
		fund_type: DF.Literal["Hardship Assistance", "Study and Training", "Activity Budget", "Other"]
		is_active: DF.Check

	# end: auto-generated types
	def validate(self):
		from party_care.incentive.award_funds import validate_fund

		validate_fund(self)  # an organisation's activity budget (awards that fund work)
		self.validate_committee()
		books.validate_fund(self)

	def validate_committee(self):
		"""A fund belongs to a committee (by default the one committee at the root of the tree);
		only that committee's officers, or those above it, make it or move it."""
		if not self.committee:
			committees = [
				r
				for r in tree.roots()
				if frappe.db.get_value("Party Organization", r, "organization_type") == "Committee"
			]
			if len(committees) > 1:
				frappe.throw(
					_("Please choose the committee this fund belongs to."), title=_("Missing Values")
				)
			self.committee = committees[0] if committees else None
		if not self.committee:
			return
		if frappe.db.get_value("Party Organization", self.committee, "organization_type") != "Committee":
			frappe.throw(
				_("A care fund belongs to a Party Committee; {0} is not one.").format(bold(self.committee)),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)
		if self.is_new() or self.has_value_changed("committee"):
			check_acts_for_committee(self, self.committee, {roles.ORGANIZATION_OFFICER})

	@property
	def balance(self) -> float:
		return get_balance(self.name) if self.name and not self.is_new() else 0.0
