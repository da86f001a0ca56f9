"""What every approval route of the app shares (fund applications, dues relief, commendations,
care payment batches, party-building assessments, party-affairs disclosures): Frappe's Workflow
says who may take which transition; this mixin makes sure a step carries what it must, whatever
path the change came by (action button, apply_workflow over REST, a direct write of
workflow_state or docstatus).

A controller using it sets, in its class body:
    DRAFT: the first state;  FINAL_STATES: the submitted ones (docstatus 1)
    EDITABLE: {state: {fieldnames its handlers may change in it}}
    SET_BY_CONTROLLER: fieldnames the controller (or Frappe's fetch) maintains
    STAMPS: of those, the records of who did what and when (protect_stamps)
    TRANSITIONS: {(old_state, new_state): "method name", or None for a step with nothing to check}
        — every transition of its Workflow (party_care/workflow/<doctype>.json), and only those
        (tests/test_routes_shape.py holds the two side by side)
    APPLICANT_SUBMITS: whether the applicant takes the first step out of DRAFT himself
and calls `self.validate_route()` from validate(); `validate_record(before, old_state)` is the
route's own checks of the record, run after the edits are checked and before the step's method.
A route with a public notice adds PublicNotice (party_care/controllers/notice.py).
"""

import frappe
from frappe import _, bold
from frappe.model import no_value_fields
from frappe.utils import flt, get_datetime, getdate

from party_care.exceptions import SelfApprovalError

# What Frappe itself maintains on every route (the domain's own fields each route declares).
ALWAYS_CONTROLLER_SET = {"workflow_state", "amended_from"}
# Who made the record: set by the route on insert, where the DocType has the field.
APPLIED_BY = "applied_by"


class ApprovalRoute:
	DRAFT = "Draft"
	FINAL_STATES: tuple = ()
	EDITABLE: dict = {}
	SET_BY_CONTROLLER: set = set()
	STAMPS: tuple = ()  # of SET_BY_CONTROLLER, the records of who did what and when
	TRANSITIONS: dict = {}
	APPLICANT_SUBMITS = True

	def before_discard(self):
		"""Frappe 16's discard (`frappe.desk.form.save.discard`, `Document.discard` over
		run_doc_method) cancels a draft with a bare db_set of its docstatus, for whoever may write
		it: no workflow transition, no validate. Every state of a route before its end is a draft
		(docstatus 0) — an application the committee approved and not yet paid too. Only a record
		still in its first state may be discarded; once on its way, it leaves the route only by the
		route's own transitions (Reject), with who decided and why."""
		stored = frappe.db.get_value(self.doctype, self.name, "workflow_state") or self.DRAFT
		if stored != self.DRAFT:
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
		has_applied_by = self.meta.has_field(APPLIED_BY)
		self.protect_stamps(before, (*self.STAMPS, APPLIED_BY) if has_applied_by else self.STAMPS)
		if self.is_new():
			if has_applied_by:
				self.applied_by = frappe.session.user
			self.clear_later_steps()
		if before:
			self.validate_not_own(old_state, new_state)
			self.validate_edits(before, old_state)
		self.validate_record(before, old_state)
		if old_state != new_state and (method := self.TRANSITIONS.get((old_state, new_state))):
			getattr(self, method)()

	def validate_record(self, before, old_state):
		"""The route's own checks of the record, after who may change what was checked and before
		the step's method (none by default)."""

	def controller_set(self) -> set[str]:
		"""What no one edits by hand: the route's SET_BY_CONTROLLER, Frappe's, and who applied."""
		return self.SET_BY_CONTROLLER | ALWAYS_CONTROLLER_SET | {APPLIED_BY}

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

	def validate_not_own(self, old_state, new_state):
		"""Nobody touches his own request once it has left its first state: no step, no edit. In
		the first state he may still correct it, and submit it where APPLICANT_SUBMITS."""
		user = frappe.session.user
		if user == "Administrator" or user != self.applicant_user():
			return
		if old_state == self.DRAFT and (new_state == old_state or self.APPLICANT_SUBMITS):
			return
		frappe.throw(
			_("You cannot act on your own {0}.").format(_(self.doctype)),
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
		controller_set = self.controller_set()
		allowed = self.EDITABLE.get(state, set()) | controller_set
		changed = [
			df
			for df in self.meta.fields
			if df.fieldname not in controller_set
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

	def on_return(self):
		self.require("return_reason")

	def on_reject(self):
		self.require("rejection_reason")

	def before_submit(self):
		if self.workflow_state not in self.FINAL_STATES:
			frappe.throw(
				_("A {0} is closed only through its workflow, in {1}.").format(
					_(self.doctype), bold(" / ".join(_(s) for s in self.FINAL_STATES))
				),
				title=_("Not Allowed"),
			)

	def before_cancel(self):
		frappe.throw(
			_("A {0} in {1} cannot be cancelled.").format(_(self.doctype), bold(_(self.workflow_state))),
			title=_("Not Allowed"),
		)

	def on_trash(self):
		if self.workflow_state not in (None, "", self.DRAFT):
			frappe.throw(
				_("Only a {0} in {1} can be deleted.").format(_(self.doctype), bold(_(self.DRAFT))),
				title=_("Not Allowed"),
			)


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
