# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Committee Rules (党委规则): the rules one committee sets for itself and the committees below it
(how they are read: party_care/organization/rules.py). Written by a System Manager or by an
Organization Officer of that committee itself (on a site whose committees have no posts yet, by
any Organization Officer, as Party Care Settings); the committees above read them and bind them
only by what they fix as a maximum."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import cint, flt, fmt_money

from party_care import roles
from party_care.exceptions import InvalidOrganizationError
from party_care.organization import rules
from party_care.permissions import committee_organizations, committee_posts_exist


class CommitteeRules(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.organization.doctype.committee_purpose_limit.committee_purpose_limit import (
			CommitteePurposeLimit,
		)
		from party_care.organization.doctype.committee_visit_deadline.committee_visit_deadline import (
			CommitteeVisitDeadline,
		)

		committee: DF.Link
		notice_days: DF.Int
		notice_days_fixed: DF.Check
		purpose_limits: DF.Table[CommitteePurposeLimit]
		talk_period_years: DF.Int
		talk_period_years_fixed: DF.Check
		visit_deadlines: DF.Table[CommitteeVisitDeadline]
		yearly_cap_per_member: DF.Currency
		yearly_cap_per_member_fixed: DF.Check

	# end: auto-generated types
	def validate(self):
		if frappe.db.get_value("Party Organization", self.committee, "organization_type") != "Committee":
			frappe.throw(
				_("Committee rules belong to a Party Committee; {0} is not one.").format(
					bold(self.committee)
				),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)
		if not self.flags.ignore_permissions and not writes_rules_of(self.committee):
			frappe.throw(
				_("Only the Organization Officers of {0} itself set its rules.").format(bold(self.committee)),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		for table, key_field, _value_field in rules.TABLES:
			keys = [row.get(key_field) for row in self.get(table)]
			if len(keys) != len(set(keys)):
				frappe.throw(
					_("{0}: each {1} may have one row only.").format(
						bold(_(self.meta.get_label(table))),
						bold(_(frappe.get_meta(self.meta.get_field(table).options).get_label(key_field))),
					),
					title=_("Invalid Setting"),
				)
		for row in self.get("visit_deadlines"):
			if not 0 <= cint(row.due_days) <= 366:
				frappe.throw(_("Due Within (Days) must lie between 0 and 366."), title=_("Invalid Setting"))
		for fieldname in rules.SCALARS:
			if flt(self.get(fieldname)) < 0:
				frappe.throw(
					_("{0} cannot be negative.").format(bold(_(self.meta.get_label(fieldname)))),
					title=_("Invalid Setting"),
				)
		self.validate_not_looser_than_above()

	def validate_not_looser_than_above(self):
		"""A committee cannot loosen what a committee above fixed."""
		problems = self.looser_than_above()
		if problems:
			frappe.throw(problems[0], frappe.ValidationError, title=_("Looser Than the Committee Above"))

	def looser_than_above(self) -> list[str]:
		bounds = rules.bounds_above(self.committee)
		problems = []
		for fieldname in rules.SCALARS:
			value = self.get(fieldname)
			if value and fieldname in bounds and rules.looser(fieldname, value, bounds[fieldname][0]):
				problems.append(
					refusal(self.meta.get_label(fieldname), value, *bounds[fieldname], fieldname=fieldname)
				)
		for table, key_field, value_field in rules.TABLES:
			for row in self.get(table):
				bound = bounds.get((table, row.get(key_field)))
				if bound and flt(row.get(value_field)) > flt(bound[0]):
					label = f"{_(self.meta.get_label(table))}: {_(row.get(key_field))}"
					problems.append(
						refusal(label, row.get(value_field), *bound, money=table == "purpose_limits")
					)
		return problems

	def on_update(self):
		frappe.clear_document_cache(self.doctype, self.name)  # Frappe clears it after on_update
		rules.clear_cache()
		self.tell_committees_held()

	def on_trash(self):
		rules.clear_cache()

	def tell_committees_held(self):
		"""Fixing a maximum below what a committee under this one already set is not refused (the
		committee above does not write the rules below): the committees below are held to it from
		now on, and the officer is told which."""
		held = set()
		for other in frappe.get_all(
			"Committee Rules",
			filters={"committee": ["in", below(self.committee)]},
			pluck="name",
			ignore_permissions=True,
		):
			doc = frappe.get_doc("Committee Rules", other)
			if doc.looser_than_above():
				held.add(doc.committee)
		if held:
			frappe.msgprint(
				_(
					"The committees {0} below set a looser value than the one fixed now: they are held to it until they change their rules."
				).format(bold(", ".join(sorted(held)))),
				title=_("Committees Held to the Maximum"),
			)


def refusal(label, value, bound, owner, fieldname=None, money=False) -> str:
	money = money or fieldname == "yearly_cap_per_member"
	shown = (lambda v: fmt_money(v, currency="CNY")) if money else cint
	message = (
		_("{0}: committee {1} above fixed at least {2} for the committees below it; {3} is shorter.")
		if fieldname == "notice_days"
		else _("{0}: committee {1} above fixed at most {2} for the committees below it; {3} is more.")
	)
	return message.format(bold(_(label)), bold(owner), bold(shown(bound)), bold(shown(value)))


def below(committee: str) -> list[str]:
	lft, rgt = frappe.db.get_value("Party Organization", committee, ["lft", "rgt"])
	return frappe.get_all(
		"Party Organization",
		filters={"lft": [">", lft], "rgt": ["<", rgt], "organization_type": "Committee"},
		pluck="name",
		ignore_permissions=True,
	) or [""]


def writes_rules_of(committee: str, user: str | None = None) -> bool:
	"""A System Manager; an Organization Officer holding a post in `committee` itself; any
	Organization Officer on a site without committee posts (one committee, as before posts)."""
	user = user or frappe.session.user
	user_roles = set(frappe.get_roles(user))
	if user_roles & {"Administrator", "System Manager"}:
		return True
	if roles.ORGANIZATION_OFFICER not in user_roles:
		return False
	if not committee_posts_exist():
		return True
	return committee in committee_organizations(user, roles.ORGANIZATION_OFFICER)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission: reading follows the User Permissions on `committee` (Frappe's own); every
	write is the committee's own officers'."""
	from party_care.compat import NO_OBJECTION, no_objection_if

	if ptype in (None, "read", "select", "print", "export", "report", "email"):
		return NO_OBJECTION
	if not doc.get("committee"):
		return NO_OBJECTION  # a new record: validate checks the committee it names
	return no_objection_if(writes_rules_of(doc.committee, user))
