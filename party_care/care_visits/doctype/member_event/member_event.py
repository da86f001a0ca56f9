# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import getdate, today

from party_care.care_visits.visits import mark_deceased, open_visit_for_event


class MemberEvent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		details: DF.SmallText | None
		event_date: DF.Date
		event_type: DF.Link
		member: DF.Link
		member_name: DF.Data | None
		party_organization: DF.Link | None
		reported_by: DF.Link | None
		visit: DF.Link | None

	# end: auto-generated types
	def validate(self):
		if (
			self.flags.ignore_links
		):  # else fetched by Frappe's link check (fetch_from), before the permission check
			self.party_organization = frappe.db.get_value("Member", self.member, "party_organization")
		if self.is_new():
			self.reported_by = frappe.session.user
		if getdate(self.event_date) > getdate(today()):
			frappe.throw(_("Event Date cannot be in the future."), title=_("Invalid Date"))
		if not frappe.db.get_value("Visit Reason", self.event_type, "opens_on_event"):
			frappe.throw(
				_("{0} is not an event that opens a visit or talk.").format(bold(_(self.event_type))),
				title=_("Invalid Event"),
			)

	def after_insert(self):
		if frappe.db.get_value("Visit Reason", self.event_type, "marks_member_deceased"):
			mark_deceased(self)
		self.db_set("visit", open_visit_for_event(self))
