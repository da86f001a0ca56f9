# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from party_care.care_fund import ledger
from party_care.exceptions import LedgerEntryError


class FundLedgerEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		amount: DF.Currency
		amount_in: DF.Currency
		amount_out: DF.Currency
		care_fund: DF.Link
		entry_type: DF.Literal["Dues Share", "Donation", "Allocation", "Payment"]
		member: DF.Link | None
		member_name: DF.Data | None
		party_organization: DF.Link | None
		payment_key: DF.Data | None
		period: DF.Data | None
		posting_date: DF.Date
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		remarks: DF.SmallText | None

	# end: auto-generated types
	def validate(self):
		if flt(self.amount) <= 0:
			frappe.throw(_("Amount must be greater than zero."), LedgerEntryError, title=_("Invalid Amount"))
		if getdate(self.posting_date) > getdate(today()):
			frappe.throw(
				_("Posting Date cannot be in the future."), LedgerEntryError, title=_("Invalid Date")
			)
		if self.entry_type in ledger.OUTGOING and not self.flags.posted_by_ledger:
			frappe.throw(
				_("Payments are recorded from the approved application, not by hand."),
				LedgerEntryError,
				title=_("Not Allowed"),
			)
		if self.entry_type == "Dues Share" and not self.flags.posted_by_ledger:
			frappe.throw(
				_("A unit's dues share is recorded as a Dues Share (the unit, the period), which posts it."),
				LedgerEntryError,
				title=_("Not Allowed"),
			)
		if not frappe.db.get_value("Care Fund", self.care_fund, "is_active"):
			frappe.throw(_("Care Fund {0} is not active.").format(bold(self.care_fund)), LedgerEntryError)
		if not self.flags.posted_by_ledger:
			self.period = None  # a dues share's period, written by the ledger when the share posts
		incoming = self.entry_type in ledger.INCOMING
		self.amount_in = flt(self.amount) if incoming else 0
		self.amount_out = 0 if incoming else flt(self.amount)
		self.payment_key = None
		if self.entry_type in ledger.OUTGOING and self.reference_name:
			self.payment_key = ledger.payment_key(self.reference_doctype, self.reference_name)
			ledger.check_not_paid(self.reference_doctype, self.reference_name)

	def before_submit(self):
		if self.entry_type in ledger.OUTGOING:
			ledger.lock_fund(self.care_fund)
			if self.reference_name:
				ledger.check_not_paid(self.reference_doctype, self.reference_name)
			ledger.check_can_pay(self.care_fund, self.amount)

	def on_submit(self):
		ledger.post_to_books(self)

	def before_cancel(self):
		if self.entry_type in ledger.OUTGOING:
			frappe.throw(
				_("A payment cannot be cancelled; record the money returned as a new entry."),
				LedgerEntryError,
				title=_("Not Allowed"),
			)
		if self.reference_doctype == "Dues Share" and not self.flags.posted_by_ledger:
			frappe.throw(
				_("This entry was posted by dues share {0}; cancel the dues share instead.").format(
					bold(self.reference_name)
				),
				LedgerEntryError,
				title=_("Not Allowed"),
			)
		ledger.lock_fund(self.care_fund)
		ledger.check_can_pay(self.care_fund, self.amount)

	def on_cancel(self):
		ledger.reverse_in_books(self)

	def on_trash(self):
		if self.docstatus != 0:
			frappe.throw(_("Ledger entries are kept; only a draft can be deleted."), LedgerEntryError)
