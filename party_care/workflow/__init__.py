"""Workflows shipped with the app, kept here as data (one JSON file per workflow) and synced
into Frappe's Workflow DocType on install and on every migrate (Frappe does not sync
Workflows from module folders).

File format (see fund_application.json):
    {"name": ..., "document_type": ..., "workflow_state_field": "workflow_state",
     "send_email_alert": 1,
     "states": [{"state": "Draft", "doc_status": 0, "allow_edit": "Party Member", "style": "Warning"}, ...],
     "transitions": [{"state": "Draft", "action": "Submit", "next_state": "Branch Review",
                      "allowed": "Branch Secretary", "allow_self_approval": 0, "condition": "..."}, ...]}
"""

import json
import os

import frappe

HERE = os.path.dirname(__file__)


def definitions() -> list[dict]:
	out = []
	for filename in sorted(os.listdir(HERE)):
		if filename.endswith(".json"):
			with open(os.path.join(HERE, filename)) as f:
				out.append(json.load(f))
	return out


def sync_all():
	for definition in definitions():
		sync(definition)


def sync(definition: dict):
	if not frappe.db.exists("DocType", definition["document_type"]):
		return
	for state in definition["states"]:
		_ensure_state(state["state"], state.get("style"))
	for transition in definition["transitions"]:
		_ensure_action(transition["action"])

	if frappe.db.exists("Workflow", definition["name"]):
		workflow = frappe.get_doc("Workflow", definition["name"])
	else:
		workflow = frappe.new_doc("Workflow")
		workflow.workflow_name = definition["name"]
	workflow.document_type = definition["document_type"]
	workflow.workflow_state_field = definition.get("workflow_state_field", "workflow_state")
	workflow.is_active = 1
	workflow.override_status = definition.get("override_status", 0)
	workflow.send_email_alert = definition.get("send_email_alert", 0)
	workflow.set(
		"states",
		[
			{
				"state": s["state"],
				"doc_status": str(s.get("doc_status", 0)),
				"allow_edit": s["allow_edit"],
				"update_field": s.get("update_field"),
				"update_value": s.get("update_value"),
				"message": s.get("message"),
			}
			for s in definition["states"]
		],
	)
	workflow.set(
		"transitions",
		[
			{
				"state": t["state"],
				"action": t["action"],
				"next_state": t["next_state"],
				"allowed": t["allowed"],
				"allow_self_approval": t.get("allow_self_approval", 0),
				"condition": t.get("condition"),
			}
			for t in definition["transitions"]
		],
	)
	workflow.flags.ignore_permissions = True
	workflow.save()


def _ensure_state(name: str, style: str | None):
	if not frappe.db.exists("Workflow State", name):
		frappe.get_doc(doctype="Workflow State", workflow_state_name=name, style=style or "").insert(
			ignore_permissions=True
		)
	elif style:
		frappe.db.set_value("Workflow State", name, "style", style, update_modified=False)


def _ensure_action(name: str):
	if not frappe.db.exists("Workflow Action Master", name):
		frappe.get_doc(doctype="Workflow Action Master", workflow_action_name=name).insert(
			ignore_permissions=True
		)
