# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""A volunteer team (党员志愿服务队, seed 003) and the members in hardship it helps long-term."""

from frappe.model.document import Document

from party_care.incentive import activities


class VolunteerTeam(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from party_care.incentive.doctype.volunteer_team_case.volunteer_team_case import VolunteerTeamCase
		from party_care.incentive.doctype.volunteer_team_member.volunteer_team_member import (
			VolunteerTeamMember,
		)

		cases_served: DF.Table[VolunteerTeamCase]
		description: DF.SmallText | None
		established_on: DF.Date | None
		leader: DF.Link | None
		leader_name: DF.Data | None
		party_organization: DF.Link
		team_members: DF.Table[VolunteerTeamMember]
		team_name: DF.Data

	# end: auto-generated types
	def validate(self):
		activities.check_no_duplicates(self.team_members, "member", "Team Members")
		activities.check_no_duplicates(self.cases_served, "hardship_case", "Members Helped Long-Term")
		before = self.get_doc_before_save()
		stored = {row.hardship_case for row in before.cases_served} if before else set()
		for row in self.cases_served:
			if row.hardship_case not in stored:
				activities.check_case_readable(self, row.hardship_case)
