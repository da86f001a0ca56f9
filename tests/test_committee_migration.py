"""An existing one-committee site migrates to committees with nothing changed for its users (issue 22):
no committee post, so every officer, committee member and auditor still reads everything; every fund
becomes the root committee's (party_care.care_fund.patches.fund_committee); each role's view of the
records, before and after, is the same."""

import frappe

from party_care.care_fund.patches import fund_committee
from party_care.permissions import ALL, SELF, SUBTREE, get_scope
from tests.support.factories import make_application, make_fund
from tests.support.routes import fund_to_committee

DOCTYPES = (
	"Member",
	"Party Organization",
	"Care Fund",
	"Fund Application",
	"Fund Ledger Entry",
	"Hardship Case",
)


def view(user) -> dict:
	from party_care.care_fund.notice import current_notices

	frappe.set_user(user)
	try:
		seen = {"scope": get_scope(user)}
		for doctype in DOCTYPES:
			try:
				seen[doctype] = sorted(frappe.get_list(doctype, pluck="name", limit_page_length=0))
			except frappe.PermissionError:
				seen[doctype] = "refused"
		try:
			seen["notices"] = sorted(n["name"] for n in current_notices())
		except frappe.PermissionError:
			seen["notices"] = "refused"
		return seen
	finally:
		frappe.set_user("Administrator")


def test_a_one_committee_site_keeps_every_roles_view_after_migrating(world):
	fund = make_fund("迁移测试资金", 3000).name
	application = make_application(world.members.mem_a, fund, amount=600, user=world.users.mem_a).name
	fund_to_committee(application, world)
	# as the site was before: a fund without a committee
	frappe.db.set_value("Care Fund", fund, "committee", None)
	assert not frappe.db.exists("Committee Post", {})
	before = {key: view(user) for key, user in world.users.items()}

	fund_committee.execute()
	from party_care.install import after_migrate

	after_migrate()
	assert frappe.db.get_value("Care Fund", fund, "committee") == world.orgs.committee
	after = {key: view(user) for key, user in world.users.items()}
	assert after == before
	# what each role saw is what it saw before committees: everything for the committee's people
	for key in ("officer", "committee", "auditor"):
		assert after[key]["scope"] == ALL and fund in after[key]["Care Fund"]
		assert application in after[key]["Fund Application"]
	assert after["sec_b"]["scope"] == SUBTREE and application not in after["sec_b"]["Fund Application"]
	assert after["mem_b"]["scope"] == SELF and fund in after["mem_b"]["Care Fund"]
