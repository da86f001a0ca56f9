"""The form's load (frappe.desk.form.load): document history without the values of fields the
user may not read; what it hands over of sensitive fields is logged (party_care/guards/read_log.py)."""

import json

import frappe
from frappe.desk.form import load as frappe_load

from party_care.guards import read_log
from party_care.guards.visibility import hidden_fields, hidden_tables, is_app_doctype


@frappe.whitelist()
def getdoc(doctype, name, user=None):  # `user`: Frappe 15.44's signature; 15.75 dropped it (unused)
	result = frappe_load.getdoc(doctype, name)
	_strip_docinfo_versions()
	for doc in frappe.response.get("docs") or []:
		read_log.note_doc(doc, "Desk Form")
	return result


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	result = frappe_load.get_docinfo(doc, doctype, name)
	_strip_docinfo_versions()
	return result


def _strip_docinfo_versions():
	docinfo = frappe.response.get("docinfo")
	if docinfo and is_app_doctype(docinfo.get("doctype")):
		docinfo["versions"] = strip_versions(docinfo["doctype"], docinfo.get("versions") or [])
		read_log.note_versions(docinfo["doctype"], docinfo.get("name"), docinfo["versions"])


def strip_versions(doctype: str, versions: list[dict]) -> list[dict]:
	"""Version entries with the values of fields (and table rows) the user may not read taken out;
	an entry left with no change is dropped."""
	hidden, tables = hidden_fields(doctype), hidden_tables(doctype)
	kept = []
	for version in versions:
		try:
			data = json.loads(version.get("data") or "{}")
		except ValueError:
			continue
		data["changed"] = [c for c in data.get("changed") or [] if c[0] not in hidden]
		for key in ("added", "removed", "row_changed"):
			data[key] = [row for row in data.get(key) or [] if row[0] not in tables]
		if any(data.get(k) for k in ("changed", "added", "removed", "row_changed", "creation", "comment")):
			kept.append({**version, "data": json.dumps(data)})
	return kept
