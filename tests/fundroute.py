"""Drive a Fund Application along its workflow as the real users would (in-process)."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime, today


def act(name: str, action: str, user: str, **values):
	"""As `user`: set the step's fields (a normal save), then take the workflow action."""
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Fund Application", name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)
	finally:
		frappe.set_user("Administrator")


def branch_values():
	return dict(branch_meeting_date=today(), branch_resolution="同意上报", votes_for=25, votes_against=1, votes_abstain=2)


def to_committee(name, w):
	act(name, "Submit", w.users.mem_a)
	act(name, "Pass Branch Review", w.users.sec_a, **branch_values())
	act(name, "Accept", w.users.officer, department_opinion="情况属实，符合条件")


def decide(name, w, amount):
	return act(
		name, "Approve", w.users.committee,
		committee_meeting_date=today(), committee_decision="研究同意", amount_approved=amount,
	)


def end_notice(name):
	"""Let the notice period run out (as if the days had passed)."""
	frappe.db.set_value(
		"Fund Application", name,
		{"notice_start": add_days(now_datetime(), -6), "notice_end": add_to_date(now_datetime(), minutes=-1)},
		update_modified=False,
	)


def to_paid(name, w, amount):
	to_committee(name, w)
	decide(name, w, amount)
	end_notice(name)
	act(name, "Close Notice", w.users.officer)
	return act(name, "Pay", w.users.officer, payment_method="Signed Receipt")
