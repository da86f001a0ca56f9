# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A young member's political study mentor (政治学习导师, seed 003); see party_care/openness/study.py.
Only for a member under the young member age when it starts; one mentor at a time per member."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import getdate

from party_care.incentive import activities
from party_care.openness import study


class StudyMentorship(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		age_at_start: DF.Int
		from_date: DF.Date
		member: DF.Link
		member_name: DF.Data | None
		mentor: DF.Link | None
		mentor_name: DF.Data | None
		mentor_user: DF.Link | None
		notes: DF.SmallText | None
		party_organization: DF.Link | None
		to_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		activities.check_period(self.from_date, self.to_date)
		activities.check_active_member(self.member)
		self.check_young()
		self.set_mentor()
		self.check_one_at_a_time()

	def check_young(self):
		full_name, born = frappe.db.get_value("Member", self.member, ["full_name", "date_of_birth"])
		self.age_at_start = study.age_on(born, self.from_date)
		if self.age_at_start is None or self.age_at_start >= study.age_limit():
			frappe.throw(
				_(
					"{0} is {1} when the mentorship starts: political study mentors are for young members under {2}."
				).format(bold(full_name), self.age_at_start or "?", study.age_limit()),
				title=_("Not a Young Member"),
			)

	def set_mentor(self):
		if not self.mentor and not self.mentor_user:
			frappe.throw(_("Please name the mentor: a member or a login."), title=_("Missing Values"))
		if self.mentor:
			if self.mentor == self.member:
				frappe.throw(_("A member cannot be his own mentor."), title=_("Invalid Mentor"))
			activities.check_active_member(self.mentor)
			mentor_name, mentor_user = frappe.db.get_value("Member", self.mentor, ["full_name", "user"])
			self.mentor_name = mentor_name
			self.mentor_user = self.mentor_user or mentor_user
		if self.mentor_user:
			if self.mentor_user in ("Guest", "Administrator") or not frappe.db.get_value(
				"User", self.mentor_user, "enabled"
			):
				frappe.throw(
					_("{0} is not an enabled login.").format(bold(self.mentor_user)),
					title=_("Invalid Mentor"),
				)
			if self.mentor_user == frappe.db.get_value("Member", self.member, "user"):
				frappe.throw(_("A member cannot be his own mentor."), title=_("Invalid Mentor"))
			if self.mentor:
				linked = frappe.db.get_value("Member", self.mentor, "user")
				if linked and linked != self.mentor_user:
					frappe.throw(
						_("The mentor's login is not the login of member {0}.").format(
							bold(self.mentor_name)
						),
						title=_("Invalid Mentor"),
					)
			else:
				self.mentor_name = (
					frappe.db.get_value("User", self.mentor_user, "full_name") or self.mentor_user
				)

	def check_one_at_a_time(self):
		# the member's row first: two mentorships saved at once for him see each other
		frappe.db.sql("select name from `tabMember` where name = %s for update", self.member)
		other = frappe.db.sql(
			f"""select name, mentor_name, from_date, to_date from `tab{study.MENTORSHIP}`
			where member = %(member)s and name != %(name)s
				and from_date <= %(to)s and ifnull(to_date, '9999-12-31') >= %(from)s
			limit 1""",
			{
				"member": self.member,
				"name": self.name or "",
				"from": getdate(self.from_date),
				"to": getdate(self.to_date) if self.to_date else "9999-12-31",
			},
			as_dict=True,
		)
		if other:
			o = other[0]
			frappe.throw(
				_("{0} already has a mentor for that time: {1} from {2} ({3}). End it first.").format(
					bold(self.member_name or self.member),
					bold(o.mentor_name),
					frappe.format(o.from_date, {"fieldtype": "Date"}),
					o.name,
				),
				title=_("Mentor Already Assigned"),
			)
