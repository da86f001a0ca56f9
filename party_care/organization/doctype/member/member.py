# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import add_years, format_date, getdate, today

from party_care import roles
from party_care.exceptions import (
	DuplicateIDNumberError,
	InvalidIDNumberError,
	InvalidMemberDatesError,
	InvalidOrganizationError,
)
from party_care.honours.birthdays import set_joined_month_day
from party_care.permissions import check_may_link_login, ensure_role, sync_secretary
from party_care.utils import id_number as idn
from party_care.utils.dates import next_anniversary, reference_date, whole_years

# the statuses of a member who is no longer in the organisation
GONE = ("Deceased", "Transferred Out")

MEMBER_ORGANIZATION_TYPES = ("Branch", "Party Group")


class Member(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		age: DF.Int
		anonymised_on: DF.Date | None
		date_full_member: DF.Date | None
		date_joined: DF.Date
		date_of_birth: DF.Date
		date_of_death: DF.Date | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data | None
		id_number_masked: DF.Data | None
		is_chronically_ill: DF.Check
		is_duty_martyr_family: DF.Check
		is_incapacitated: DF.Check
		is_living_alone: DF.Check
		is_low_income: DF.Check
		is_migrant_worker: DF.Check
		is_mobile_member: DF.Check
		is_retired: DF.Check
		is_unemployed_or_landless: DF.Check
		is_widowed_or_childless: DF.Check
		joined_month_day: DF.Data | None
		last_talk_on: DF.Date | None
		last_visit_on: DF.Date | None
		left_on: DF.Date | None
		member_status: DF.Literal["Probationary", "Full", "Transferred Out", "Deceased"]
		next_political_birthday: DF.Date | None
		on_minimum_allowance: DF.Check
		party_organization: DF.Link
		party_standing: DF.Int
		phone: DF.Data | None
		post: DF.Data | None
		user: DF.Link | None
		work_unit: DF.Data | None
	# end: auto-generated types

	# --- derived, never stored: correct on the day they are read --------------------------------

	@property
	def age(self) -> int:
		return whole_years(self.date_of_birth, reference_date()) if self.date_of_birth else 0

	@property
	def party_standing(self) -> int:
		"""Years since becoming a full member (Party Constitution art. 7); 0 while probationary."""
		if not self.date_full_member or self.member_status == "Probationary":
			return 0
		return whole_years(self.date_full_member, reference_date())

	@property
	def next_political_birthday(self):
		if self.member_status in ("Deceased", "Transferred Out"):
			return None
		return next_anniversary(self.date_joined)

	# --- validation ---------------------------------------------------------------------------------

	def validate(self):
		self.full_name = (self.full_name or "").strip()
		self.validate_id_number()
		self.validate_dates()
		self.set_left_on()
		self.validate_organization()
		self.validate_user()
		set_joined_month_day(self)
		self.keep_visit_dates()

	def keep_visit_dates(self):
		"""Last visit and talk are the app's to write (party_care/care_visits/visit_months.py,
		from the member's visits): a client's values are replaced by the stored ones."""
		stored = (
			None
			if self.is_new()
			else frappe.db.get_value("Member", self.name, ["last_visit_on", "last_talk_on"], as_dict=True)
		)
		self.last_visit_on = stored.last_visit_on if stored else None
		self.last_talk_on = stored.last_talk_on if stored else None

	def set_left_on(self):
		"""The day the member left (the retention rule counts from it, party_care/retention.py)."""
		if self.member_status not in GONE:
			self.left_on = None
		elif self.member_status == "Deceased" and self.date_of_death:
			self.left_on = self.date_of_death
		else:
			self.left_on = self.left_on or today()

	def validate_id_number(self):
		if self.anonymised_on and not self.id_number:  # removed under the retention rule
			return
		value = idn.normalize(self.id_number)
		if not value:
			frappe.throw(_("ID Number is required."), InvalidIDNumberError, title=_("Invalid ID Number"))
		if not idn.is_well_formed(value):
			frappe.throw(
				_(
					"ID Number {0} is not a valid 18-digit resident ID number (wrong length or check digit)."
				).format(bold(value)),
				InvalidIDNumberError,
				title=_("Invalid ID Number"),
			)
		born = idn.birth_date(value)
		if not born:
			frappe.throw(
				_("ID Number {0} does not contain a valid birth date.").format(bold(value)),
				InvalidIDNumberError,
				title=_("Invalid ID Number"),
			)
		if not self.date_of_birth:
			self.date_of_birth = born
		elif getdate(self.date_of_birth) != born:
			frappe.throw(
				_("The birth date in ID Number ({0}) does not match Date of Birth ({1}).").format(
					bold(format_date(born)), bold(format_date(self.date_of_birth))
				),
				InvalidIDNumberError,
				title=_("Invalid ID Number"),
			)
		if not self.gender:
			self.gender = idn.gender(value)
		elif self.gender != idn.gender(value):
			frappe.throw(
				_("The ID Number belongs to a {0} person, but Gender is {1}.").format(
					bold(_(idn.gender(value))), bold(_(self.gender))
				),
				InvalidIDNumberError,
				title=_("Invalid ID Number"),
			)
		duplicate = frappe.db.get_value("Member", {"id_number": value, "name": ("!=", self.name)}, "name")
		if duplicate:
			frappe.throw(
				_("ID Number {0} is already registered for member {1}.").format(
					bold(idn.mask(value)), bold(duplicate)
				),
				DuplicateIDNumberError,
				title=_("Duplicate ID Number"),
			)
		self.id_number = value
		self.id_number_masked = idn.mask(value)

	def validate_dates(self):
		born, joined = getdate(self.date_of_birth), getdate(self.date_joined)
		now = getdate(today())
		if born > now:
			self._date_error(_("Date of Birth cannot be in the future."))
		if joined > now:
			self._date_error(_("Date Joined cannot be in the future."))
		if born >= joined:
			self._date_error(_("Date of Birth must be before Date Joined."))
		minimum_age = frappe.db.get_single_value("Party Care Settings", "minimum_joining_age") or 18
		if joined < getdate(add_years(born, minimum_age)):
			self._date_error(
				_("A member must be at least {0} years old on joining; {1} was {2} on {3}.").format(
					bold(minimum_age),
					bold(self.full_name),
					bold(whole_years(born, joined)),
					bold(format_date(joined)),
				)
			)
		if self.date_full_member:
			full = getdate(self.date_full_member)
			if full < joined:
				self._date_error(_("Date Made Full Member cannot be before Date Joined."))
			if full > now:
				self._date_error(_("Date Made Full Member cannot be in the future."))
		if self.member_status == "Full" and not self.date_full_member:
			self._date_error(_("A full member needs the Date Made Full Member."))
		if self.member_status == "Probationary" and self.date_full_member:
			self._date_error(_("A probationary member cannot have a Date Made Full Member."))
		if self.date_of_death:
			death = getdate(self.date_of_death)
			if death > now or death < born:
				self._date_error(_("Date of Death must lie between Date of Birth and today."))

	def _date_error(self, message):
		frappe.throw(message, InvalidMemberDatesError, title=_("Invalid Dates"))

	def validate_organization(self):
		organization_type = frappe.get_cached_value(  # cleared by Frappe when the organisation is saved
			"Party Organization", self.party_organization, "organization_type"
		)
		if organization_type not in MEMBER_ORGANIZATION_TYPES:
			frappe.throw(
				_("A member belongs to a Branch or a Party Group; {0} is a {1}.").format(
					bold(self.party_organization), bold(_(organization_type or ""))
				),
				InvalidOrganizationError,
				title=_("Invalid Party Organization"),
			)

	def validate_user(self):
		if self.has_value_changed("user") and not (self.is_new() and not self.user):
			# a login decides whose records a user reads (and a secretary's User Permissions
			# follow it): the organisation department links logins, not branch secretaries
			if not set(frappe.get_roles()) & {"Administrator", "System Manager", roles.ORGANIZATION_OFFICER}:
				frappe.throw(
					_("Only the organisation department can link a member to a login."),
					frappe.PermissionError,
					title=_("Not Allowed"),
				)
		if not self.user:
			return
		if self.has_value_changed("user") and not self.flags.ignore_permissions:
			check_may_link_login(self.user)
		other = frappe.db.get_value("Member", {"user": self.user, "name": ("!=", self.name)}, "name")
		if other:
			frappe.throw(
				_("User {0} is already linked to member {1}.").format(bold(self.user), bold(other)),
				title=_("User Already Linked"),
			)

	# --- effects ---------------------------------------------------------------------------------------

	def on_update(self):
		if self.user:
			ensure_role(self.user, roles.PARTY_MEMBER)
		if self.has_value_changed("user"):
			old_user = (self.get_doc_before_save() or frappe._dict()).get("user")
			for organization in frappe.get_all(
				"Party Organization", filters={"secretary": self.name}, pluck="name"
			):
				sync_secretary(organization, old_user, self.user)

	def on_trash(self):
		organizations = frappe.get_all("Party Organization", filters={"secretary": self.name}, pluck="name")
		if organizations:
			frappe.throw(
				_("Member {0} is the secretary of {1}; choose another secretary first.").format(
					bold(self.full_name), bold(", ".join(organizations))
				),
				title=_("Member In Use"),
			)
