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

Raising and reading objections (any member, while the notice runs) is
party_care/care_fund/notice.py's `record_objection` and `objection_rows`, for every route."""

import frappe
from frappe import _, bold
from frappe.utils import add_days, get_datetime, now_datetime

from party_care.exceptions import NoticePeriodError


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
