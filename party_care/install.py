"""Setup that is code: roles, workflows and default settings. Idempotent: runs on every migrate."""

import json
import os

import frappe

from party_care import roles
from party_care.honours.setup import create_award_types


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


def create_roles():
	"""Create the app's roles from the shipped fixture, so DocType permissions can name them."""
	path = os.path.join(os.path.dirname(__file__), "fixtures", "role.json")
	with open(path) as f:
		shipped = {r["role_name"]: r for r in json.load(f)}
	assert set(shipped) == set(roles.ALL), "fixtures/role.json and party_care.roles disagree"
	for role_name, record in shipped.items():
		if frappe.db.exists("Role", role_name):
			continue
		doc = frappe.get_doc({k: v for k, v in record.items() if k not in ("modified", "name")})
		doc.insert(ignore_permissions=True)


def create_standard_records():
	from party_care.care_visits.setup import create_standard_reasons

	create_standard_reasons()


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
