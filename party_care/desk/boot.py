# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""What the desk gets at boot from the app (hooks: boot_session)."""

import frappe


def boot_session(bootinfo):
	translate_print_format_names(bootinfo)
	hide_blocked_modules(bootinfo)
	translate_app_titles(bootinfo)
	preload_workspace_widgets(bootinfo)


def preload_workspace_widgets(bootinfo):
	"""The app's workspaces' number cards and charts, sent with the boot.

	Frappe's workspace loads each card's and each chart's own document (`getdoc`, one request
	each) before it asks for the figure: ten requests queued ahead of the six figures, 4–5.5 s
	before the cards show on a cold load. The desk takes these documents from the boot instead
	(party_care/public/js/party_care.js, `frappe.model.with_doc`), so a card costs one request.
	Only what the user may read."""
	workspaces = frappe.get_all(
		"Workspace", filters={"module": ["in", frappe.get_module_list("party_care")]}, pluck="name"
	)
	if not workspaces:
		return
	docs = []
	for doctype, table, field in (
		("Number Card", "Workspace Number Card", "number_card_name"),
		("Dashboard Chart", "Workspace Chart", "chart_name"),
	):
		names = frappe.get_all(
			table,
			filters={"parenttype": "Workspace", "parent": ["in", workspaces]},
			pluck=field,
			distinct=True,
		)
		for name in sorted(set(filter(None, names))):
			if not frappe.db.exists(doctype, name):
				continue
			doc = frappe.get_cached_doc(doctype, name)
			if doc.has_permission("read"):
				docs.append(doc.as_dict(no_nulls=True))
	bootinfo.party_care_widgets = docs


def translate_app_titles(bootinfo):
	"""Frappe 16's sidebar heads each workspace with its app's title as the app declares it
	("Party Care" under 党内关怀): the titles in the user's language. (15 has no app_data.)"""
	from frappe import _

	for app in bootinfo.get("app_data") or []:
		if app.get("app_title"):
			app["app_title"] = _(app["app_title"])


def translate_print_format_names(bootinfo):
	"""Print formats are chosen by name in the print view (a Link): the desk shows a Link's value
	translated only for the DocTypes listed here, so the app's print formats (Visit Record, Fund
	Application Form, Care Payment Roster, …) read in the user's language (their zh in
	translations/zh.csv)."""
	translated = list(bootinfo.get("translated_doctypes") or [])
	if "Print Format" not in translated:
		translated.append("Print Format")
	bootinfo.translated_doctypes = translated


def hide_blocked_modules(bootinfo):
	"""The desk of a user with a Module Profile shows none of the modules it blocks.

	Frappe 15 leaves blocked modules' workspaces out of the sidebar (frappe/desk/desktop.py). Frappe 16
	draws the desk from Workspace Sidebars and Desktop Icons, and keeps a sidebar whenever its
	module has a DocType the user may read (frappe/boot.py `get_sidebar_items`: `allow_modules`,
	blocked or not); an icon is checked against blocked modules only through a Workspace of the
	same name, which System, Email or Automation do not have. So a branch secretary's desktop
	showed Frappe's "Framework" folder (System, Email, Automation), which the app's profile
	blocks (party_care/desk/module_profile.py). Drop those sidebars, the icons that open them and
	the folders they leave empty. On 15 the boot has neither list and nothing changes."""
	sidebars = bootinfo.get("workspace_sidebar_item")
	if not sidebars:
		return
	blocked = set(frappe.get_cached_doc("User", frappe.session.user).get_blocked_modules())
	hidden = {key for key, sidebar in sidebars.items() if sidebar.get("module") in blocked}
	if not hidden:
		return
	for key in hidden:
		del sidebars[key]
	icons = bootinfo.get("desktop_icons") or []
	kept = [
		icon
		for icon in icons
		if not (
			icon.get("link_type") == "Workspace Sidebar" and (icon.get("link_to") or "").lower() in hidden
		)
	]
	folders = {icon.get("parent_icon") for icon in icons if icon.get("parent_icon")}
	still_used = {icon.get("parent_icon") for icon in kept if icon.get("parent_icon")}
	bootinfo.desktop_icons = [icon for icon in kept if icon.get("label") not in folders - still_used]
