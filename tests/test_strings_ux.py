"""Issue 21 point 9: the app's own names and Frappe's poor wording on the app's pages read in
Chinese. Self-contained (no imports from tests/)."""

import frappe
from frappe.translate import get_all_translations

from party_care.desk.boot import boot_session


def test_print_format_names_are_shown_translated_in_the_print_view():
	bootinfo = frappe._dict(translated_doctypes=["Country"])
	boot_session(bootinfo)
	assert "Print Format" in bootinfo.translated_doctypes and "Country" in bootinfo.translated_doctypes
	zh = get_all_translations("zh")
	for name in frappe.get_all(
		"Print Format",
		filters={"module": ["in", ["Care Fund", "Care Visits", "Care Batches"]], "standard": "Yes"},
		pluck="name",
	):
		assert zh.get(name), name


def test_frappe_wording_the_app_overrides():
	zh = get_all_translations("zh")
	wrong = {
		"{0} m": "{0}米",
		"Public": "公",
		"Draft": "草案",
		"Source": "源",
		"Open": "开",
		"Medium": "中",
		"Invalid Date": "失效日期",
	}
	for source, bad in wrong.items():
		assert zh[source] != bad, source
	for english in ("List View", "Edit Filters", "Connections", "Add Tags", "Clear Assignment", "Log out"):
		assert zh.get(english) and zh[english] != english, english
