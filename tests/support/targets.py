"""One real record of each kind an app method acts on, for the suites that call every method over
HTTP (tests/test_fuzz_http.py, tests/test_writes_http.py): a fund, a member of branch B, a commendation
of last year, a visit, a visit campaign, a hardship case, a holiday batch in Branch Confirmation with
its one line, a draft allowance plan. Each suite adds what only it needs (an application, …) and
commits."""

import frappe
from frappe.utils import add_days, getdate, today

from tests.support.factories import make_fund, make_member
from tests.support.routes import batch_act, make_batch, make_commendation, make_standard, martyr_family


def make_targets(world, tag: str, fund_name: str) -> frappe._dict:
	"""The records, named after `tag` (测试<tag>党员, …), in branch B; not committed."""
	frappe.set_user("Administrator")
	year = getdate(today()).year
	t = frappe._dict(world=world, org=world.orgs.branch_b)
	t.fund = make_fund(fund_name, opening=5000).name
	t.member = make_member(world.orgs.branch_b, full_name=f"测试{tag}党员").name
	# last year's: this year's quotas belong to the honours tests
	t.commendation = make_commendation(
		make_member(world.orgs.branch_a).name, user=world.users.sec_a, year=year - 1
	).name
	t.visit = (
		frappe.get_doc(
			doctype="Visit",
			member=t.member,
			visit_reason="Hospitalisation or Serious Illness",
			status="Planned",
			due_date=add_days(today(), 3),
		)
		.insert()
		.name
	)
	t.campaign = (
		frappe.get_doc(
			doctype="Visit Campaign",
			campaign_name=f"测试{tag}走访",
			occasion="Spring Festival",
			year=year,
			party_organization=world.orgs.branch_b,
			due_date=add_days(today(), 20),
		)
		.insert()
		.name
	)
	t.case = (
		frappe.get_doc(
			doctype="Hardship Case",
			member=t.member,
			hardship_type="Illness",
			hardship_level="General",
			situation="慢性病",
			helpers=[{"helper": world.members.mem_b}],
		)
		.insert()
		.name
	)
	# a holiday batch in Branch Confirmation with one line, and a draft allowance plan
	standard = make_standard(f"测试{tag}慰问标准").name
	t.batch_member = martyr_family(world.orgs.branch_b, full_name=f"测试{tag}烈属")
	t.batch = make_batch(world, t.fund, org=world.orgs.branch_b, occasion="Other", standard=standard)
	batch_act(t.batch, "Submit", world.users.officer)
	t.line = frappe.db.get_value("Care Payment Line", {"batch": t.batch}, "name")
	t.plan = (
		frappe.get_doc(
			doctype="Care Allowance Plan",
			plan_name=f"测试{tag}补助",
			party_organization=world.orgs.branch_b,
			care_fund=t.fund,
			care_standard=standard,
			frequency="Yearly",
			start_date=today(),
		)
		.insert()
		.name
	)
	return t
