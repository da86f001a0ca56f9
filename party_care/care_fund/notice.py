"""Public notices (公示): what every member may read while an application is on notice, and the
objections they raise. Only name, organisation, purpose and amount are ever shown."""

import frappe
from frappe import _, bold
from frappe.utils import now_datetime

from party_care import roles
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.permissions import check_not_read_only

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


def can_read_notices(user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Guest":
		return False
	if set(frappe.get_roles(user)) & (roles.SEE_ALL | {roles.BRANCH_SECRETARY}):
		return True
	return bool(frappe.db.exists("Member", {"user": user, "member_status": ["in", ACTIVE_MEMBER_STATUSES]}))


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
	if not can_read_notices():
		frappe.throw(
			_("Only members of the organisation can read its public notices."), frappe.PermissionError
		)
	now = now_datetime()
	funds = readable_funds()
	if funds is not None and not funds:
		return []
	rows = frappe.get_all(
		"Fund Application",
		filters={
			"workflow_state": ["in", ["Public Notice", "Paid"]],
			"notice_start": ["<=", now],
			"notice_end": [">", now],
			**({"care_fund": ["in", funds]} if funds is not None else {}),
		},
		fields=list(PUBLIC_FIELDS),
		order_by="notice_end asc",
		ignore_permissions=True,
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


def record_objection(doctype: str, name: str, reason: str, running_names) -> dict:
	"""The objection rules every public notice shares: who may object, a real reason, only while
	the notice runs; the officers and the committee are told at once."""
	if not can_read_notices():
		frappe.throw(_("Only members of the organisation can raise an objection."), frappe.PermissionError)
	check_not_read_only()
	reason = (reason or "").strip()
	if len(reason) < 5:
		frappe.throw(
			_("Please state the reason for the objection (at least 5 characters)."), title=_("Missing Values")
		)
	if len(reason) > 2000:
		frappe.throw(_("The reason is too long (at most 2000 characters)."), title=_("Invalid Value"))
	if name not in running_names():
		frappe.throw(
			_("{0} is not on public notice now; objections are taken only while a notice runs.").format(
				bold(name)
			),
			title=_("Not On Notice"),
		)
	objection = frappe.get_doc(
		doctype="Notice Objection",
		reference_doctype=doctype,
		reference_name=name,
		raised_by=frappe.session.user,
		raised_on=now_datetime(),
		reason=reason,
	).insert(ignore_permissions=True)
	from party_care.notify import notify
	from party_care.permissions import committee_people

	record = frappe.get_doc(doctype, name)
	committee = notice_committee(record)
	notify(
		committee_people(committee, roles.ORGANIZATION_OFFICER)
		+ committee_people(committee, roles.COMMITTEE_MEMBER),
		_("An objection was raised to the public notice of {0}").format(name),
		record,
	)
	return {"name": objection.name}


def notice_committee(record) -> str | None:
	"""The committee whose notice it is: the fund's (an application, a batch line), the awarding one."""
	from party_care.care_fund.permissions import fund_committee

	if record.doctype == "Care Payment Line":
		return fund_committee(frappe.db.get_value("Care Payment Batch", record.batch, "care_fund"))
	if record.doctype == "Commendation":
		return record.get("awarding_organization")
	return fund_committee(record.get("care_fund"))


OBJECTION_STATUS = {
	"Open": "Being Handled",
	"Upheld": "Upheld: Sent Back to the Committee",
	"Dismissed": "Dismissed",
}
# what a member may read of the record he objected to: the notice's public fields
OBJECTED_TITLE = {
	"Fund Application": ("member_name", "purpose"),
	"Care Payment Line": ("member_name", "category"),
	"Commendation": ("recipient_name", "award_type"),
}


def objection_rows(filters: dict, with_raiser: bool = False) -> list[dict]:
	"""Objections as their readers see them: when, why, the status in words, the answer."""
	rows = frappe.get_all(
		"Notice Objection",
		filters=filters,
		fields=[
			"name",
			"reference_doctype",
			"reference_name",
			"status",
			"raised_on",
			"raised_by",
			"reason",
			"response",
		],
		order_by="raised_on desc",
		ignore_permissions=True,
	)
	for row in rows:
		row.status_label = _(OBJECTION_STATUS.get(row.status, row.status))
		row.response_label = _(row.response) if row.response else ""
		fields = [
			f
			for f in OBJECTED_TITLE.get(row.reference_doctype, ())
			if frappe.get_meta(row.reference_doctype).has_field(f)
		]
		values = (
			frappe.db.get_value(row.reference_doctype, row.reference_name, fields, as_dict=True)
			if fields
			else None
		)
		row.about = " · ".join(_(str(values[f])) for f in fields if values and values.get(f))
		if with_raiser:
			row.raised_by_name = frappe.db.get_value("User", row.raised_by, "full_name") or row.raised_by
		else:
			row.pop("raised_by")
	return rows


def my_objections(user: str | None = None) -> list[dict]:
	"""The objections a member raised, so that after a reload he sees them and their answer."""
	return objection_rows({"raised_by": user or frappe.session.user})


def objections_for(doc) -> list[dict] | None:
	"""The objections to a record, for the officers and the committee on its form (None for a
	reader who may not read objections)."""
	if not frappe.has_permission("Notice Objection", "read"):
		return None
	rows = objection_rows({"reference_doctype": doc.doctype, "reference_name": doc.name}, with_raiser=True)
	may_handle = bool(frappe.has_permission("Notice Objection", "write"))
	for row in rows:
		row.may_dismiss = may_handle and row.status == "Open"
	return rows
