# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Political Birthday Greeting: the log of greetings sent by the daily job (one per member and
year, see party_care/honours/birthdays.py); its print format is the political birthday card."""

from frappe.model.document import Document


class PoliticalBirthdayGreeting(Document):
	pass
