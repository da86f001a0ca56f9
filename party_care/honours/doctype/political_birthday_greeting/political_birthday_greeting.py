# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Political Birthday Greeting: the log of greetings sent by the daily job (one per member and
year, see party_care/honours/birthdays.py); its print format is the political birthday card."""

from frappe.model.document import Document


class PoliticalBirthdayGreeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		date_joined: DF.Date | None
		is_round_anniversary: DF.Check
		member: DF.Link
		member_name: DF.Data | None
		member_year: DF.Data | None
		party_organization: DF.Link | None
		sent_on: DF.Date | None
		sent_to: DF.Link | None
		year: DF.Int
		years_in_party: DF.Int
	# end: auto-generated types
	pass
