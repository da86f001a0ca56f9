"""The hardship register: keeping cases in step with members, reminders, the member's own view."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import getdate, today

from party_care.care_visits.visits import nearest_secretary_user

SENSITIVE_FIELDS = ("situation", "causes", "family_members", "household_annual_income", "per_capita_income")


def on_member_update(doc, method=None):
	"""doc_events hook: a member who moves takes his cases (and their scoping) with him."""
	if not doc.has_value_changed("party_organization"):
		return
	case = frappe.qb.DocType("Hardship Case")
	frappe.qb.update(case).set(case.party_organization, doc.party_organization).where(case.member == doc.name).run()


def _remind(case_names: list[str], description: str):
	"""One ToDo per case for the secretary nearest to the member's organisation."""
	for name, org, member_name in frappe.get_all(
		"Hardship Case", filters={"name": ["in", case_names]}, fields=["name", "party_organization", "member_name"],
		as_list=True,
	):
		user = nearest_secretary_user(org)
		if user:
			assign_to(
				{"assign_to": [user], "doctype": "Hardship Case", "name": name,
					"description": description.format(member_name)},
				ignore_permissions=True,
			)


def remind(on=None) -> dict:
	"""Daily: unpaired cases and reviews past due get a to-do for the secretary — once.

	Two indexed queries find the cases; flags on the case record that the reminder went out
	(for a review: for which review date, so a new review date re-arms it)."""
	day = getdate(on or today())
	case = frappe.qb.DocType("Hardship Case")
	open_ = case.status != "Closed"
	unpaired = open_ & (case.is_unpaired == 1) & case.unpaired_reminded_on.isnull()
	overdue = open_ & (case.next_review_date < day) & (
		case.review_reminded_for.isnull() | (case.review_reminded_for != case.next_review_date)
	)
	unpaired_names = frappe.qb.from_(case).select(case.name).where(unpaired).run(pluck=True)
	overdue_names = frappe.qb.from_(case).select(case.name).where(overdue).run(pluck=True)
	_remind(unpaired_names, _("Hardship case of {0} has no helper yet: arrange one-to-one pairing"))
	_remind(overdue_names, _("Hardship case of {0} is past its review date: review it"))
	if unpaired_names:
		frappe.qb.update(case).set(case.unpaired_reminded_on, day).where(case.name.isin(unpaired_names)).run()
	if overdue_names:
		frappe.qb.update(case).set(case.review_reminded_for, case.next_review_date).where(
			case.name.isin(overdue_names)
		).run()
	return {"unpaired": len(unpaired_names), "overdue": len(overdue_names)}


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
	out = {f: doc.get(f) for f in ("name", "member", "member_name", "hardship_type", "hardship_level", "status",
		"next_review_date", "measures")}
	out.update({f: doc.get(f) for f in SENSITIVE_FIELDS if f != "family_members"})
	out["family_members"] = [
		{k: row.get(k) for k in ("family_member_name", "relation", "age", "occupation", "health", "annual_income")}
		for row in doc.family_members
	]
	out["helpers"] = [{"helper_name": h.helper_name, "agreed_measures": h.agreed_measures} for h in doc.helpers]
	return out


@frappe.whitelist(methods=["POST"])
def add_help_log(case: str, action: str):
	"""A helper records what he did for the member he is paired with (he cannot read the case)."""
	member = frappe.db.get_value("Member", {"user": frappe.session.user}, "name")
	doc = frappe.get_doc("Hardship Case", case)
	if not member or member not in {h.helper for h in doc.helpers}:
		frappe.throw(_("Only a helper paired with this member can add to the help log."), frappe.PermissionError)
	action = (action or "").strip()
	if not action:
		frappe.throw(_("Please describe what was done."), title=_("Missing Values"))
	doc.append("help_log", {"log_date": today(), "helper": member, "action": action[:2000]})
	doc.flags.ignore_permissions = True
	doc.save()
	return {"rows": len(doc.help_log)}
