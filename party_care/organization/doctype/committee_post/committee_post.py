# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Committee Post (委员会任职): an Organization Officer, Party Committee Member or Care Auditor of one
committee. The post gives the user its role and a User Permission on the committee (Frappe extends
it to every organisation under it), and takes both away when the post ends or moves — as a
secretary's post does (party_care/permissions.py `sync_committee_post`, beside `sync_secretary`).
Posts are made by a System Manager, as roles are."""

import frappe
from frappe import _, bold
from frappe.model.document import Document

from party_care import roles
from party_care.exceptions import InvalidOrganizationError
from party_care.permissions import sync_committee_post


class CommitteePost(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		committee: DF.Link
		full_name: DF.Data | None
		role: DF.Literal["Organization Officer", "Party Committee Member", "Care Auditor"]
		user: DF.Link
	# end: auto-generated types

	def validate(self):
		self.validate_committee()
		self.validate_user()
		self.validate_unique()

	def validate_committee(self):
		if frappe.db.get_value("Party Organization", self.committee, "organization_type") != "Committee":
			frappe.throw(
				_("A committee post belongs to a Party Committee; {0} is not one.").format(
					bold(self.committee)
				),
				InvalidOrganizationError,
				title=_("Invalid Committee"),
			)

	def validate_user(self):
		if self.user in ("Administrator", "Guest"):
			frappe.throw(
				_("{0} cannot hold a committee post.").format(bold(self.user)), title=_("Invalid User")
			)
		if self.role not in roles.COMMITTEE_ROLES:
			frappe.throw(_("{0} is not a committee role.").format(bold(self.role)), title=_("Invalid Role"))

	def validate_unique(self):
		other = frappe.db.get_value(
			"Committee Post",
			{"user": self.user, "committee": self.committee, "role": self.role, "name": ("!=", self.name)},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already holds this post in {1} ({2}).").format(
					bold(self.user), bold(self.committee), other
				),
				frappe.DuplicateEntryError,
				title=_("Duplicate Post"),
			)

	def on_update(self):
		before = self.get_doc_before_save()
		old = (before.user, before.committee, before.role) if before else None
		sync_committee_post(old, (self.user, self.committee, self.role))

	def after_delete(self):
		sync_committee_post((self.user, self.committee, self.role), None)
