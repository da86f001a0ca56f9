import frappe
from frappe import _
from frappe.utils import flt, fmt_money, format_date

from party_care.care_fund.notice import current_notices
from party_care.controllers.notice import can_read_notices, my_objections

no_cache = 1
# with more notices than this the groups start folded (a phone shows their titles, not 20,000 px)
OPEN_UP_TO = 12


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/notices"
		raise frappe.Redirect
	if not can_read_notices():
		raise frappe.PermissionError(_("Only members of the organisation can read its public notices."))
	# what he objected to stays marked after a reload (he need not send it again)
	mine = {}
	for o in my_objections():
		mine.setdefault(o.reference_name, o)
	for o in mine.values():
		o.said = _("You objected on {0}: {1}").format(format_date(o.raised_on), o.status_label)
	notices = current_notices()
	context.groups = group_notices(notices, mine)
	context.notice_count = len(notices)
	context.open_groups = len(notices) <= OPEN_UP_TO
	context.commendations = []
	if frappe.db.exists("DocType", "Commendation"):
		from party_care.honours.notice import current_commendation_notices

		context.commendations = [
			{
				"name": c.name,
				"objection": mine.get(c.name),
				"cells": [
					c.recipient_name,
					c.party_organization,
					c.award_label,
					c.year,
					format_date(c.notice_end),
				],
			}
			for c in current_commendation_notices()
		]
	context.title = _("Public Notices")
	context.no_breadcrumbs = True
	context.show_sidebar = False
	if frappe.db.exists("Member", {"user": frappe.session.user}):
		from party_care.portal import member_nav

		context.nav, context.path = member_nav(), "/notices"
	return context


def group_notices(notices: list[dict], mine: dict) -> list[dict]:
	"""Fund applications together, each holiday batch on its own; inside, by organisation — with
	the number of members and the total of each."""
	lines = [n.name for n in notices]  # the holiday lines among them name their batch
	batch_of = (
		dict(
			frappe.get_all(
				"Care Payment Line", filters={"name": ["in", lines]}, fields=["name", "batch"], as_list=True
			)
		)
		if lines
		else {}
	)
	titles = (
		dict(
			frappe.get_all(
				"Care Payment Batch",
				filters={"name": ["in", list(set(batch_of.values()))]},
				fields=["name", "title"],
				as_list=True,
			)
		)
		if batch_of
		else {}
	)
	groups: dict[str, dict] = {}
	for n in notices:
		batch = batch_of.get(n.name)
		key = batch or ""
		group = groups.setdefault(
			key,
			{
				"title": titles.get(batch) or batch if batch else _("Assistance from the Care Fund"),
				"orgs": {},
				"count": 0,
				"total": 0.0,
			},
		)
		org = group["orgs"].setdefault(
			n.party_organization, {"name": n.party_organization, "rows": [], "total": 0.0}
		)
		org["rows"].append(
			{
				"name": n.name,
				"objection": mine.get(n.name),
				"cells": [
					n.member_name,
					n.party_organization,
					n.purpose_label,
					fmt_money(n.amount_approved, currency="CNY"),
					format_date(n.notice_end),
				],
			}
		)
		org["total"] += flt(n.amount_approved)
		group["count"] += 1
		group["total"] += flt(n.amount_approved)
	out = []
	for group in groups.values():
		group["summary"] = _("{0} members, total {1}").format(
			group["count"], fmt_money(group["total"], currency="CNY")
		)
		group["orgs"] = sorted(group["orgs"].values(), key=lambda o: o["name"] or "")
		for org in group["orgs"]:
			org["summary"] = _("{0} members, total {1}").format(
				len(org["rows"]), fmt_money(org["total"], currency="CNY")
			)
		out.append(group)
	return out
