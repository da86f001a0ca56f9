"""Build commendations and drive them along their workflow as the real users would (in-process)."""

import frappe
from frappe.utils import add_days, add_to_date, getdate, now_datetime, today

from factories import act_on

EXCELLENT_MEMBER = "Excellent Party Member"
EXCELLENT_WORKER = "Excellent Party Worker"
ADVANCED_ORGANIZATION = "Advanced Party Organization"
PLEDGE_KEEPING = "Pledge-Keeping Member"
MEDAL = "50 Years in the Party medal"
TEN_YEAR = "Ten-Year Party Worker Certificate"

THIS_YEAR = getdate(today()).year


def make_commendation(member: str | None = None, award_type: str = EXCELLENT_MEMBER, user: str | None = None,
		recipient_organization: str | None = None, year: int = THIS_YEAR, **kwargs):
	"""A nomination, created as `user` (default: the current user)."""
	previous = frappe.session.user
	if user:
		frappe.set_user(user)
	try:
		return frappe.get_doc(
			doctype="Commendation", award_type=award_type, member=member,
			recipient_organization=recipient_organization, year=year,
			citation=kwargs.pop("citation", "带头攻坚克难，事迹突出"), **kwargs,
		).insert()
	finally:
		frappe.set_user(previous)


def act(name: str, action: str, user: str, **values):
	return act_on("Commendation", name, action, user, **values)


def state(name):
	return frappe.db.get_value("Commendation", name, ["workflow_state", "docstatus"])


def recommend(name, user):
	return act(name, "Recommend", user, branch_opinion="经支部党员大会讨论，同意推荐")


def approve(name, w, user=None, **values):
	return act(name, "Approve", user or w.users.committee, committee_meeting_date=today(),
		committee_decision="党委会研究同意", **values)


def end_notice(name):
	frappe.db.set_value(
		"Commendation", name,
		{"notice_start": add_days(now_datetime(), -6), "notice_end": add_to_date(now_datetime(), minutes=-1)},
		update_modified=False,
	)


def to_notice(name, w, secretary=None, **approve_values):
	recommend(name, secretary or w.users.sec_a)
	approve(name, w, **approve_values)
	return act(name, "Publish Notice", w.users.officer)


def to_awarded(name, w, secretary=None, **approve_values):
	to_notice(name, w, secretary, **approve_values)
	end_notice(name)
	return act(name, "Award", w.users.officer)
