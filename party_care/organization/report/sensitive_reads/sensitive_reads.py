# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Who read what (issue 19): the Sensitive Read Log for the Care Auditor, by reader, record,
kind of information, channel and period (party_care/guards/read_log.py writes it)."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from party_care.guards.read_log import readable_organizations

LOG = "Sensitive Read Log"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns() -> list[dict]:
	return [
		{"fieldname": "read_at", "label": _("Read At"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "user", "label": _("Reader"), "fieldtype": "Link", "options": "User", "width": 180},
		{"fieldname": "full_name", "label": _("Reader Name"), "fieldtype": "Data", "width": 100},
		{"fieldname": "doctype_label", "label": _("Document Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "reference_doctype", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "reference_name",
			"label": _("Record"),
			"fieldtype": "Dynamic Link",
			"options": "reference_doctype",
			"width": 140,
		},
		{
			"fieldname": "party_organization",
			"label": _("Party Organization"),
			"fieldtype": "Link",
			"options": "Party Organization",
			"width": 140,
		},
		{"fieldname": "field_group", "label": _("Information Read"), "fieldtype": "Data", "width": 100},
		{"fieldname": "record_count", "label": _("Records"), "fieldtype": "Int", "width": 70},
		{"fieldname": "channel", "label": _("Channel"), "fieldtype": "Data", "width": 90},
		{"fieldname": "ip_address", "label": _("IP Address"), "fieldtype": "Data", "width": 120},
		{"fieldname": "query", "label": _("Filtered On"), "fieldtype": "Data", "width": 200},
	]


def data(filters) -> list[dict]:
	frappe.has_permission(LOG, "read", throw=True)
	log, user = frappe.qb.DocType(LOG), frappe.qb.DocType("User")
	from_date = getdate(filters.get("from_date") or add_days(today(), -30))
	to_date = getdate(filters.get("to_date") or today())
	query = (
		frappe.qb.from_(log)
		.left_join(user)
		.on(user.name == log.user)
		.select(
			log.read_at,
			log.user,
			user.full_name,
			log.reference_doctype,
			log.reference_name,
			log.field_group,
			log.record_count,
			log.channel,
			log.ip_address,
			log.query,
			log.party_organization,
		)
		.where(log.read_at >= from_date)
		.where(log.read_at < add_days(to_date, 1))
		.orderby(log.read_at, order=frappe.qb.desc)
		.limit(5000)
	)
	for field in ("user", "reference_doctype", "reference_name", "field_group", "channel"):
		if filters.get(field):
			query = query.where(log[field] == filters.get(field))
	readable = readable_organizations(frappe.session.user)  # within the tree, as the log's list
	if readable is not None:
		query = query.where(log.party_organization.isin(readable or [""]))
	rows = query.run(as_dict=True)
	for row in rows:
		row.doctype_label = _(row.reference_doctype)  # reference_doctype stays the link's target
		row.field_group = _(row.field_group)
		row.channel = _(row.channel)
	return rows
