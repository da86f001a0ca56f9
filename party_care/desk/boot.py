# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""What the desk gets at boot from the app (hooks: boot_session)."""


def boot_session(bootinfo):
	"""Print formats are chosen by name in the print view (a Link): the desk shows a Link's value
	translated only for the DocTypes listed here, so the app's print formats (Visit Record, Fund
	Application Form, Care Payment Roster, …) read in the user's language (their zh in
	translations/zh.csv)."""
	translated = list(bootinfo.get("translated_doctypes") or [])
	if "Print Format" not in translated:
		translated.append("Print Format")
	bootinfo.translated_doctypes = translated
