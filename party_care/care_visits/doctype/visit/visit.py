# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _, bold
from frappe.desk.form.assign_to import add as assign_to
from frappe.desk.form.assign_to import close_all_assignments
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from party_care.guards.side_writes import as_the_app
from party_care.notify import nearest_secretary_user

SYSTEM_FIELDS = ("member_event", "campaign", "campaign_member", "overdue_reminded_on")


class Visit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.care_visits.doctype.visit_visitor.visit_visitor import VisitVisitor

		amount_paid: DF.Currency
		campaign: DF.Link | None
		campaign_member: DF.Data | None
		cancel_reason: DF.SmallText | None
		due_date: DF.Date
		follow_up: DF.SmallText | None
		follow_up_needed: DF.Check
		fund_application: DF.Link | None
		gifts: DF.SmallText | None
		member: DF.Link
		member_event: DF.Link | None
		member_name: DF.Data | None
		notes: DF.Text | None
		overdue_reminded_on: DF.Date | None
		party_organization: DF.Link | None
		place: DF.Data | None
		status: DF.Literal["Planned", "Done", "Cancelled"]
		visit_date: DF.Date | None
		visit_reason: DF.Link
		visit_type: DF.Literal["Visit", "Talk"]
		visitors: DF.Table[VisitVisitor]

	# end: auto-generated types
	@property
	def amount_paid(self) -> float:
		"""What the linked fund application paid, and for a holiday-campaign visit the care money
		its batches paid the member: money only ever comes from the fund's ledger."""
		paid = 0.0
		if self.campaign:
			from party_care.care_batches.paying import campaign_money

			paid += campaign_money(self.campaign, self.member)
		if not self.fund_application:
			return paid
		state, amount = frappe.db.get_value(
			"Fund Application", self.fund_application, ["workflow_state", "amount_approved"]
		)
		return paid + (flt(amount) if state == "Paid" else 0.0)

	def validate(self):
		self.protect_system_fields()
		self.set_fetched_values()
		self.validate_status()
		self.validate_fund_application()

	def protect_system_fields(self):
		"""Where a visit came from and its reminder flag are the app's to write: a client's
		values are replaced by the stored ones (events and campaigns create visits in code)."""
		before = self.get_doc_before_save()
		if before:
			for fieldname in SYSTEM_FIELDS:
				self.set(fieldname, before.get(fieldname))
		elif not self.flags.ignore_permissions:
			for fieldname in SYSTEM_FIELDS:
				self.set(fieldname, None)

	def set_fetched_values(self):
		"""The member's organisation and the reason's kind come with Frappe's link check (fetch_from,
		before the create permission is checked: a secretary's User Permissions then apply to the
		member's organisation); read here only when that check was skipped."""
		if self.flags.ignore_links:
			self.party_organization = frappe.db.get_value("Member", self.member, "party_organization")
			self.visit_type = frappe.db.get_value("Visit Reason", self.visit_reason, "kind")

	def validate_status(self):
		if self.status == "Done":
			if not self.visit_date:
				frappe.throw(
					_("Please enter the Visit Date of a visit that was done."), title=_("Missing Values")
				)
			if getdate(self.visit_date) > getdate(today()):
				frappe.throw(_("Visit Date cannot be in the future."), title=_("Invalid Date"))
			if not self.visitors:
				frappe.throw(_("Please record who visited."), title=_("Missing Values"))
		if self.status == "Cancelled" and not self.cancel_reason:
			frappe.throw(_("Please give the reason for cancelling the visit."), title=_("Missing Values"))
		for row in self.visitors:
			if row.visitor and row.visitor == self.member:
				frappe.throw(_("A member does not visit himself."), title=_("Invalid Visitor"))
			if row.visitor and not row.visitor_name:
				row.visitor_name = frappe.db.get_value("Member", row.visitor, "full_name")

	def validate_fund_application(self):
		if self.fund_application:
			member = frappe.db.get_value("Fund Application", self.fund_application, "member")
			if member != self.member:
				frappe.throw(
					_("Fund application {0} is for another member.").format(bold(self.fund_application)),
					title=_("Invalid Fund Payment"),
				)

	def after_insert(self):
		"""A planned visit goes on the to-do list of the secretary responsible for the member's
		organisation: by a short job queued for after the commit (the to-do, its comment and the
		secretary's notification are three more documents the user need not wait for)."""
		if self.campaign or self.status != "Planned":
			return  # campaign visits are tracked by the campaign, not by one to-do each
		if self.flags.assigned_by_caller:
			return  # a talk its arranger holds himself (visits.open_talk)
		frappe.enqueue(
			assign_to_secretary,
			queue="short",
			enqueue_after_commit=True,
			visit=self.name,
			description=_("{0}: {1}, due {2}").format(_(self.visit_reason), self.member_name, self.due_date),
			organization=self.flags.assign_organization,
		)

	def on_update(self):
		if self.status in ("Done", "Cancelled") and self.has_value_changed("status"):
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)


@frappe.whitelist(methods=["POST"])
def request_fund_payment(visit: str, care_fund: str, amount: float):
	"""From a condolence or relief visit, start the fund application that will pay the money."""
	doc = frappe.get_doc("Visit", visit)
	doc.check_permission("write")
	purpose = frappe.db.get_value("Visit Reason", doc.visit_reason, "payment_purpose")
	if not purpose:
		frappe.throw(
			_("Visits for {0} do not pay money.").format(bold(_(doc.visit_reason))), title=_("Not Allowed")
		)
	if doc.fund_application:
		frappe.throw(
			_("This visit already has fund application {0}.").format(bold(doc.fund_application)),
			title=_("Not Allowed"),
		)
	application = frappe.get_doc(
		doctype="Fund Application",
		member=doc.member,
		care_fund=care_fund,
		purpose=purpose,
		amount_requested=amount,
		reason=_("{0} ({1})").format(_(doc.visit_reason), doc.name),
	).insert()
	doc.db_set("fund_application", application.name)
	return application.name


def assign_to_secretary(visit: str, description: str, organization: str | None = None) -> None:
	"""The job queued by Visit.after_insert, run as the user who saved the visit. Idempotent: the
	visit's row is locked, and a visit that is no longer planned (done, cancelled, deleted
	meanwhile) or already has an open to-do gets none. The to-do goes to the nearest secretary of
	`organization` when the code that opened the visit named one (a reminder talk is held by the
	level above), else of the visit's own organisation."""
	row = frappe.db.get_value(
		"Visit",
		visit,
		["status", "campaign", "party_organization", "due_date"],
		as_dict=True,
		for_update=True,
	)
	if not row or row.status != "Planned" or row.campaign:
		return
	if frappe.db.exists("ToDo", {"reference_type": "Visit", "reference_name": visit, "status": "Open"}):
		return
	user = nearest_secretary_user(organization or row.party_organization)
	if user:
		with (
			as_the_app()
		):  # the job runs as whoever saved the visit: a member whose reported event opened it too
			assign_to(
				{
					"assign_to": [user],
					"doctype": "Visit",
					"name": visit,
					"description": description,
					"date": row.due_date,
				},
				ignore_permissions=True,
			)
