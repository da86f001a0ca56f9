"""Public notices (公示) of fund applications (and of batch lines, in the same rows): what every
member may read while an application is on notice, and the objections they raise. Only name,
organisation, purpose and amount are ever shown. What every notice shares (who reads, raising
and reading objections) is party_care/controllers/notice.py."""

import frappe
from frappe import _

from party_care.controllers.notice import check_can_read_notices, record_objection, running_notices

# The only fields of an application a notice shows.
PUBLIC_FIELDS = (
	"name",
	"member_name",
	"party_organization",
	"purpose",
	"amount_approved",
	"notice_start",
	"notice_end",
)


def readable_funds() -> list[str] | None:
	"""The funds whose notices the user reads: those of his own committee and of the committees
	above it (a committee's people: and those below), never a sister committee's; None: all."""
	from party_care.permissions import ALL, get_scope

	if get_scope() == ALL:
		return None
	return frappe.get_list("Care Fund", pluck="name", limit_page_length=0)  # the fund hooks' own scope


def current_notices() -> list[dict]:
	"""Applications whose notice is running now (emergency relief is noticed after payment), of the
	funds of the reader's committee and those above it."""
	check_can_read_notices()
	funds = readable_funds()
	if funds is not None and not funds:
		return []
	rows = running_notices(
		"Fund Application",
		PUBLIC_FIELDS,
		states=("Public Notice", "Paid"),
		filters={"care_fund": ["in", funds]} if funds is not None else None,
	)
	for row in rows:
		row["purpose_label"] = _(row["purpose"])
	from party_care.care_batches.notice import batch_notice_rows

	return rows + batch_notice_rows(funds)  # holiday money lines, same row shape


@frappe.whitelist(methods=["GET"])
def get_notices():
	return current_notices()


@frappe.whitelist(methods=["POST"])
def raise_objection(application: str, reason: str):
	"""Any member may object to an application while its notice runs; the officers are told."""
	doctype = (
		"Care Payment Line"
		if frappe.db.exists("Care Payment Line", application or "")
		else "Fund Application"
	)
	return record_objection(doctype, application, reason, lambda: {r["name"] for r in current_notices()})
