"""Chinese first: every user-visible string of the app has a Simplified Chinese translation."""

import glob
import json
import os
import re

import frappe

from tests.support.translations import translations, untranslated

APP = os.path.join(os.path.dirname(__file__), "..", "party_care")
MESSAGE = re.compile(r"""(?<![\w.])_{1,2}\(\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*[,)]""")
# strings Frappe itself translates; we must not override them with our own wording
FRAPPE_OWN = {"Today", "Left", "Right", "Old Parent", "Is Group", "Tree"}


def doctype_strings() -> set[str]:
	out = set()
	for path in glob.glob(os.path.join(APP, "**", "doctype", "*", "*.json"), recursive=True):
		with open(path) as f:
			d = json.load(f)
		if d.get("doctype") != "DocType":
			continue
		out.update({d["name"], d["module"]})
		for field in d["fields"]:
			if field.get("hidden"):
				continue
			out.update(filter(None, (field.get("label"), field.get("description"))))
			if field["fieldtype"] == "Select" and field.get("options"):
				out.update(o for o in field["options"].split("\n") if o)
	return out - FRAPPE_OWN


def record_strings() -> set[str]:
	"""Names of reports, print formats and workspaces; workflow states and actions."""
	out = set()
	for kind in ("report", "print_format", "workspace", "number_card", "dashboard_chart"):
		for path in glob.glob(os.path.join(APP, "*", kind, "*", "*.json")):
			with open(path) as f:
				out.add(json.load(f)["name"])
	for path in glob.glob(os.path.join(APP, "workflow", "*.json")):
		with open(path) as f:
			d = json.load(f)
		out.update(s["state"] for s in d["states"])
		out.update(t["action"] for t in d["transitions"])
	return out


def code_strings() -> set[str]:
	out = set()
	texts = []
	for pattern in ("**/*.py", "**/*.js", "**/*.html"):
		for path in glob.glob(os.path.join(APP, pattern), recursive=True):
			if f"{os.sep}node_modules{os.sep}" in path:
				continue  # public/node_modules: Frappe's link to the app's npm packages (prettier)
			with open(path, encoding="utf-8") as f:
				texts.append(f.read())
	for path in glob.glob(os.path.join(APP, "*", "print_format", "*", "*.json")):
		with open(path) as f:
			texts.append(json.load(f).get("html") or "")
	for text in texts:
		# the string's value, as _() looks it up: an escaped quote is the quote itself
		out.update(m.group(2).replace('\\"', '"').replace("\\'", "'") for m in MESSAGE.finditer(text))
	return out - FRAPPE_OWN


def test_every_label_option_and_doctype_is_translated():
	missing = untranslated(doctype_strings() | record_strings())
	assert not missing, f"{len(missing)} labels/options without zh translation: {missing[:20]}"


def test_every_message_in_code_is_translated():
	missing = untranslated(code_strings())
	assert not missing, f"{len(missing)} messages without zh translation: {missing[:20]}"


def test_translations_keep_placeholders():
	for source, target in translations().items():
		assert sorted(re.findall(r"\{\d\}", source)) == sorted(re.findall(r"\{\d\}", target)), source


def test_roles_are_translated():
	from party_care import roles

	assert set(roles.ALL) <= set(translations())


def test_site_serves_chinese_messages(world):
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	try:
		assert frappe._("Invalid ID Number") == "身份证号码有误"
	finally:
		frappe.local.lang = "en"
		frappe.local.lang_full_dict = None
