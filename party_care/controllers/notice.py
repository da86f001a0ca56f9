"""The public notice (公示) of an approval route, written once: fund applications, commendations
and care payment batches run one after their committee's decision. It starts, runs its days,
closes only when they are over and no objection is left open, and an objection upheld sends the
record back to the committee.

A controller using it (beside ApprovalRoute) may set:
    NOTICE_LINES: (doctype, field) when objections point at the record's lines (a batch's Care
        Payment Lines, by their `batch`), not at the record itself
    UPHELD_RESPONSE: what the objector reads when his objection is upheld (None: nothing)
and overrides `objections_upheld(objections)` for what the route does with them (the lines come
off a batch, the decision is cleared). Its `on_update` calls `mark_objections_upheld()`.

Below the mixin, what every notice's readers share: who may read notices and object
(can_read_notices), which records are on notice now (running_notices, notice_running), raising an
objection (record_objection) and reading objections (objection_rows, my_objections,
objections_for). The readers of each route's notice, with the fields it shows, stay with their
module (care_fund/notice.py, honours/notice.py, care_batches/notice.py), and so do their
whitelisted endpoints."""

import frappe
from frappe import _, bold
from frappe.utils import add_days, get_datetime, now_datetime

from party_care import roles
from party_care.exceptions import NoticePeriodError
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.permissions import check_not_read_only

NOTICE = "Public Notice"


class PublicNotice:
	NOTICE_LINES: tuple[str, str] | None = None
	UPHELD_RESPONSE: str | None = None

	def start_notice(self):
		"""The notice runs the days its committee's rules say from now (Committee Rules, at the top
		Party Care Settings)."""
		from party_care.organization import rules

		days = rules.rule("notice_days", self.rules_organization())
		self.notice_start = now_datetime()
		self.notice_end = add_days(self.notice_start, days)

	def check_notice_over(self):
		"""A notice closes only after its days and with no objection left open."""
		if not self.notice_end or now_datetime() < get_datetime(self.notice_end):
			frappe.throw(
				_("The public notice runs until {0}; it cannot be closed early.").format(
					bold(self.notice_end)
				),
				NoticePeriodError,
				title=_("Notice Still Running"),
			)
		if self.open_objections():
			frappe.throw(
				_("Objections to this notice are still open; uphold or dismiss them first."),
				NoticePeriodError,
				title=_("Open Objections"),
			)

	def open_objections(self) -> list[dict]:
		return open_objections(self.doctype, self.name, self.NOTICE_LINES)

	def on_uphold_objection(self):
		"""The open objections are upheld: the route takes them (objections_upheld) and they are
		marked once the save is through Frappe's workflow check — whose condition for an
		officer's Uphold Objection may be that an objection is open."""
		objections = self.open_objections()
		if not objections:
			frappe.throw(_("There is no open objection to uphold."), title=_("No Objection"))
		self.flags.upheld_objections = [row.name for row in objections]
		self.objections_upheld(objections)

	def objections_upheld(self, objections: list[dict]):
		"""What the route does with the objections it upholds (the workflow sends it back)."""

	def mark_objections_upheld(self):
		"""From on_update: the objections upheld in this save, with who handled them."""
		names = self.flags.pop("upheld_objections", None)
		if not names:
			return
		frappe.db.set_value(
			"Notice Objection",
			{"name": ["in", names]},
			{"status": "Upheld", "handled_by": frappe.session.user},
		)
		if self.UPHELD_RESPONSE:  # the objector reads why (an answer already given stays)
			frappe.db.set_value(
				"Notice Objection",
				{"name": ["in", names], "response": ["is", "not set"]},
				"response",
				self.UPHELD_RESPONSE,
			)


def open_objections(doctype: str, name: str, lines: tuple[str, str] | None = None) -> list[dict]:
	"""The open objections to a record on notice (name, reason, what they point at): to the record
	itself, or with `lines` = (doctype, field) to its lines (the Care Payment Lines of a batch)."""
	objection = frappe.qb.DocType("Notice Objection")
	query = frappe.qb.from_(objection).select(objection.name, objection.reason, objection.reference_name)
	if lines:
		line_doctype, parent_field = lines
		line = frappe.qb.DocType(line_doctype)
		query = (
			query.join(line)
			.on(line.name == objection.reference_name)
			.where((objection.reference_doctype == line_doctype) & (line[parent_field] == name))
		)
	else:
		query = query.where((objection.reference_doctype == doctype) & (objection.reference_name == name))
	return query.where(objection.status == "Open").orderby(objection.name).run(as_dict=True)


# --- reading notices, raising and reading objections --------------------------------------------------


def can_read_notices(user: str | None = None) -> bool:
	"""Members (probationary and full), branch secretaries and those who see everything."""
	user = user or frappe.session.user
	if user == "Guest":
		return False
	if set(frappe.get_roles(user)) & (roles.SEE_ALL | {roles.BRANCH_SECRETARY}):
		return True
	return bool(frappe.db.exists("Member", {"user": user, "member_status": ["in", ACTIVE_MEMBER_STATUSES]}))


def check_can_read_notices():
	if not can_read_notices():
		frappe.throw(
			_("Only members of the organisation can read its public notices."), frappe.PermissionError
		)


def running_notices(doctype: str, fields, states=(NOTICE,), filters: dict | None = None) -> list[dict]:
	"""The records of a route whose notice runs now, soonest ending first, with only `fields` (the
	caller has checked who reads, and narrows by `filters`)."""
	now = now_datetime()
	return frappe.get_all(
		doctype,
		filters={
			"workflow_state": ["in", list(states)],
			"notice_start": ["<=", now],
			"notice_end": [">", now],
			**(filters or {}),
		},
		fields=list(fields),
		order_by="notice_end asc",
		ignore_permissions=True,
	)


def notice_running(table):
	"""The same as a query-builder condition on a route's table (for readers that join its lines)."""
	now = now_datetime()
	return (table.workflow_state == NOTICE) & (table.notice_start <= now) & (table.notice_end > now)


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
