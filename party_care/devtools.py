"""For the app's developers: Frappe's type blocks in every controller.

Frappe writes a block of type hints (`# begin: auto-generated types` … `# end: auto-generated
types`) into a DocType's controller when the DocType is saved in developer mode; a DocType changed
by editing its JSON keeps a stale block. `bench --site <site> execute party_care.devtools.export_types`
writes every block anew from the DocTypes as the site has them (migrate first); tests/test_type_blocks.py
fails while one is missing or stale."""

import frappe


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": "party_care"}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ["in", modules], "custom": 0}, pluck="name", order_by="name"
	)


def export_types() -> list[str]:
	"""Write the type block of every app DocType's controller; returns the DocTypes written."""
	from frappe.types.exporter import TypeExporter

	for doctype in app_doctypes():
		TypeExporter(frappe.get_doc("DocType", doctype)).export_types()
	return app_doctypes()
