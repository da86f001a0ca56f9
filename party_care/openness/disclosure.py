"""党务公开 — the yearly account to the members (seeds 001 第四篇 8, 002 三(二)4, 004 三(二)4: 党费
收缴、管理及使用 … 通过一定形式进行公开). Drawn from the ledger and the records, never typed: money
into the care funds by source and out by purpose, members helped per kind of care (counts only),
commendations given. No names, no amounts per person: every figure is a sum or a count over
the organisation and everything under it.

Who reads a publication (party_care/openness/permissions.py is for the letters; these hooks are
here): the officers, the committee and the auditor every one; a branch secretary the drafts and
publications of his subtree; every member, once it is published, the publications of his own
organisation and of those above it — on /my-care/disclosures and the print for the notice board.
"""

import frappe
from frappe import _

from party_care.organization import tree
from party_care.permissions import ALL, SUBTREE, get_scope, member_of_user, scope_organizations

DISCLOSURE = "Party Affairs Disclosure"


# --- the figures -----------------------------------------------------------------------------------


def bounds(party_organization: str) -> tuple[int, int, bool]:
	lft, rgt, parent = frappe.db.get_value(
		"Party Organization", party_organization, ["lft", "rgt", "parent_party_organization"]
	)
	return lft, rgt, not parent


def draw_up(doc) -> None:
	"""Fill the publication's tables from the records of its organisation's subtree and year."""
	lft, rgt, is_root = bounds(doc.party_organization)
	values = {
		"lft": lft,
		"rgt": rgt,
		"start": f"{doc.year}-01-01",
		"end": f"{doc.year}-12-31",
		"root": int(is_root),
	}
	doc.set("fund_lines", fund_lines(values))
	doc.set("care_lines", care_lines(values))
	doc.set("honour_lines", honour_lines(values))
	doc.total_in = sum(r.amount for r in doc.fund_lines if r.direction == "In")
	doc.total_out = sum(r.amount for r in doc.fund_lines if r.direction == "Out")
	doc.figures_drawn_on = frappe.utils.now_datetime()


IN_SUBTREE = """(select o.name from `tabParty Organization` o where o.lft >= %(lft)s and o.rgt <= %(rgt)s)"""


def fund_lines(v) -> list[dict]:
	"""Submitted ledger entries of the year whose organisation lies in the subtree (for the
	committee at the top also those booked to no organisation): in by entry type, out by what
	they paid — an application's purpose, a commendation's reward, holiday and allowance money."""
	rows = frappe.db.sql(
		f"""select e.care_fund, if(e.entry_type = 'Payment', 'Out', 'In') as direction,
			case
				when e.entry_type != 'Payment' then e.entry_type
				when e.reference_doctype = 'Fund Application' then ifnull(a.purpose, 'Other Payments')
				when e.reference_doctype = 'Commendation' then 'Commendation Reward'
				when e.reference_doctype = 'Care Payment Line' then 'Holiday and Allowance Care Money'
				else 'Other Payments' end as category,
			count(*) as entries, sum(e.amount) as amount
		from `tabFund Ledger Entry` e
		left join `tabFund Application` a on e.reference_doctype = 'Fund Application' and a.name = e.reference_name
		where e.docstatus = 1 and e.posting_date between %(start)s and %(end)s
			and (e.party_organization in {IN_SUBTREE} or (%(root)s and ifnull(e.party_organization, '') = ''))
		group by e.care_fund, direction, category
		order by e.care_fund, direction, category""",
		v,
		as_dict=True,
	)
	return [dict(r, amount=float(r.amount or 0)) for r in rows]


def care_lines(v) -> list[dict]:
	"""Members helped per kind of care: distinct members and times, and money where it was paid."""
	queries = {
		"Visits Done": """select count(distinct member), count(*), 0 from `tabVisit`
			where status = 'Done' and visit_type = 'Visit' and visit_date between %(start)s and %(end)s
			and party_organization in {subtree}""",
		"Heart-to-heart Talks Done": """select count(distinct member), count(*), 0 from `tabVisit`
			where status = 'Done' and visit_type = 'Talk' and visit_date between %(start)s and %(end)s
			and party_organization in {subtree}""",
		"Care Fund Assistance Paid": """select count(distinct member), count(*), ifnull(sum(amount_approved), 0)
			from `tabFund Application` where docstatus = 1 and workflow_state = 'Paid'
			and paid_on between %(start)s and %(end)s and party_organization in {subtree}""",
		"Holiday and Allowance Care Money": """select count(distinct l.member), count(*), ifnull(sum(l.amount), 0)
			from `tabCare Payment Line` l join `tabFund Ledger Entry` e on e.name = l.ledger_entry
			where l.status = 'Paid' and e.posting_date between %(start)s and %(end)s
			and l.party_organization in {subtree}""",
		"Members in the Hardship Register": """select count(distinct member), count(*), 0 from `tabHardship Case`
			where registered_on <= %(end)s and (status != 'Closed' or ifnull(closing_date, %(end)s) >= %(start)s)
			and party_organization in {subtree}""",
		"Party-Dues Relief Approved": """select count(distinct member), count(*), 0 from `tabDues Relief Application`
			where workflow_state = 'Approved' and period_from <= %(end)s and ifnull(period_to, %(end)s) >= %(start)s
			and party_organization in {subtree}""",
	}
	out = []
	for kind, sql in queries.items():
		members, times, amount = frappe.db.sql(sql.format(subtree=IN_SUBTREE), v)[0]
		out.append(
			{"kind_of_care": kind, "members": members or 0, "times": times or 0, "amount": float(amount or 0)}
		)
	return out


def honour_lines(v) -> list[dict]:
	return frappe.db.sql(
		f"""select award_type, count(*) as recipients from `tabCommendation`
		where workflow_state = 'Awarded' and year = %(year)s
			and ifnull(party_organization, recipient_organization) in {IN_SUBTREE}
		group by award_type order by award_type""",
		{**v, "year": int(v["start"][:4])},
		as_dict=True,
	)


# --- who reads ------------------------------------------------------------------------------------


def _ancestors_of_own_organization(user: str) -> str:
	return (
		"(select a.name from `tabParty Organization` a join `tabParty Organization` o "
		"on a.lft <= o.lft and a.rgt >= o.rgt join `tabMember` m on m.party_organization = o.name "
		f"where m.user = {frappe.db.escape(user)})"
	)


def _subtrees_led_by(user: str) -> str:
	"""SQL: the subtrees of the organisations the user leads (secretary) or holds a committee post in."""
	return f"({tree.under_sql(scope_organizations(user))})"


def query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return ""
	published = (
		f"(`tab{DISCLOSURE}`.`docstatus` = 1 and "
		f"`tab{DISCLOSURE}`.`party_organization` in {_ancestors_of_own_organization(user)})"
	)
	if scope == SUBTREE:
		return f"({published} or `tab{DISCLOSURE}`.`party_organization` in {_subtrees_led_by(user)})"
	return published


def in_subtree_of_user(organization: str, user: str) -> bool:
	return tree.is_under_any(organization, scope_organizations(user))


def above_own_organization(organization: str, user: str) -> bool:
	member = member_of_user(user)
	own = member and frappe.db.get_value("Member", member, "party_organization")
	if not own:
		return False
	lft, rgt = frappe.db.get_value("Party Organization", own, ["lft", "rgt"])
	a, b = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	return a <= lft and rgt <= b


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL or not doc.get("party_organization"):
		return (
			True  # the DocType's role permissions decide (a new draft: its organisation is checked on save)
		)
	if scope == SUBTREE and in_subtree_of_user(doc.party_organization, user):
		return True
	return (
		doc.docstatus == 1
		and ptype in ("read", "print", None)
		and above_own_organization(doc.party_organization, user)
	)


# --- the member's pages -----------------------------------------------------------------------------


def my_disclosures() -> list[dict]:
	return frappe.get_list(
		DISCLOSURE,
		filters={"docstatus": 1},
		fields=["name", "title", "party_organization", "year", "published_on"],
		order_by="year desc, published_on desc",
	)


def label(kind: str) -> str:
	return _(kind)
