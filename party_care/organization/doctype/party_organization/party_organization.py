# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

import frappe
from frappe import _, bold
from frappe.utils.nestedset import NestedSet

from party_care.exceptions import InvalidOrganizationError, OrganizationInUseError
from party_care.permissions import sync_secretary

# Which organisation types may sit directly under which ("" = the root of the tree).
ALLOWED_PARENTS = {
	"Committee": ("", "Committee"),
	"General Branch": ("Committee",),
	"Branch": ("Committee", "General Branch"),
	"Party Group": ("Branch",),
}


class PartyOrganization(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		established_on: DF.Date | None
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		organization_name: DF.Data
		organization_type: DF.Literal["", "Committee", "General Branch", "Branch", "Party Group"]
		parent_party_organization: DF.Link | None
		rgt: DF.Int
		secretary: DF.Link | None
		secretary_name: DF.Data | None
		secretary_part_time: DF.Check
	# end: auto-generated types

	nsm_parent_field = "parent_party_organization"

	def validate(self):
		self.organization_name = (self.organization_name or "").strip()
		self.is_group = 0 if self.organization_type == "Party Group" else 1
		self.validate_parent_type()
		self.validate_children_types()
		self.validate_members_allowed()
		self.validate_committee_posts()
		self.validate_secretary()

	def validate_parent_type(self):
		parent_type = ""
		if self.parent_party_organization:
			parent_type = frappe.db.get_value(
				"Party Organization", self.parent_party_organization, "organization_type"
			)
		allowed = ALLOWED_PARENTS.get(self.organization_type, ())
		if parent_type not in allowed:
			if parent_type:
				message = _("A {0} cannot sit under a {1} ({2}).").format(
					bold(_(self.organization_type)), bold(_(parent_type)), self.parent_party_organization
				)
			else:
				message = _("A {0} needs a parent organization: {1}.").format(
					bold(_(self.organization_type)), " / ".join(_(t) for t in allowed)
				)
			frappe.throw(message, InvalidOrganizationError, title=_("Invalid Organization Tree"))

	def validate_children_types(self):
		if self.is_new():
			return
		for child, child_type in frappe.get_all(
			"Party Organization",
			filters={"parent_party_organization": self.name},
			fields=["name", "organization_type"],
			as_list=True,
		):
			if self.organization_type not in ALLOWED_PARENTS[child_type]:
				frappe.throw(
					_("{0} cannot become a {1}: its child {2} is a {3}.").format(
						bold(self.name), bold(_(self.organization_type)), bold(child), _(child_type)
					),
					InvalidOrganizationError,
					title=_("Invalid Organization Tree"),
				)

	def validate_members_allowed(self):
		if self.is_new() or self.organization_type in ("Branch", "Party Group"):
			return
		if frappe.db.exists("Member", {"party_organization": self.name}):
			frappe.throw(
				_("{0} has members, so it must stay a Branch or a Party Group.").format(bold(self.name)),
				InvalidOrganizationError,
				title=_("Invalid Organization Tree"),
			)

	def validate_committee_posts(self):
		"""Posts scope their holders to a committee's subtree: the node stays a committee."""
		if self.is_new() or self.organization_type == "Committee":
			return
		if frappe.db.exists("Committee Post", {"committee": self.name}):
			frappe.throw(
				_("{0} has committee posts, so it must stay a Committee.").format(bold(self.name)),
				InvalidOrganizationError,
				title=_("Invalid Organization Tree"),
			)

	def validate_secretary(self):
		if not self.secretary:
			return
		member = frappe.db.get_value(
			"Member", self.secretary, ["full_name", "member_status", "party_organization"], as_dict=True
		)
		if member.member_status != "Full":
			frappe.throw(
				_("The secretary must be a full member; {0} is {1}.").format(
					bold(member.full_name), bold(_(member.member_status))
				),
				title=_("Invalid Secretary"),
			)
		if not self.is_new() and not self.is_in_subtree(member.party_organization):
			frappe.throw(
				_(
					"The secretary must be a member of {0} or of an organization under it; {1} belongs to {2}."
				).format(bold(self.name), bold(member.full_name), bold(member.party_organization)),
				title=_("Invalid Secretary"),
			)

	def is_in_subtree(self, organization: str) -> bool:
		lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
		return self.lft <= lft and rgt <= self.rgt

	def on_update(self):
		super().on_update()
		if self.has_value_changed("secretary"):
			before = self.get_doc_before_save()
			old_secretary = before.secretary if before else None
			sync_secretary(self.name, user_of(old_secretary), user_of(self.secretary))

	def on_trash(self):
		children = frappe.db.count("Party Organization", {"parent_party_organization": self.name})
		if children:
			frappe.throw(
				_("{0} cannot be deleted: it has {1} organizations under it.").format(
					bold(self.name), children
				),
				OrganizationInUseError,
				title=_("Organization In Use"),
			)
		members = frappe.db.count("Member", {"party_organization": self.name})
		if members:
			frappe.throw(
				_("{0} cannot be deleted: {1} members belong to it. Transfer them first.").format(
					bold(self.name), members
				),
				OrganizationInUseError,
				title=_("Organization In Use"),
			)
		if self.secretary:
			sync_secretary(self.name, user_of(self.secretary), None)
		super().on_trash()


def user_of(member: str | None) -> str | None:
	return frappe.db.get_value("Member", member, "user") if member else None


@frappe.whitelist()
def get_children(doctype: str = "Party Organization", parent: str | None = None, **kwargs):
	"""Tree view nodes: under a real node its children; at the top, the highest nodes this user
	may read (the roots for officers, his own organisations for a secretary)."""
	fields = ["name as value", "organization_name as title", "is_group as expandable", "organization_type"]
	if parent and frappe.db.exists("Party Organization", parent):
		return frappe.get_list(
			"Party Organization",
			fields=fields,
			filters={"parent_party_organization": parent},
			order_by="lft",
		)
	visible = frappe.get_list(
		"Party Organization", fields=[*fields, "parent_party_organization as parent"], order_by="lft"
	)
	names = {row.value for row in visible}
	return [row for row in visible if row.parent not in names]
