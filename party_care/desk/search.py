"""Link pickers for the app's DocTypes (Frappe's `standard_queries` hook, see hooks.py).

Frappe's own link search shows option values as stored ("Full", "Branch", "Open"); here they
read in the user's language. The statuses a form accepts for a member are applied on the server
(STATUSES_FOR), so the picker shows no English filter text such as "Probationary, Full,Deceased".
Rows are read with `frappe.get_list`, so the same permission model applies as in every list (a
secretary finds his subtree only)."""

import frappe
from frappe import _

from party_care.organization import ACTIVE_MEMBER_STATUSES

# The members a form's picker offers (by the form's DocType); elsewhere, every status.
STATUSES_FOR = {
	"Fund Application": (*ACTIVE_MEMBER_STATUSES, "Deceased"),  # condolence money for the deceased
	"Commendation": ACTIVE_MEMBER_STATUSES,
}
SEARCHABLE = ("Data", "Link", "Select", "Small Text", "Read Only")


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def translated_search(
	doctype: str,
	txt: str,
	searchfield: str | None,
	start: int,
	page_len: int,
	filters: str | dict | list | None,
	reference_doctype: str | None = None,
	as_dict: bool = False,
):
	meta = frappe.get_meta(doctype)
	search_fields = [
		f.strip() for f in (meta.search_fields or "").split(",") if f.strip() and meta.get_field(f.strip())
	]
	title = [meta.title_field] if meta.show_title_field_in_link and meta.title_field else []
	fields = ["name", *title, *[f for f in search_fields if f not in title]]
	selects = {f for f in fields if f != "name" and meta.get_field(f).fieldtype == "Select"}

	conditions = _conditions(doctype, filters)
	if doctype == "Member" and STATUSES_FOR.get(reference_doctype):
		conditions.append(["Member", "member_status", "in", list(STATUSES_FOR[reference_doctype])])
	searchable = ["name", *[f for f in fields[1:] if meta.get_field(f).fieldtype in SEARCHABLE]]
	rows = frappe.get_list(
		doctype,
		filters=conditions,
		or_filters=[[doctype, f, "like", f"%{txt}%"] for f in searchable] if txt else None,
		fields=fields,
		order_by=f"`tab{doctype}`.`{fields[1] if len(fields) > 1 else 'name'}` asc",
		limit_start=start,
		limit_page_length=page_len,
		as_list=True,
	)
	return [
		tuple(
			_(value, context=doctype) if field in selects and value else value
			for field, value in zip(fields, row, strict=True)
		)
		for row in rows
	]


def _conditions(doctype: str, filters) -> list:
	from party_care.guards.arguments import filters_arg

	filters = filters_arg(filters, "filters", doctype)  # JSON from a REST client
	if isinstance(filters, dict):
		return [
			[doctype, key, *(value if isinstance(value, list | tuple) else ["=", value])]
			for key, value in filters.items()
		]
	return list(filters or [])
