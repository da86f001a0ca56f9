# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Dues Share (党费划拨): a unit (a lower committee, general branch or branch) hands up a share of the
party dues it collected in a period to a committee's care fund (seed 000: 10 % of each unit's dues
for each special fund). Submitting it posts ONE incoming ledger entry ("Dues Share") through
party_care/care_fund/ledger.py, carrying the unit and the period; cancelling it reverses that entry
through the ledger too. One share per unit, period and fund; only the receiving fund's committee's
officers (or those above) record it; the unit's own secretary and committee read it."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, flt, fmt_money, getdate, today

from party_care import roles
from party_care.care_fund import ledger
from party_care.care_fund.permissions import fund_committee
from party_care.exceptions import DuplicateDuesShareError, LedgerEntryError
from party_care.organization import tree
from party_care.permissions import check_acts_for_committee

PERIODS = {"Monthly": 12, "Quarterly": 4, "Yearly": 0}


class DuesShare(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		amount: DF.Currency
		care_fund: DF.Link
		committee: DF.Link | None
		dues_collected: DF.Currency
		frequency: DF.Literal["Monthly", "Quarterly", "Yearly"]
		ledger_entry: DF.Link | None
		party_organization: DF.Link
		period: DF.Data | None
		period_number: DF.Int
		posting_date: DF.Date
		remarks: DF.SmallText | None
		share_key: DF.Data | None
		share_percent: DF.Percent
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_period()
		self.validate_amount()
		self.committee = fund_committee(self.care_fund)
		self.validate_unit()
		check_acts_for_committee(self, self.committee, {roles.ORGANIZATION_OFFICER})
		self.check_not_recorded()

	def validate_period(self):
		year = cint(self.year)
		if not 2000 <= year <= getdate(today()).year:
			frappe.throw(_("Year {0} is not valid.").format(bold(self.year)), title=_("Invalid Value"))
		if self.frequency not in PERIODS:
			frappe.throw(
				_("Frequency {0} is not valid.").format(bold(self.frequency)), title=_("Invalid Value")
			)
		count = PERIODS[self.frequency]
		number = cint(self.period_number)
		if count and not 1 <= number <= count:
			frappe.throw(
				_("{0} needs the month (1 to 12) or the quarter (1 to 4) the dues were collected in.").format(
					bold(_(self.frequency))
				),
				title=_("Invalid Value"),
			)
		if self.frequency == "Yearly":
			self.period_number = 0
			self.period = f"{year}"
		elif self.frequency == "Quarterly":
			self.period = f"{year}-Q{number}"
		else:
			self.period = f"{year}-{number:02d}"

	def validate_amount(self):
		if flt(self.dues_collected) <= 0:
			frappe.throw(
				_("Dues Collected must be greater than zero."), LedgerEntryError, title=_("Invalid Amount")
			)
		if not 0 < flt(self.share_percent) <= 100:
			frappe.throw(
				_("The share must be more than 0 % and at most 100 %."),
				LedgerEntryError,
				title=_("Invalid Amount"),
			)
		self.amount = flt(flt(self.dues_collected) * flt(self.share_percent) / 100, 2)
		if self.amount <= 0:
			frappe.throw(_("Amount must be greater than zero."), LedgerEntryError, title=_("Invalid Amount"))
		if self.posting_date and getdate(self.posting_date) > getdate(today()):
			frappe.throw(
				_("Posting Date cannot be in the future."), LedgerEntryError, title=_("Invalid Date")
			)

	def validate_unit(self):
		"""The unit hands up to a committee above it: it lies under the fund's committee."""
		if not frappe.db.exists("Party Organization", self.party_organization):
			frappe.throw(
				_("Party Organization {0} does not exist.").format(bold(self.party_organization)),
				frappe.DoesNotExistError,
			)
		if not self.committee:
			return
		if self.party_organization == self.committee or not tree.is_under_any(
			self.party_organization, [self.committee]
		):
			frappe.throw(
				_(
					"Care fund {0} belongs to {1}; only the units under it hand up dues to it, not {2}."
				).format(bold(self.care_fund), bold(self.committee), bold(self.party_organization)),
				frappe.ValidationError,
				title=_("Invalid Unit"),
			)

	def check_not_recorded(self, for_update: bool = False):
		"""One share per unit, period and fund (a cancelled one does not count)."""
		other = frappe.db.get_value(
			"Dues Share",
			{
				"care_fund": self.care_fund,
				"party_organization": self.party_organization,
				"period": self.period,
				"docstatus": ["<", 2],
				"name": ["!=", self.name or ""],
			},
			["name", "amount"],
			as_dict=True,
			for_update=for_update,
		)
		if other:
			frappe.throw(
				_("The dues share of {0} for {1} to {2} is already recorded: {3} ({4}).").format(
					bold(self.party_organization),
					bold(self.period),
					bold(self.care_fund),
					bold(other.name),
					fmt_money(other.amount, currency="CNY"),
				),
				DuplicateDuesShareError,
				title=_("Already Recorded"),
			)

	def before_submit(self):
		# every poster of this fund's shares queues on the fund: the check below then sees them all
		ledger.lock_fund(self.care_fund)
		self.check_not_recorded(for_update=True)
		self.share_key = f"{self.care_fund}::{self.party_organization}::{self.period}"

	def on_submit(self):
		entry = ledger.post(
			self.care_fund,
			"Dues Share",
			self.amount,
			posting_date=self.posting_date,
			reference_doctype=self.doctype,
			reference_name=self.name,
			party_organization=self.party_organization,
			period=self.period,
			remarks=self.remarks,
		)
		self.db_set("ledger_entry", entry.name, update_modified=False)

	def before_cancel(self):
		check_acts_for_committee(self, self.committee, {roles.ORGANIZATION_OFFICER})

	def on_cancel(self):
		if self.ledger_entry:
			ledger.reverse(self.ledger_entry)
		self.db_set("share_key", None, update_modified=False)
