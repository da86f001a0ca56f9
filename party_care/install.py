"""Setup that is code: roles, workflows and default settings. Idempotent: runs on every migrate."""

import json
import os

import frappe

from party_care import roles
from party_care.honours.setup import create_award_types
from party_care.indexes import ensure_indexes


def before_install():
	create_roles()


def after_install():
	after_migrate()


def after_migrate():
	create_roles()
	set_default_settings()
	set_currency()
	sync_workflows()
	create_standard_records()
	create_award_types()
	openness_records()
	sync_module_profile()
	add_erpnext_fields()
	ensure_indexes()
	rebuild_visit_months()
	set_login_settings()
	show_user_names_in_links()


def show_user_names_in_links():
	"""Who checked, decided or paid (`decided_by`, `approved_by`, … Links to User) reads as the
	person's name, not his e-mail address, in forms, lists and prints: Frappe's own switch
	(`show_title_field_in_link` on User, whose title field is `full_name`), as a Property Setter."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	if frappe.get_meta("User").show_title_field_in_link:
		return
	make_property_setter(
		"User",
		None,
		"show_title_field_in_link",
		1,
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)


def set_login_settings():
	"""An elderly member logs in by his mobile number (party_care/organization/login.py)."""
	from party_care.organization.login import set_login_settings

	set_login_settings()


def rebuild_visit_months():
	"""The monthly visit counts (party_care/care_visits/visit_months.py), recounted on every
	migrate: a few seconds for a million visits."""
	from party_care.care_visits.visit_months import rebuild

	rebuild()


def before_uninstall():
	from party_care.care_visits.visit_months import drop_table
	from party_care.integrations.erpnext.setup import remove_custom_fields

	remove_custom_fields()
	drop_table()


def add_erpnext_fields():
	"""Only when ERPNext is installed on the site too (see party_care/integrations/erpnext/setup.py)."""
	from party_care.integrations.erpnext.setup import add_custom_fields

	add_custom_fields()


def create_roles():
	"""Create the app's roles from the shipped fixture, so DocType permissions can name them."""
	path = os.path.join(os.path.dirname(__file__), "fixtures", "role.json")
	with open(path) as f:
		shipped = {r["role_name"]: r for r in json.load(f)}
	assert set(shipped) == set(roles.ALL), "fixtures/role.json and party_care.roles disagree"
	for role_name, record in shipped.items():
		if frappe.db.exists("Role", role_name):
			set_desk_access(role_name, record["desk_access"])
			continue
		doc = frappe.get_doc({k: v for k, v in record.items() if k not in ("modified", "name")})
		doc.insert(ignore_permissions=True)


def set_desk_access(role_name: str, desk_access: int) -> None:
	"""Party members are Website Users (the /my-care pages); the other roles work in the desk.
	Saving the Role makes Frappe recompute the user type of everyone who has it (a member who is
	also a secretary keeps his desk through the Branch Secretary role)."""
	role = frappe.get_doc("Role", role_name)
	if role.desk_access != desk_access:
		role.desk_access = desk_access
		role.save(ignore_permissions=True)


def sync_module_profile():
	from party_care.desk.module_profile import sync_module_profile

	sync_module_profile()


def create_standard_records():
	from party_care.care_visits.setup import create_standard_reasons

	create_standard_reasons()


def openness_records():
	from party_care.openness.setup import after_migrate as openness_after_migrate

	openness_after_migrate()


def sync_workflows():
	from party_care.workflow import sync_all

	sync_all()


def set_currency():
	"""Amounts are in yuan: CNY is the default currency unless the site already has one."""
	if not frappe.db.get_value("Currency", "CNY", "symbol"):
		frappe.db.set_value("Currency", "CNY", {"symbol": "¥", "enabled": 1}, update_modified=False)
	if not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", "CNY")


# The most one application may ask for, per purpose (yuan; officers change them in the settings).
DEFAULT_PURPOSE_LIMITS = {
	"Living Hardship Subsidy": 300,
	"Serious Illness or Disaster Relief": 5000,
	"Children's Schooling": 5000,
	"Condolence": 2000,
	"Training": 2000,
	"Emergency Relief": 5000,
}


def set_default_settings():
	settings = frappe.get_single("Party Care Settings")
	changed = False
	for fieldname in [df.fieldname for df in settings.meta.fields if df.default and df.fieldtype != "Check"]:
		if not settings.get(fieldname):
			settings.set(fieldname, settings.meta.get_field(fieldname).default)
			changed = True
	if not settings.get("purpose_limits"):
		for purpose, max_amount in DEFAULT_PURPOSE_LIMITS.items():
			settings.append("purpose_limits", {"purpose": purpose, "max_amount": max_amount})
		changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()
