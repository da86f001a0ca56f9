"""What every approval route of the app shares (fund applications, dues relief): Frappe's
Workflow says who may take which transition; this mixin makes sure a step carries what it
must, whatever path the change came by (action button, apply_workflow over REST, a direct
write of workflow_state or docstatus).

A controller using it sets:
    DRAFT: the first state;  FINAL_STATES: the submitted ones (docstatus 1)
    EDITABLE: {state: {fieldnames its handlers may change in it}}
    SET_BY_CONTROLLER: fieldnames the controller itself maintains
    STAMPS: of those, the records of who did what and when (protect_stamps)
    TRANSITIONS: {(old_state, new_state): method}
and calls `self.validate_route()` from validate().
"""

import frappe
from frappe import _, bold
from frappe.model import no_value_fields
from frappe.utils import add_days, flt, get_datetime, getdate, now_datetime

from party_care.exceptions import NoticePeriodError, SelfApprovalError

ALWAYS_CONTROLLER_SET = {"workflow_state", "amended_from", "member_name", "party_organization", "applied_by"}


class ApprovalRoute:
	DRAFT = "Draft"
	FINAL_STATES: tuple = ()
	EDITABLE: dict = {}
	SET_BY_CONTROLLER: set = set()
	STAMPS: tuple = ()  # of SET_BY_CONTROLLER, the records of who did what and when
	TRANSITIONS: dict = {}

	def route_start(self) -> str:
		"""The route's first state (the Workflow's initial one)."""
		return self.DRAFT

	def before_discard(self):
		"""Frappe 16's discard (`frappe.desk.form.save.discard`, `Document.discard` over
		run_doc_method) cancels a draft with a bare db_set of its docstatus, for whoever may write
		it: no workflow transition, no validate. Every state of a route before its end is a draft
		(docstatus 0) — an application the committee approved and not yet paid too. Only a record
		still in its first state may be discarded; once on its way, it leaves the route only by the
		route's own transitions (Reject), with who decided and why."""
		stored = frappe.db.get_value(self.doctype, self.name, "workflow_state") or self.route_start()
		if stored != self.route_start():
			frappe.throw(
				_(
					"{0} {1} is already on its approval route ({2}): it cannot be discarded, only rejected on the route."
				).format(_(self.doctype), self.name, _(stored)),
				frappe.ValidationError,
				title=_("Cannot Discard"),
			)

	def check_if_latest(self):
		"""Frappe locks the record's row here (SELECT … FOR UPDATE). The member it is about is
		locked first, so every save on the route takes the two locks in one order: checks that
		count a member's other records under his lock (the yearly cap, once-only honours) queue
		on the member instead of deadlocking on each other's rows."""
		if not self.is_new() and self.meta.has_field("member"):
			lock_member(frappe.db.get_value(self.doctype, self.name, "member"))
		super().check_if_latest()

	def validate_route(self):
		before = self.get_doc_before_save()
		old_state = before.workflow_state if before else self.DRAFT
		new_state = self.workflow_state or self.DRAFT
		self.protect_stamps(before, (*self.STAMPS, "applied_by"))
		if self.is_new():
			self.applied_by = frappe.session.user
			self.clear_later_steps()
		if before:
			self.validate_not_own(old_state)
			self.validate_edits(before, old_state)
		if old_state != new_state and (handler := self.TRANSITIONS.get((old_state, new_state))):
			handler(self)

	def protect_stamps(self, before, fieldnames):
		"""Who decided, when, which ledger entry…: only the controller writes these. Whatever a
		client sent for them is replaced by the stored values (nothing, for a new record)
		before the step's handler sets them — so no one can, say, blank the decider to pay
		what he decided himself."""
		for fieldname in fieldnames:
			self.set(fieldname, before.get(fieldname) if before else None)

	def clear_later_steps(self):
		"""A new application carries only what its first state lets the applicant fill: the
		fields of later steps (meeting records, decisions, reasons) start empty."""
		later = set().union(*(fields for state, fields in self.EDITABLE.items() if state != self.DRAFT))
		for fieldname in later - self.EDITABLE.get(self.DRAFT, set()):
			self.set(fieldname, None)

	def applicant_user(self) -> str | None:
		return frappe.db.get_value("Member", self.member, "user")

	def validate_not_own(self, old_state):
		"""Nobody touches his own request once it has left Draft: no step, no edit."""
		user = frappe.session.user
		if old_state == self.DRAFT or user == "Administrator":
			return
		if user == self.applicant_user():
			frappe.throw(
				_("You cannot act on your own application."),
				SelfApprovalError,
				title=_("Self-Approval Not Allowed"),
			)

	def validate_edits(self, before, state):
		"""Each state's EDITABLE fields change only in that state, and only by the roles that
		handle the state in the shipped Workflow (see step_editors) — whoever else holds a
		write right on the DocType (a secretary on a committee step, an officer on the branch
		meeting's votes) changes nothing."""
		if not before:
			return
		allowed = self.EDITABLE.get(state, set()) | self.SET_BY_CONTROLLER | ALWAYS_CONTROLLER_SET
		changed = [
			df
			for df in self.meta.fields
			if df.fieldname not in self.SET_BY_CONTROLLER | ALWAYS_CONTROLLER_SET
			and not df.is_virtual
			and df.fieldtype not in no_value_fields
			and differs(self.get(df.fieldname), before.get(df.fieldname), df.fieldtype)
		]
		for df in changed:
			if df.fieldname not in allowed:
				frappe.throw(
					_("{0} cannot be changed while the {1} is in {2}.").format(
						bold(_(df.label)), _(self.doctype), bold(_(state))
					),
					title=_("Not Editable"),
				)
		if changed:
			self.validate_step_owner(state)

	def validate_step_owner(self, state):
		editors = step_editors(self.doctype, state)
		if frappe.session.user == "Administrator" or set(frappe.get_roles()) & (editors | {"System Manager"}):
			return
		frappe.throw(
			_("Only {0} can change {1} while it is in {2}.").format(
				bold(", ".join(_(r) for r in sorted(editors)) or _("nobody")), _(self.doctype), bold(_(state))
			),
			frappe.PermissionError,
			title=_("Not Editable"),
		)

	def before_update_after_submit(self):
		"""Fields allowed on submit (a paid application's signed receipt) belong to the final
		state's keeper too."""
		before = self.get_doc_before_save()
		if before:
			self.validate_edits(before, before.workflow_state)

	def require(self, *fieldnames):
		missing = [_(self.meta.get_label(f)) for f in fieldnames if not self.get(f)]
		if missing:
			frappe.throw(
				_("Please fill in {0} before this step.").format(bold(", ".join(missing))),
				title=_("Missing Values"),
			)

	def rules_organization(self) -> str | None:
		"""The organisation whose committee's rules (notice days, …) hold for this record
		(party_care/organization/rules.py)."""
		return self.get("party_organization")

	def start_notice(self):
		"""The public notice (公示) runs the days its committee's rules say from now (Committee
		Rules, at the top Party Care Settings)."""
		from party_care.organization import rules

		days = rules.rule("notice_days", self.rules_organization())
		self.notice_start = now_datetime()
		self.notice_end = add_days(self.notice_start, days)

	def check_notice_over(self, open_objections):
		"""A notice closes only after its days and with no objection left open."""
		if not self.notice_end or now_datetime() < get_datetime(self.notice_end):
			frappe.throw(
				_("The public notice runs until {0}; it cannot be closed early.").format(
					bold(self.notice_end)
				),
				NoticePeriodError,
				title=_("Notice Still Running"),
			)
		if open_objections:
			frappe.throw(
				_("Objections to this notice are still open; uphold or dismiss them first."),
				NoticePeriodError,
				title=_("Open Objections"),
			)

	def on_return(self):
		self.require("return_reason")

	def on_reject(self):
		self.require("rejection_reason")

	def before_submit(self):
		if self.workflow_state not in self.FINAL_STATES:
			frappe.throw(
				_("An application is closed only by payment or rejection, through its workflow."),
				title=_("Not Allowed"),
			)

	def before_cancel(self):
		frappe.throw(_("A paid or rejected application cannot be cancelled."), title=_("Not Allowed"))

	def on_trash(self):
		if self.workflow_state not in (None, "", self.DRAFT):
			frappe.throw(_("Only a draft application can be deleted."), title=_("Not Allowed"))


def differs(a, b, fieldtype) -> bool:
	"""Whether a field's value really changed (dates, numbers and empties compared as values)."""
	if fieldtype in ("Currency", "Float", "Int", "Check", "Percent"):
		return flt(a) != flt(b)
	if fieldtype == "Date":
		return (getdate(a) if a else None) != (getdate(b) if b else None)
	if fieldtype == "Datetime":
		return (get_datetime(a) if a else None) != (get_datetime(b) if b else None)
	return (a or "") != (b or "")


def lock_member(member: str | None) -> None:
	"""Hold the member's row until the transaction ends (SELECT … FOR UPDATE)."""
	if member:
		frappe.db.get_value("Member", member, "name", for_update=True)


def step_editors(doctype: str, state: str) -> set[str]:
	"""The roles that handle a state, read from the shipped Workflow: those allowed to take a
	transition out of it, and those the state names in `allow_edit` (for a final state, its
	keeper — e.g. the officer who records the signed receipt)."""
	from frappe.model.workflow import get_workflow_name

	workflow = frappe.get_cached_doc("Workflow", get_workflow_name(doctype))
	return {t.allowed for t in workflow.transitions if t.state == state} | {
		s.allow_edit for s in workflow.states if s.state == state and s.allow_edit
	}
