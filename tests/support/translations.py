"""The app's zh translations, and which strings neither it nor Frappe translates."""

import csv
import os

APP = os.path.join(os.path.dirname(__file__), "..", "..", "party_care")


def translations() -> dict:
	with open(os.path.join(APP, "translations", "zh.csv"), encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def untranslated(strings: set[str]) -> list[str]:
	"""Strings neither the app nor Frappe itself translates to zh."""
	from frappe.translate import get_translations_from_apps

	known = set(translations()) | set(get_translations_from_apps("zh", apps=["frappe"]))
	return sorted(strings - known)
