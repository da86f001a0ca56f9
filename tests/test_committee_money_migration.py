"""An existing one-committee site migrates its payment batches, allowance plans and care standards
to committees with nothing changed for its users (issue 22; party_care.care_batches.patches.
batch_committee). A module of its own: the committee-money tests build committees, and in a shuffled
order they would stand while this one runs."""

import datetime

import frappe

from party_care.care_batches import batches
from party_care.care_batches.patches import batch_committee
from tests.support.factories import make_fund
from tests.support.routes import batch_act, elderly, listed, make_batch, make_share, make_standard

YEAR = frappe.utils.getdate().year


def view(user):
	return {
		doctype: listed(user, doctype)
		for doctype in ("Care Payment Batch", "Care Allowance Plan", "Care Standard", "Dues Share")
	}


def test_a_one_committee_site_migrates_its_batches_plans_and_standards_unchanged(world):
	assert not frappe.db.exists("Committee Post", {}), "a one-committee site has no committee posts"
	fund = make_fund("迁移批次资金", 20000).name
	standard = make_standard("迁移慰问标准").name
	elderly(world.orgs.branch_a)
	batch = make_batch(world, fund, standard=standard)
	plan = frappe.get_doc(
		doctype="Care Allowance Plan",
		plan_name="迁移月补助",
		party_organization=world.orgs.committee,
		care_fund=fund,
		care_standard=standard,
		frequency="Monthly",
		start_date=datetime.date(YEAR, 1, 1),
	).insert()
	share = make_share(fund, world.orgs.branch_b).name
	# as the site was before: no committee on any of them
	for doctype, name in (("Care Payment Batch", batch), ("Care Allowance Plan", plan.name)):
		frappe.db.set_value(doctype, name, "committee", None)
	frappe.db.set_value("Care Standard", standard, "committee", None)
	before = {key: view(user) for key, user in world.users.items()}

	batch_committee.execute()
	for doctype, name in (
		("Care Payment Batch", batch),
		("Care Allowance Plan", plan.name),
		("Care Standard", standard),
	):
		assert frappe.db.get_value(doctype, name, "committee") == world.orgs.committee, doctype
	assert {key: view(user) for key, user in world.users.items()} == before
	# each role still acts as before: the officer runs the batch, the committee decides
	assert before["officer"]["Care Payment Batch"] >= {batch} and share in before["sec_b"]["Dues Share"]
	assert share not in before["sec_a"]["Dues Share"] and not before["mem_b"]["Dues Share"]
	batch_act(batch, "Submit", world.users.officer)
	assert frappe.db.get_value("Care Payment Batch", batch, "workflow_state") == batches.CONFIRMATION
