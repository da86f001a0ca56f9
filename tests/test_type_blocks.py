"""Every controller of the app carries Frappe's type block, and it names the fields its DocType has
(issue 20): a newcomer reads a controller and sees its fields, and a type checker sees them too.
Regenerate with `bench --site <site> execute party_care.devtools.export_types`."""

import inspect
import re

import frappe
from frappe.model.base_document import get_controller
from frappe.types.exporter import TypeExporter, end_block, start_block

from party_care.devtools import app_doctypes

FIELD = re.compile(r"^\s+(\w+): DF\.", re.M)


def _declared(code: str) -> set[str] | None:
	if start_block not in code or end_block not in code:
		return None
	return set(FIELD.findall(code[code.index(start_block) : code.index(end_block)]))


def test_every_controller_declares_the_fields_of_its_doctype():
	doctypes = app_doctypes()
	assert len(doctypes) > 50, doctypes  # the app's DocTypes, not an empty module list
	wrong = {}
	for doctype in doctypes:
		controller = get_controller(doctype)
		assert controller.__module__.startswith("party_care."), (doctype, controller.__module__)
		meta = frappe.get_doc("DocType", doctype)
		# virtual fields (properties of the controller): Frappe 15.44 types them, later lines leave them out
		virtual = {f.fieldname for f in meta.fields if f.get("is_virtual")}
		expected = _declared(TypeExporter(meta)._generate_code()) - virtual
		with open(inspect.getfile(controller), encoding="utf-8") as f:
			declared = _declared(f.read())
		if declared is not None:
			declared -= virtual
		if declared != expected:
			wrong[doctype] = (
				"no type block"
				if declared is None
				else {"missing": sorted(expected - declared), "gone": sorted(declared - expected)}
			)
	assert not wrong, (
		f"stale type blocks (bench --site <site> execute party_care.devtools.export_types): {wrong}"
	)
