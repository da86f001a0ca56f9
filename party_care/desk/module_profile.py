"""A desk that shows each role its work: the party roles see the 党内关怀 workspace and the app's
modules, not Frappe's Users, Website, Tools, Integrations or Build.

Frappe's own mechanism does it: one Module Profile (MODULE_PROFILE) blocks every module that is not
the app's; a user with a party desk role (and no System Manager) gets it when his User is saved.
`sync_module_profile` keeps the profile complete on every migrate (new apps bring new modules)."""

import frappe

from party_care import roles

MODULE_PROFILE = "Party Care"
DESK_ROLES = frozenset(
	{
		roles.BRANCH_SECRETARY,
		roles.ORGANIZATION_OFFICER,
		roles.COMMITTEE_MEMBER,
		roles.CARE_AUDITOR,
		roles.CONFIDENTIAL_READER,
	}
)
KEEP_FULL_DESK = frozenset({"System Manager", "Administrator", "Workspace Manager"})


def blocked_modules() -> list[str]:
	return sorted(frappe.get_all("Module Def", filters={"app_name": ["!=", "party_care"]}, pluck="name"))


def sync_module_profile() -> None:
	"""after_migrate: the profile blocks every module not of this app; users follow it."""
	blocked = blocked_modules()
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = MODULE_PROFILE
	if sorted(d.module for d in profile.block_modules) != blocked or profile.is_new():
		profile.set("block_modules", [{"module": m} for m in blocked])
		profile.save(ignore_permissions=True)
	users = set(frappe.get_all("User", filters={"module_profile": MODULE_PROFILE}, pluck="name"))
	users |= set(
		frappe.get_all(
			"Has Role",
			filters={"role": ["in", list(DESK_ROLES)], "parenttype": "User"},
			pluck="parent",
			distinct=True,
		)
	)
	for name in sorted(users):
		user = frappe.get_doc("User", name)
		apply_module_profile(user)
		if user.module_profile == MODULE_PROFILE and sorted(d.module for d in user.block_modules) != blocked:
			user.flags.ignore_permissions = True
			user.save()


def apply_module_profile(user, method=None) -> None:
	"""User before_validate: a party desk user without a module profile gets the app's."""
	if user.module_profile or user.name in ("Administrator", "Guest"):
		return
	user_roles = {r.role for r in user.roles}
	if (
		user_roles & DESK_ROLES
		and not user_roles & KEEP_FULL_DESK
		and frappe.db.exists("Module Profile", MODULE_PROFILE)
	):
		user.module_profile = MODULE_PROFILE
