# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""The "what next" line on every step of an approval route (fund applications, commendations,
dues relief, holiday batches): the state, who acts in it, what is still to fill and where, and
the actions open to the reader — read from the controller's EDITABLE fields and the shipped
Workflow (controllers/approval.py step_editors), the same rules the controller enforces on save.

Sent with the form (doc_events `onload`); party_care.js shows it above the form and makes the
fields of the route that the reader may not change in this state read-only, so that a field
another role fills never looks editable."""

import frappe
from frappe import _

from party_care.controllers.approval import step_editors

REASONS = {"return_reason", "rejection_reason"}
NOT_PEOPLE = {"System Manager", "Administrator", "All", "Guest"}


def onload(doc, method=None):
	"""doc_events of the route DocTypes (onload): the guide travels in doc.__onload."""
	if not doc.is_new() and getattr(doc, "EDITABLE", None):
		doc.set_onload("route_guide", route_guide(doc))
		from party_care.controllers.notice import objections_for

		doc.set_onload("objections", objections_for(doc))


def may_edit_step(doctype: str, state: str) -> bool:
	roles = set(frappe.get_roles())
	return frappe.session.user == "Administrator" or bool(
		roles & (step_editors(doctype, state) | {"System Manager"})
	)


def route_guide(doc) -> dict:
	state = doc.get("workflow_state") or doc.DRAFT
	step_fields = sorted(set().union(*doc.EDITABLE.values()))
	mine = may_edit_step(doc.doctype, state)
	editable = sorted(doc.EDITABLE.get(state, set())) if mine else []
	editors = sorted(step_editors(doc.doctype, state) - NOT_PEOPLE)
	final = state in doc.FINAL_STATES
	actions = []
	if not final:
		from frappe.model.workflow import get_transitions

		try:
			actions = [t.action for t in get_transitions(doc)]
		except frappe.ValidationError:
			actions = []
	to_fill = [  # in the form's order
		df.fieldname
		for df in doc.meta.fields
		if df.fieldname in editable and df.fieldname not in REASONS and not doc.get(df.fieldname)
	]
	roles = "、".join(_(r) for r in editors) or _("nobody")
	quoted = lambda items: "、".join(f"“{_(i)}”" for i in items)  # noqa: E731
	if final:
		text = _("This route has ended: {0}.").format(_(state))
	elif actions and to_fill:
		text = _("Your turn ({0}): fill in {1} on the {2} tab, save, then choose {3} under Actions.").format(
			roles,
			quoted(doc.meta.get_label(f) for f in to_fill),
			quoted([tab_of(doc.meta, to_fill[0])]),
			quoted(dict.fromkeys(actions)),
		)
	elif actions:
		text = _("Your turn ({0}): choose {1} under Actions.").format(roles, quoted(dict.fromkeys(actions)))
	else:
		text = _("Waiting for {0} to act on this step.").format(roles)
	return {
		"state": state,
		"headline": _("Step: {0}.").format(_(state)) + " " + text,
		"editable": editable,
		"step_fields": step_fields,
		"final": final,
	}


def tab_of(meta, fieldname: str) -> str:
	tab = None
	for df in meta.fields:
		if df.fieldtype == "Tab Break":
			tab = df.label
		if df.fieldname == fieldname:
			return tab or meta.name
	return meta.name
