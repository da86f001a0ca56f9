"""Figures for the workspace's custom number cards; each counts only what the viewer may see.

They only read: @frappe.read_only() sends them to the MariaDB replica when the site has one
(`read_from_replica`), like Frappe's own report and list endpoints. Counting happens in SQL
(`count(*)` through frappe.get_list, so permissions apply), never by loading names."""

import frappe
from frappe.utils import flt

from party_care.compat import count_field
from party_care.organization import ACTIVE_MEMBER_STATUSES

# The documents that wait on someone, with the workflow field that says where they are.
WORKFLOW_DOCTYPES = ("Fund Application", "Dues Relief Application", "Commendation", "Care Payment Batch")


def _states_for_roles(doctype: str, roles: set[str]) -> list[str]:
	workflow = frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1}, "name")
	if not workflow:
		return []
	return sorted(
		set(
			frappe.get_all(
				"Workflow Transition",
				filters={"parent": workflow, "allowed": ["in", list(roles)]},
				pluck="state",
			)
		)
		- {"Draft", "Nominated"}
	)


@frappe.whitelist()
@frappe.read_only()
def documents_waiting_for_me(filters=None) -> dict:
	"""Applications and nominations in a state where one of my roles takes the next step."""
	roles = set(frappe.get_roles())
	total = 0
	lists = []  # (count, doctype, filters) of each list with something waiting
	for doctype in WORKFLOW_DOCTYPES:
		if not frappe.db.exists("DocType", doctype) or not frappe.has_permission(doctype, "read"):
			continue
		states = _states_for_roles(doctype, roles)
		if not states:
			continue
		filters_ = {"workflow_state": ["in", states]}
		if frappe.get_meta(doctype).get_field("member"):
			own = frappe.db.get_value("Member", {"user": frappe.session.user}, "name")
			if own:
				filters_["member"] = ["!=", own]
		count = _count(doctype, filters_)
		total += count
		lists.append((count, -len(lists), doctype, filters_))
	result = {"value": total, "fieldtype": "Int"}
	if lists:
		# a click on the card opens the list where most waits, filtered to what waits on me
		*_most, doctype, filters_ = max(lists)
		result.update(route=["List", doctype], route_options=filters_)
	return result


@frappe.whitelist()
@frappe.read_only()
def fund_balance(filters=None) -> dict:
	"""Balance of the active care funds whose ledger the viewer reads: all of them for the whole
	site's people, his committees' (and those below) for a committee's (issue 22)."""
	from party_care.care_fund.permissions import managed_funds

	if not frappe.has_permission("Care Fund", "read"):
		return {"value": 0, "fieldtype": "Currency"}
	entry = frappe.qb.DocType("Fund Ledger Entry")
	fund = frappe.qb.DocType("Care Fund")
	from frappe.query_builder.functions import Coalesce, Sum

	condition = (entry.docstatus == 1) & (fund.is_active == 1)
	if (funds := managed_funds()) is not None:
		condition &= fund.name.isin(funds or [""])
	value = (
		frappe.qb.from_(entry)
		.join(fund)
		.on(fund.name == entry.care_fund)
		.select(Coalesce(Sum(entry.amount_in), 0) - Coalesce(Sum(entry.amount_out), 0))
		.where(condition)
		.run()[0][0]
	)
	return {"value": flt(value), "fieldtype": "Currency"}


@frappe.whitelist()
@frappe.read_only()
def political_birthdays_this_month(filters=None) -> dict:
	"""Members of my scope whose anniversary of joining falls in this month (indexed field)."""
	from frappe.utils import getdate

	month = f"{getdate().month:02d}-%"
	count = _count(
		"Member", {"joined_month_day": ["like", month], "member_status": ["in", ACTIVE_MEMBER_STATUSES]}
	)
	return {"value": count, "fieldtype": "Int"}


def _count(doctype: str, filters: dict) -> int:
	"""How many records the viewer may see (frappe.get_list applies permissions; SQL counts)."""
	rows = frappe.get_list(doctype, filters=filters, fields=[count_field()], limit_page_length=0)
	return int(rows[0].total if rows else 0)
