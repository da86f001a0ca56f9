"""Public notices (公示) of commendations, beside the care fund's (party_care/care_fund/notice.py);
the reader rule and the Notice Objection records are every notice's
(party_care/controllers/notice.py).

A notice shows only the recipient's name, organisation, award and year — never the citation,
which may name people and circumstances. Any member may raise an objection while the notice
runs; the officers and committee are told, and an upheld objection sends the commendation back
to the committee (Uphold Objection)."""

import frappe
from frappe import _

from party_care.controllers.notice import check_can_read_notices, record_objection, running_notices

# The only fields of a commendation a notice shows.
PUBLIC_FIELDS = (
	"name",
	"recipient_name",
	"party_organization",
	"award_type",
	"year",
	"notice_start",
	"notice_end",
)


def current_commendation_notices() -> list[dict]:
	check_can_read_notices()
	rows = running_notices("Commendation", [*PUBLIC_FIELDS, "awarding_organization"])
	if (levels := notice_levels()) is not None:
		# the awarding committee's own notices and those above it: the committee chosen at the
		# nomination (before issue 22's awarding committees, set only at the award: the nearest one
		# above the recipient's organisation)
		from party_care.honours.doctype.commendation.commendation import awarding_organization

		levels, awarding = set(levels), {}
		for org in {row["party_organization"] for row in rows if not row["awarding_organization"]}:
			awarding[org] = awarding_organization(org)
		rows = [
			row
			for row in rows
			if (row["awarding_organization"] or awarding[row["party_organization"]]) in levels
		]
	for row in rows:
		row.pop("awarding_organization")
		row["award_label"] = _(row["award_type"])
	return rows


def notice_levels() -> list[str] | None:
	"""The organisations whose commendation notices the user reads (None: all): those at or above
	where he stands and, for a committee's people and secretaries, those under their organisations."""
	from party_care.care_fund.permissions import readable_committees_sql
	from party_care.permissions import ALL, get_scope

	if get_scope() == ALL:
		return None
	return frappe.db.sql_list(f"select name from ({readable_committees_sql(frappe.session.user)}) o")


@frappe.whitelist(methods=["GET"])
def get_notices():
	return current_commendation_notices()


@frappe.whitelist(methods=["POST"])
def raise_objection(commendation: str, reason: str):
	"""Any member may object to a commendation while its notice runs."""
	return record_objection(
		"Commendation", commendation, reason, lambda: {r["name"] for r in current_commendation_notices()}
	)
