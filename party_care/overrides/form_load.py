"""The form's load (frappe.desk.form.load): document history without the values of fields the
user may not read; what it hands over of sensitive fields is logged (party_care/guards/read_log.py)."""

import json

import frappe
from frappe import _
from frappe.desk.form import load as frappe_load

from party_care.guards import read_log
from party_care.guards.visibility import hidden_fields, hidden_tables, is_app_doctype


@frappe.whitelist()
def getdoc(doctype: str, name: str, **kwargs):  # 15.44 also took an unused `user`, 15.75 and 16 do not
	if not name:  # Frappe raises a bare Exception (a 500)
		frappe.throw(_("{0} is missing.").format(frappe.bold("name")), title=_("Invalid Request"))
	result = frappe.call(frappe_load.getdoc, doctype, name, **kwargs)
	_strip_docinfo_versions()
	for doc in frappe.response.get("docs") or []:
		read_log.note_doc(doc, "Desk Form")
	return result


@frappe.whitelist()
def get_docinfo(doctype: str, name: str, **kwargs):
	"""Over HTTP a record's docinfo is asked by its doctype and name (Frappe's `doc` is a Document,
	for its Python callers, who call Frappe's function itself: a `doc` sent over HTTP is ignored)."""
	kwargs.pop("doc", None)
	result = frappe.call(frappe_load.get_docinfo, doctype=doctype, name=name, **kwargs)
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
