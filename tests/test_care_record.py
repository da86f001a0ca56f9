"""The member care record, the Batch Summary report, batch money in the yearly payments report
and on the campaign's visits."""

import frappe
import pytest
from frappe.utils import today

from tests.support.factories import make_fund
from tests.support.routes import as_user, elderly, lines, make_batch, make_standard, martyr_family
from tests.support.routes import batch_to_paid as to_paid

YEAR = frappe.utils.getdate().year


@pytest.fixture
def paid_batch(world):
	fund = make_fund("测试档案资金", opening=20000).name
	make_standard()
	m = frappe._dict(
		old=elderly(world.orgs.branch_a, full_name="档案甲"),
		martyr=martyr_family(world.orgs.branch_b, full_name="档案乙"),
	)
	campaign = frappe.get_doc(
		doctype="Visit Campaign",
		campaign_name="测试档案走访",
		occasion="Spring Festival",
		year=YEAR,
		party_organization=world.orgs.committee,
		due_date=today(),
		min_age=80,
		include_duty_martyr_family=1,
	).insert()
	from party_care.care_visits.visits import generate_campaign_visits

	generate_campaign_visits(campaign.name)
	name = make_batch(world, fund, visit_campaign=campaign.name)
	to_paid(name, world)
	return frappe._dict(fund=fund, batch=name, campaign=campaign.name, **m)


def test_care_record_lists_money_visits_and_hardship_with_yearly_totals(world, paid_batch):
	case = frappe.get_doc(
		doctype="Hardship Case",
		member=paid_batch.martyr,
		hardship_type="Illness",
		hardship_level="Serious",
		situation="患重病，家中无劳动力",
	).insert()
	from party_care.care_batches.care_record import get_care_record

	record = as_user(world.users.sec_b, get_care_record, paid_batch.martyr)
	kinds = {e["kind"] for e in record["events"]}
	assert {"Holiday Money", "Visit", "Hardship"} <= kinds
	money = next(e for e in record["events"] if e["kind"] == "Holiday Money")
	assert money["amount"] == 800 and money["name"] == paid_batch.batch
	assert record["this_year"]["amount"] == 800 and record["this_year"]["Holiday Money"] == 1
	assert record["total_amount"] == 800
	hardship = next(e for e in record["events"] if e["kind"] == "Hardship")
	assert hardship["name"] == case.name and hardship["note"] == "患重病，家中无劳动力"  # a level-1 reader


def test_care_record_is_scoped_like_the_member_and_hides_notes_below_level_one(world, paid_batch):
	from party_care.care_batches.care_record import get_care_record

	frappe.get_doc(
		doctype="Hardship Case",
		member=world.members.mem_a,
		hardship_type="Illness",
		hardship_level="General",
		situation="不应被本人以外看到的说明",
	).insert()
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.sec_b, get_care_record, paid_batch.old)  # another branch's member
	with pytest.raises(frappe.PermissionError):
		as_user(world.users.mem_a, get_care_record, paid_batch.old)
	own = as_user(world.users.mem_a, get_care_record, world.members.mem_a)  # his own record
	hardship = [e for e in own["events"] if e["kind"] == "Hardship"]
	assert hardship and all(e["note"] is None for e in hardship)  # the case's situation is level 1
	assert "不应被本人以外看到的说明" not in frappe.as_json(own)
	with pytest.raises(frappe.DoesNotExistError):
		as_user(world.users.officer, get_care_record, "PM-NOPE")


def test_campaign_visit_shows_the_money_paid(world, paid_batch):
	visit = frappe.get_doc("Visit", {"campaign": paid_batch.campaign, "member": paid_batch.old})
	assert visit.amount_paid == 500


def test_batch_summary_and_yearly_payments_count_batches(world, paid_batch):
	from party_care.care_batches.report.batch_summary import batch_summary
	from party_care.care_fund.report.fund_payments import fund_payments

	frappe.db.set_value("Care Payment Line", lines(paid_batch.batch)[0].name, "skip_reason", None)
	_columns, rows = batch_summary.execute(
		{
			"year": YEAR,
			"party_organization": frappe.db.get_value(
				"Care Payment Batch", paid_batch.batch, "party_organization"
			),
		}
	)
	by_org = {r.party_organization: r for r in rows if r.occasion in ("Spring Festival", "春节")}
	assert by_org[world.orgs.branch_a].paid == 500 and by_org[world.orgs.branch_b].paid == 800
	# a secretary sees his subtree's rows only
	_columns, rows = as_user(world.users.sec_a, batch_summary.execute, {"year": YEAR})
	assert {r.party_organization for r in rows} <= {world.orgs.branch_a, world.orgs.group_a}
	payments = fund_payments.execute({"year": YEAR, "care_fund": paid_batch.fund})[1]
	batch_rows = [
		r for r in payments if r.amount and r.payments and r.purpose.endswith(("Spring Festival", "春节"))
	]
	assert sum(r.amount for r in batch_rows) == 1300 and sum(r.payments for r in batch_rows) == 2


@pytest.mark.usefixtures("own_assets_json")
def test_care_record_prints(world, paid_batch):
	html = frappe.get_print("Member", paid_batch.martyr, "Member Care Record")
	assert "档案乙" in html and "800" in html
