"""Rows of the Sensitive Read Log written before it named the organisation of the record read: set
from the record, set-based per DocType. A list's rows (no record) keep none, so only site-wide
readers read them (the log is read within the tree: party_care/guards/read_log.py)."""

import frappe

from party_care.guards.read_log import GROUPS, LOG


def execute():
	for doctype in GROUPS:
		if not frappe.db.table_exists(doctype) or not frappe.get_meta(doctype).has_field(
			"party_organization"
		):
			continue
		frappe.db.sql(
			f"""update `tab{LOG}` l join `tab{doctype}` r on r.name = l.reference_name
			set l.party_organization = r.party_organization
			where l.reference_doctype = %s and l.party_organization is null""",
			doctype,
		)
