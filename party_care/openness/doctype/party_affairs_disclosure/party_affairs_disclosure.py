# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""党务公开: an organisation's yearly account to its members, drawn from the ledger and the
records (party_care/openness/disclosure.py), approved by the committee and then published to
every member of the organisation and below. The route is the Workflow in
party_care/workflow/party_affairs_disclosure.json: Draft → Committee Review → Published."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from party_care.controllers.approval import ApprovalRoute
from party_care.openness import disclosure
from party_care.permissions import check_organization_in_scope

DRAFT, REVIEW, PUBLISHED = "Draft", "Committee Review", "Published"
FIGURES = {"fund_lines", "care_lines", "honour_lines", "total_in", "total_out", "figures_drawn_on", "title"}


class PartyAffairsDisclosure(ApprovalRoute, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.openness.doctype.disclosure_care_line.disclosure_care_line import DisclosureCareLine
		from party_care.openness.doctype.disclosure_fund_line.disclosure_fund_line import DisclosureFundLine
		from party_care.openness.doctype.disclosure_honour_line.disclosure_honour_line import (
			DisclosureHonourLine,
		)

		amended_from: DF.Link | None
		applied_by: DF.Link | None
		approved_by: DF.Link | None
		care_lines: DF.Table[DisclosureCareLine]
		committee_decision: DF.SmallText | None
		committee_meeting_date: DF.Date | None
		figures_drawn_on: DF.Datetime | None
		fund_lines: DF.Table[DisclosureFundLine]
		honour_lines: DF.Table[DisclosureHonourLine]
		notes: DF.Text | None
		party_organization: DF.Link
		published_on: DF.Date | None
		return_reason: DF.SmallText | None
		title: DF.Data | None
		total_in: DF.Currency
		total_out: DF.Currency
		workflow_state: DF.Link | None
		year: DF.Int
	# end: auto-generated types
	FINAL_STATES = (PUBLISHED,)
	EDITABLE = {
		DRAFT: {"party_organization", "year", "notes"},
		REVIEW: {"committee_meeting_date", "committee_decision", "return_reason"},
	}
	SET_BY_CONTROLLER = FIGURES | {"approved_by", "published_on"}
	STAMPS = ("approved_by", "published_on")
	TRANSITIONS = {
		(DRAFT, REVIEW): None,
		(REVIEW, PUBLISHED): "on_publish",
		(REVIEW, DRAFT): "on_return",
	}

	def applicant_user(self):
		return None  # nobody applies; the committee member who drafted it does not approve it (the workflow)

	def validate(self):
		self.validate_year()
		if self.is_new() or self.has_value_changed("party_organization"):
			check_organization_in_scope(self, self.party_organization)
		if (self.workflow_state or DRAFT) in (DRAFT, REVIEW) and not self.flags.keep_figures:
			disclosure.draw_up(self)  # figures follow the records until the committee approves them
		self.title = _("{0}: Party Affairs Disclosure {1}").format(self.party_organization, self.year)
		self.validate_route()

	def validate_year(self):
		year = cint(self.year)
		if not 2000 <= year <= getdate(today()).year:
			frappe.throw(
				_("Year {0} is not a year that can be accounted for.").format(bold(self.year)),
				title=_("Invalid Year"),
			)
		self.year = year

	def on_publish(self):
		self.require("committee_meeting_date", "committee_decision")
		if getdate(self.committee_meeting_date) > getdate(today()):
			frappe.throw(_("Committee Meeting Date cannot be in the future."), title=_("Invalid Date"))
		self.approved_by = frappe.session.user
		self.published_on = today()

	def before_cancel(self):
		frappe.throw(
			_("A published disclosure stays; publish a corrected one instead."), title=_("Not Allowed")
		)

	def on_trash(self):
		if self.docstatus == 1:
			frappe.throw(
				_("A published disclosure stays; publish a corrected one instead."), title=_("Not Allowed")
			)
