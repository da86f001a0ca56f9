# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Logging in by mobile number (issue 21): an elderly member types the phone number the branch
has on record, not an e-mail address.

Frappe logs a user in by `User.mobile_no` when System Settings → allow_login_using_mobile_number
is set (install.after_migrate sets it, idempotent). A Member's phone is kept on his User's
mobile_no — on every save of the Member and, for records that came in another way, on every
migrate — as digits only, so that "138 0013 8000" on the record logs in as 13800138000. A number
another login already uses is left alone (one number, one login)."""

import re

import frappe

APP_NAME = "党内关怀帮扶"


def normalise(phone: str | None) -> str | None:
	digits = re.sub(r"\D", "", phone or "")
	if digits.startswith("86") and len(digits) == 13:
		digits = digits[2:]
	return digits or None


def set_mobile(user: str, phone: str | None, old_phone: str | None = None) -> bool:
	"""Put this phone on the user (or take the old one off); False when another user has it."""
	mobile, old = normalise(phone), normalise(old_phone)
	current = frappe.db.get_value("User", user, "mobile_no")
	if not mobile:
		if old and current and normalise(current) == old:
			frappe.db.set_value("User", user, "mobile_no", None, update_modified=False)
		return True
	if current == mobile:
		return True
	if frappe.db.exists("User", {"mobile_no": mobile, "name": ("!=", user)}):
		return False
	frappe.db.set_value("User", user, "mobile_no", mobile, update_modified=False)
	return True


def on_member_update(doc, method=None):
	"""doc_events of Member (on_update): his phone follows to his login."""
	before = doc.get_doc_before_save()
	old_user, old_phone = (before.user, before.phone) if before else (None, None)
	if old_user and old_user != doc.user and frappe.db.exists("User", old_user):
		set_mobile(old_user, None, old_phone)  # the number leaves with the login it was on
	if doc.user:
		if not set_mobile(doc.user, doc.phone, old_phone):
			frappe.msgprint(
				frappe._(
					"{0} is already the mobile number of another login: {1} cannot log in with it."
				).format(frappe.bold(doc.phone), frappe.bold(doc.full_name)),
				title=frappe._("Mobile Number In Use"),
				indicator="orange",
			)


def sync_all_mobiles():
	"""Members whose login lacks their phone (imported, or from before this rule): set it."""
	for user, phone, mobile in frappe.db.sql(
		"""select m.user, m.phone, u.mobile_no from `tabMember` m join `tabUser` u on u.name = m.user
		where ifnull(m.phone, '') != '' and m.member_status in ('Probationary', 'Full')"""
	):
		if normalise(phone) != mobile:
			set_mobile(user, phone)


def set_login_settings():
	"""Log in by mobile number; the login page names this app, not Frappe. Idempotent."""
	changed = False
	if not frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number"):
		frappe.db.set_single_value("System Settings", "allow_login_using_mobile_number", 1)
		changed = True
	if (frappe.db.get_single_value("System Settings", "app_name") or "Frappe") == "Frappe":
		frappe.db.set_single_value("System Settings", "app_name", APP_NAME)
		changed = True
	if (frappe.db.get_single_value("Website Settings", "app_name") or "Frappe") == "Frappe":
		frappe.db.set_single_value("Website Settings", "app_name", APP_NAME)
		changed = True
	if changed:
		frappe.clear_document_cache("System Settings", "System Settings")
		frappe.clear_document_cache("Website Settings", "Website Settings")
	sync_all_mobiles()
