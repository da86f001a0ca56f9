"""The annual care assessment adds up the year's care work of an organisation."""

import frappe
from frappe.utils import getdate, today

from tests.support.factories import (
	make_application,
	make_case,
	make_fund,
	make_member,
	make_organization,
	make_user,
)
from tests.support.routes import branch_values, decide, end_notice
from tests.support.routes import fund_act as act


def test_annual_assessment_of_a_seeded_branch(world):
	from party_care.organization.report.annual_care_assessment.annual_care_assessment import execute

	branch = make_organization("测试考核支部", "Branch", world.orgs.committee).name
	secretary_user = make_user("assess-secretary@party-care.test", []).name
	secretary = make_member(branch, user=secretary_user).name
	org = frappe.get_doc("Party Organization", branch)
	org.secretary = secretary
	org.save()
	a, b = make_member(branch).name, make_member(branch).name
	make_case(a, helpers=[{"helper": secretary}])
	make_case(b)
	fund = make_fund("测试考核资金", opening=5000).name
	app = make_application(a, fund, amount=700, user=secretary_user).name
	act(app, "Submit", secretary_user)
	act(app, "Pass Branch Review", secretary_user, **branch_values())
	act(app, "Accept", world.users.officer, department_opinion="属实")
	decide(app, world, 600)
	end_notice("Fund Application", app)
	act(app, "Close Notice", world.users.officer)
	act(app, "Pay", world.users.officer, payment_method="Signed Receipt")
	talk = frappe.get_doc(doctype="Visit", member=b, visit_reason="Annual Talk", due_date=today()).insert()
	talk.update({"status": "Done", "visit_date": today()})
	talk.append("visitors", {"visitor": secretary})
	talk.save()

	rows = execute({"party_organization": branch, "year": getdate().year})[1]
	assert len(rows) == 1
	row = rows[0]
	assert (row.members, row.hardship_cases, row.paired, row.reviews_on_time) == (3, 2, 1, 2)
	assert (row.planned, row.done, row.talk_coverage, row.money_paid, row.honours) == (1, 1, 33.3, 600, 0)
	frappe.set_user(world.users.sec_b)
	assert execute({"party_organization": branch})[1] == []
	frappe.set_user(secretary_user)
	assert len(execute({})[1]) == 1
