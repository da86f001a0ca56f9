"""Composite indexes the app's reports, lists and daily jobs need at a city's scale (issue 12:
100,000 members, 1,000,000 visits). Frappe's DocType JSON declares single-column indexes only
(`search_index`); these are declared here, once, and created by `ensure_indexes()` on install
and on every migrate (idempotent: an index that exists is left alone). Each names the queries
it serves; EXPLAIN figures before and after are in the README ("Running a large organisation")."""

import frappe

INDEXES = {
	"Visit": {
		# coverage, overdue and assessment per organisation, and a secretary's subtree (org first)
		"party_organization_status_due_date": ["party_organization", "status", "due_date", "visit_date"],
		# overdue visits of the whole tree; the current month's visit counts of coverage (covering)
		"status_due_org_visit": ["status", "due_date", "party_organization", "visit_date"],
		# visits done in the current month whatever their due date (coverage: done in the period)
		"status_visit_org_due": ["status", "visit_date", "party_organization", "due_date"],
		# the daily reminder reads only the overdue visits not yet reminded: as many as match
		"status_reminded_due_date": ["status", "overdue_reminded_on", "due_date"],
		# a member's talks and visits: Talks Due, talk coverage, elderly visited (anti-joins)
		"member_type_status_date": ["member", "visit_type", "status", "visit_date"],
	},
	"Member": {
		# members per organisation and status, with the age test and the last visit of the
		# coverage report (aged 80+ visited), and the last talk (talk coverage)
		"party_organization_status_birth_visit": [
			"party_organization",
			"member_status",
			"date_of_birth",
			"last_visit_on",
		],
		"party_organization_status_talk": ["party_organization", "member_status", "last_talk_on"],
		# medal candidates and standing milestones
		"member_status_date_full_member": ["member_status", "date_full_member"],
	},
	"Fund Application": {
		# money paid per organisation and year (Fund Payments, annual assessment)
		"workflow_state_paid_on": ["workflow_state", "paid_on", "party_organization"],
	},
	"Commendation": {
		# "already awarded" anti-join of the candidate lists
		"member_award_type_state": ["member", "award_type", "workflow_state"],
		"year_party_organization": ["year", "party_organization"],
	},
}


# indexes an earlier version created, replaced by a wider one above
REPLACED = {"Visit": ["status_due_date"], "Member": ["party_organization_status_birth"]}


def ensure_indexes():
	for doctype, names in REPLACED.items():
		if frappe.db.table_exists(doctype):
			for name in names:
				if frappe.db.has_index(f"tab{doctype}", name):
					frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
	for doctype, indexes in INDEXES.items():
		if not frappe.db.table_exists(doctype):
			continue
		for name, fields in indexes.items():
			frappe.db.add_index(doctype, fields, index_name=name)
