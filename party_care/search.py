"""Link pickers for Member (Frappe's `standard_queries` hook): the status reads in the user's
language, and the statuses a form accepts are applied here, so the picker shows no English
filter text such as "Probationary, Full,Deceased". Read with `frappe.get_list`, so the same
permission model as every list applies (a secretary finds his subtree only)."""

import frappe
from frappe import _

# The members a form's picker offers (by the form's DocType); others: every status.
STATUSES_FOR = {
	"Fund Application": ("Probationary", "Full", "Deceased"),  # condolence money for the deceased
	"Commendation": ("Probationary", "Full"),
}


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def member_query(doctype, txt, searchfield, start, page_len, filters, reference_doctype=None, as_dict=False):
	conditions = []
	if isinstance(filters, dict):
		conditions = [["Member", key, *(value if isinstance(value, list) else ["=", value])] for key, value in filters.items()]
	elif isinstance(filters, list):
		conditions = list(filters)
	statuses = STATUSES_FOR.get(reference_doctype)
	if statuses:
		conditions.append(["Member", "member_status", "in", list(statuses)])
	like = f"%{txt}%"
	rows = frappe.get_list(
		"Member",
		filters=conditions,
		or_filters=[["Member", field, "like", like] for field in ("name", "full_name", "party_organization")] if txt else None,
		fields=["name", "full_name", "party_organization", "member_status"],
		order_by="full_name asc",
		limit_start=start,
		limit_page_length=page_len,
	)
	return [(r.name, r.full_name, r.party_organization, _(r.member_status)) for r in rows]
