"""Drive a Fund Application along its workflow as the real users would (in-process)."""

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, today

from factories import act_on


def act(name: str, action: str, user: str, **values):
	return act_on("Fund Application", name, action, user, **values)


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
