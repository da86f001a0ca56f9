# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A study or training session of an organisation (学习培训: 集中学习培训, 导师学习, 书记轮训 …) and
who attended it for how many hours; see party_care/openness/study.py."""

import frappe
from frappe import _, bold
from frappe.model.document import Document
from frappe.utils import flt

from party_care.incentive import activities
from party_care.openness import study


class StudySession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.openness.doctype.study_session_attendee.study_session_attendee import (
			StudySessionAttendee,
		)

		attendee_count: DF.Int
		attendees: DF.Table[StudySessionAttendee]
		content: DF.SmallText | None
		hours: DF.Float
		kind: DF.Literal[
			"Collective Study and Training", "Mentor Study", "Secretary Rotation Training", "Other Study"
		]
		party_organization: DF.Link
		place: DF.Data | None
		session_date: DF.Date
		study_mentorship: DF.Link | None
		topic: DF.Data
		total_hours: DF.Float

	# end: auto-generated types
	def validate(self):
		activities.check_not_future(self.session_date, "Session Date")
		activities.check_hours(self.hours, _("Study Hours"))
		activities.check_no_duplicates(self.attendees, "member", "Attendance")
		for row in self.attendees:
			label = row.member_name or row.member
			if not row.attended:
				row.hours = 0
				continue
			if not flt(row.hours):
				row.hours = flt(self.hours)
			activities.check_hours(row.hours, label)
			if flt(row.hours) > flt(self.hours):
				frappe.throw(
					_("{0}: at most the session's {1} hours.").format(bold(label), flt(self.hours)),
					title=_("Invalid Hours"),
				)
		self.check_attendees_in_subtree()
		self.check_mentorship()
		attended = [row for row in self.attendees if row.attended]
		self.attendee_count = len(attended)
		self.total_hours = round(sum(flt(row.hours) for row in attended), 2)

	def check_attendees_in_subtree(self):
		"""Attendees are current members of the organisation and those under it (one query)."""
		members = [row.member for row in self.attendees if row.member]
		if not members or not self.party_organization:
			return
		lft, rgt = frappe.db.get_value("Party Organization", self.party_organization, ["lft", "rgt"])
		inside = set(
			frappe.db.sql_list(
				"""select m.name from `tabMember` m join `tabParty Organization` o on o.name = m.party_organization
				where m.name in %(members)s and o.lft >= %(lft)s and o.rgt <= %(rgt)s
					and m.member_status in %(active)s""",
				{"members": members, "lft": lft, "rgt": rgt, "active": study.ACTIVE_STATUSES},
			)
		)
		outside = [row.member_name or row.member for row in self.attendees if row.member not in inside]
		if outside:
			frappe.throw(
				_("Not current members of {0} or the organisations under it: {1}").format(
					bold(self.party_organization), ", ".join(outside[:20])
				),
				title=_("Invalid Member"),
			)

	def check_mentorship(self):
		if not self.study_mentorship:
			return
		if self.kind != study.MENTOR_STUDY:
			frappe.throw(_("Only a mentor study session names a mentorship."), title=_("Invalid Value"))
		member = frappe.db.get_value(study.MENTORSHIP, self.study_mentorship, "member")
		if member not in {row.member for row in self.attendees if row.attended}:
			frappe.throw(
				_("The young member of mentorship {0} is not among the attendees.").format(
					bold(self.study_mentorship)
				),
				title=_("Invalid Value"),
			)
