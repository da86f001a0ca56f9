"""What a user may read of the app's DocTypes, field by field: the one answer every guard and
override asks (which DocTypes are the app's, which fields and table fields a user may not read
at their permlevel)."""

import frappe


def is_app_doctype(doctype) -> bool:
	"""Whether `doctype` (any value a client may send) names one of the app's DocTypes."""
	if not doctype or not isinstance(doctype, str):
		return False
	cache = getattr(frappe.local, "party_care_app_doctypes", None)
	if cache is None:
		cache = frappe.local.party_care_app_doctypes = {}
	if doctype not in cache:
		# no while asking: the lookup is itself a query (on DocType), which the list guard looks at
		cache[doctype] = False
		module = frappe.db.get_value("DocType", doctype, "module")
		if not module:  # not (yet) a DocType: asked again once it exists
			del cache[doctype]
			return False
		cache[doctype] = frappe.local.module_app.get(frappe.scrub(module)) == "party_care"
	return cache[doctype]


def is_app_record(doctype, name) -> bool:
	return bool(name) and is_app_doctype(doctype)


def hidden_fields(doctype: str, parenttype: str | None = None, user: str | None = None) -> set[str]:
	"""Fields of `doctype` holding values that `user` may not read (permlevels he lacks).
	A child table's fields are hidden unless the user may read one of the parent's table
	fields for it at its level."""
	meta = frappe.get_meta(doctype)
	with_value = {df.fieldname: df for df in meta.get_fieldnames_with_value(with_field_meta=True)}
	if meta.istable:
		if not parenttype:
			return set(with_value)
		parent_meta = frappe.get_meta(parenttype)
		levels = set(parent_meta.get_permlevel_access("read", user=user))
		if not readable_table_fields(parenttype, doctype, levels):
			return set(with_value)
	else:
		levels = set(meta.get_permlevel_access("read", user=user))
	return {name for name, df in with_value.items() if df.permlevel not in levels}


def hidden_tables(doctype: str, user: str | None = None) -> set[str]:
	"""Table fields of `doctype` on a permlevel `user` may not read."""
	meta = frappe.get_meta(doctype)
	levels = set(meta.get_permlevel_access("read", user=user))
	return {df.fieldname for df in meta.get_table_fields() if df.permlevel not in levels}


def readable_table_fields(parenttype: str, child: str, levels: set[int]) -> list[str]:
	return [
		df.fieldname
		for df in frappe.get_meta(parenttype).get_table_fields()
		if df.options == child and df.permlevel in levels
	]


def before_print(doc, method=None, *args, **kwargs) -> None:
	"""doc_events "*" before_print: a print format's Jinja reads the document's fields directly
	(`doc.notes`), past Frappe's own permlevel check of its standard layout — so the values the
	reader may not read are blanked before any format renders."""
	if is_app_doctype(doc.doctype):
		doc.apply_fieldlevel_read_permissions()
