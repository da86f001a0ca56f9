"""Public notices (公示) of commendations, beside the care fund's (party_care/care_fund/notice.py,
whose reader rule and Notice Objection records this reuses).

A notice shows only the recipient's name, organisation, award and year — never the citation,
which may name people and circumstances. Any member may raise an objection while the notice
runs; the officers and committee are told, and an upheld objection sends the commendation back
to the committee (Uphold Objection)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from party_care.care_fund.notice import can_read_notices, record_objection

# The only fields of a commendation a notice shows.
PUBLIC_FIELDS = ("name", "recipient_name", "party_organization", "award_type", "year", "notice_start", "notice_end")


def current_commendation_notices() -> list[dict]:
	if not can_read_notices():
		frappe.throw(_("Only members of the organisation can read its public notices."), frappe.PermissionError)
	now = now_datetime()
	rows = frappe.get_all(
		"Commendation",
		filters={"workflow_state": "Public Notice", "notice_start": ["<=", now], "notice_end": [">", now]},
		fields=list(PUBLIC_FIELDS),
		order_by="notice_end asc",
		ignore_permissions=True,
	)
	for row in rows:
		row["award_label"] = _(row["award_type"])
	return rows


@frappe.whitelist(methods=["GET"])
def get_notices():
	return current_commendation_notices()


@frappe.whitelist(methods=["POST"])
def raise_objection(commendation: str, reason: str):
	"""Any member may object to a commendation while its notice runs."""
	return record_objection(
		"Commendation", commendation, reason, lambda: {r["name"] for r in current_commendation_notices()}
	)
