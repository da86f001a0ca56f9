"""The hardship register: keeping cases in step with members, reminders, the member's own view."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import getdate, today

from party_care.guards import read_log
from party_care.guards.side_writes import as_the_app
from party_care.permissions import check_not_read_only

SENSITIVE_FIELDS = ("situation", "causes", "family_members", "household_annual_income", "per_capita_income")


def on_member_update(doc, method=None):
	"""doc_events hook: a member who moves takes his cases (and their scoping) with him."""
	if not doc.get_doc_before_save() or not doc.has_value_changed("party_organization"):
		return  # a new member has no cases yet
	case = frappe.qb.DocType("Hardship Case")
	frappe.qb.update(case).set(case.party_organization, doc.party_organization).where(
		case.member == doc.name
	).run()


def nearest_secretaries(organizations: set[str]) -> dict[str, str]:
	"""{organisation: user of its secretary, or of the nearest secretary above it}, in one query.

	The nearest secretary is the one who runs the branch day to day; the committee's secretary
	is not sent every branch's reminders (the Hardship Register report shows him all of them)."""
	if not organizations:
		return {}
	org = frappe.qb.DocType("Party Organization")
	above = frappe.qb.DocType("Party Organization").as_("above")
	member = frappe.qb.DocType("Member")
	rows = (
		frappe.qb.from_(org)
		.join(above)
		.on((above.lft <= org.lft) & (above.rgt >= org.rgt))
		.join(member)
		.on(member.name == above.secretary)
		.select(org.name, member.user)
		.where(org.name.isin(list(organizations)) & member.user.isnotnull() & (member.user != ""))
		.orderby(above.lft)
		.run()
	)
	return dict(rows)  # ordered from the top down: the nearest secretary is the last one kept


def cases_needing_attention(day) -> list[dict]:
	"""Open cases still without a helper, or past their review date, not yet reminded of it.
	One query on the indexed status, is_unpaired and next_review_date."""
	case = frappe.qb.DocType("Hardship Case")
	unpaired = (case.is_unpaired == 1) & case.unpaired_reminded_on.isnull()
	overdue = (case.next_review_date < day) & (
		case.review_reminded_for.isnull() | (case.review_reminded_for != case.next_review_date)
	)
	rows = (
		frappe.qb.from_(case)
		.select(
			case.name,
			case.party_organization,
			case.member_name,
			case.is_unpaired,
			case.unpaired_reminded_on,
			case.next_review_date,
			case.review_reminded_for,
		)
		.where((case.status != "Closed") & (unpaired | overdue))
		.run(as_dict=True)
	)
	for row in rows:
		row.unpaired = bool(row.is_unpaired and not row.unpaired_reminded_on)
		row.overdue = bool(
			row.next_review_date
			and getdate(row.next_review_date) < day
			and row.review_reminded_for != row.next_review_date
		)
	return rows


def _assign(case: dict, user: str | None, description: str):
	if user:
		with as_the_app():
			assign_to(
				{
					"assign_to": [user],
					"doctype": "Hardship Case",
					"name": case.name,
					"description": description.format(case.member_name),
				},
				ignore_permissions=True,
			)


def remind(on=None) -> dict:
	"""Daily: unpaired cases and reviews past due get a to-do for the secretary — once.

	Flags on the case record that the reminder went out (for a review: for which review date,
	so a new review date re-arms it; pairing the case re-arms the unpaired one)."""
	day = getdate(on or today())
	rows = cases_needing_attention(day)
	secretaries = nearest_secretaries({r.party_organization for r in rows if r.party_organization})
	unpaired = [r for r in rows if r.unpaired]
	overdue = [r for r in rows if r.overdue]
	for row in unpaired:
		_assign(
			row,
			secretaries.get(row.party_organization),
			_("Hardship case of {0} has no helper yet: arrange one-to-one pairing"),
		)
	for row in overdue:
		_assign(
			row,
			secretaries.get(row.party_organization),
			_("Hardship case of {0} is past its review date: review it"),
		)
	case = frappe.qb.DocType("Hardship Case")
	if unpaired:
		frappe.qb.update(case).set(case.unpaired_reminded_on, day).where(
			case.name.isin([r.name for r in unpaired])
		).run()
	if overdue:
		frappe.qb.update(case).set(case.review_reminded_for, case.next_review_date).where(
			case.name.isin([r.name for r in overdue])
		).run()
	return {"unpaired": len(unpaired), "overdue": len(overdue)}


def daily():
	remind()


@frappe.whitelist()
def get_my_case():
	"""A member reads his own case in full, sensitive details included; nobody else's."""
	member = frappe.db.get_value("Member", {"user": frappe.session.user}, "name")
	if not member:
		return None
	name = frappe.db.get_value("Hardship Case", {"member": member, "status": ["!=", "Closed"]}, "name")
	if not name:
		return None
	doc = frappe.get_doc("Hardship Case", name)
	out = {
		f: doc.get(f)
		for f in (
			"name",
			"member",
			"member_name",
			"hardship_type",
			"hardship_level",
			"status",
			"next_review_date",
			"measures",
		)
	}
	out.update({f: doc.get(f) for f in SENSITIVE_FIELDS if f != "family_members"})
	out["family_members"] = [
		{
			k: row.get(k)
			for k in ("family_member_name", "relation", "age", "occupation", "health", "annual_income")
		}
		for row in doc.family_members
	]
	out["helpers"] = [
		{"helper_name": h.helper_name, "agreed_measures": h.agreed_measures} for h in doc.helpers
	]
	# his own, and still a read of sensitive information: logged as every other (issue 19)
	read_log.note_doc({**out, "doctype": "Hardship Case"}, "REST API")
	return out


@frappe.whitelist(methods=["POST"])
def add_help_log(case: str, action: str):
	"""A helper records what he did for the member he is paired with (he cannot read the case)."""
	check_not_read_only()
	member = frappe.db.get_value("Member", {"user": frappe.session.user}, "name")
	doc = frappe.get_doc("Hardship Case", case)
	if not member or member not in {h.helper for h in doc.helpers}:
		frappe.throw(
			_("Only a helper paired with this member can add to the help log."), frappe.PermissionError
		)
	action = (action or "").strip()
	if not action:
		frappe.throw(_("Please describe what was done."), title=_("Missing Values"))
	doc.append("help_log", {"log_date": today(), "helper": member, "action": action[:2000]})
	doc.flags.ignore_permissions = True
	doc.save()
	return {"rows": len(doc.help_log)}
