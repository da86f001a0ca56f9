"""Factories for the incentive side: an assessment round, its assessments, the route's steps."""

import frappe
from frappe.utils import getdate, today

from tests.support.factories import act_on

THIS_YEAR = getdate(today()).year
ASSESSORS = "Scored by Assessors"


def make_round(world, year=THIS_YEAR, **values):
	return frappe.get_doc(
		doctype="Party Building Assessment Round",
		round_name=f"{year}年度基层党组织书记抓党建述职评议考核",
		year=year,
		party_organization=world.orgs.committee,
		**values,
	).insert()


def open_assessments(world, round_name) -> dict:
	"""{organisation: assessment} for the round, opened as the officer."""
	from party_care.incentive.assessment import make_assessments

	frappe.set_user(world.users.officer)
	try:
		make_assessments(round_name)
	finally:
		frappe.set_user("Administrator")
	return dict(
		frappe.get_all(
			"Party Building Assessment",
			filters={"assessment_round": round_name},
			fields=["party_organization", "name"],
			as_list=True,
		)
	)


def score(name, user, value: float, report="本年度抓党建工作述职报告要点"):
	"""As `user` (an officer): every assessors' indicator gets `value`; the report summary is filled."""
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Party Building Assessment", name)
		for row in doc.scores:
			if row.source == ASSESSORS:
				row.score = value
		if report and not doc.report_summary:
			doc.report_summary = report
		doc.save()
		return doc
	finally:
		frappe.set_user("Administrator")


def act(name, action, user, **values):
	return act_on("Party Building Assessment", name, action, user, **values)


def to_published(world, name, grade=None, issues="组织生活不经常，“三会一课”记录不全"):
	act(name, "Submit", world.users.officer)
	values = {"committee_meeting_date": today(), "committee_opinion": "经党委会研究评定"}
	if grade:
		values["grade"] = grade
	values["rectification_issues"] = issues
	return act(name, "Decide", world.users.committee, **values)
