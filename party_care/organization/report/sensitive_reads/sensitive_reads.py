# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Who read what (issue 19): the Sensitive Read Log for the Care Auditor, by reader, record,
kind of information, channel and period (party_care/guards/read_log.py writes it)."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from party_care.guards.read_log import readable_organizations
from party_care.reports import col, link_col, organization_col

LOG = "Sensitive Read Log"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns() -> list[dict]:
	return [
		col("read_at", _("Read At"), "Datetime", 160),
		link_col("user", _("Reader"), "User", 180),
		col("full_name", _("Reader Name"), width=100),
		col("doctype_label", _("Document Type"), width=100),
		{"fieldname": "reference_doctype", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		col("reference_name", _("Record"), "Dynamic Link", 140, "reference_doctype"),
		organization_col(140),
		col("field_group", _("Information Read"), width=100),
		col("record_count", _("Records"), "Int", 70),
		col("channel", _("Channel"), width=90),
		col("ip_address", _("IP Address"), width=120),
		col("query", _("Filtered On"), width=200),
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
