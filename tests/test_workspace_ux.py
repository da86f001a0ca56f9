"""Issue 21, points 8 and 10: the workspace and the reviewer fields as a user meets them.

待我办理 leads to the list of what waits on him; the workspace's cards and charts come with the
boot (no document request per card before its figure); who checked, decided or paid reads as the
person's name; chart axes name organisations short, months in Chinese, large amounts in 万元."""

import frappe
import pytest

from party_care.care_fund.report.fund_movements import fund_movements
from party_care.care_visits.report.care_coverage import care_coverage
from party_care.desk import boot, charts, dashboard
from party_care.overrides import dashboard_chart
from tests.support.factories import make_application, make_fund
from tests.support.routes import as_user
from tests.support.routes import fund_act as act


@pytest.fixture
def zh():
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	yield
	frappe.local.lang = "en"
	frappe.local.lang_full_dict = None


def test_waiting_for_me_opens_the_list_of_what_waits_on_him(world):
	fund = make_fund("测试待办资金", opening=3000).name
	application = make_application(world.members.mem_a, fund, amount=600, user=world.users.mem_a).name
	act(application, "Submit", world.users.mem_a)

	card = as_user(world.users.sec_a, dashboard.documents_waiting_for_me)
	assert card["value"] >= 1
	assert card["route"] == ["List", "Fund Application"]
	assert card["route_options"]["workflow_state"] == ["in", ["Branch Review"]]
	# the list the click opens, with its filters, as he sees it: his application to review is there
	listed = as_user(
		world.users.sec_a,
		frappe.get_list,
		"Fund Application",
		filters=card["route_options"],
		pluck="name",
		limit_page_length=0,
	)
	assert application in listed
	# the member who applied has nothing waiting on him and no list to open
	assert "route" not in as_user(world.users.mem_a, dashboard.documents_waiting_for_me)


def test_the_workspace_cards_and_charts_come_with_the_boot(world):
	bootinfo = frappe._dict()
	as_user(world.users.sec_a, boot.preload_workspace_widgets, bootinfo)
	names = {(d["doctype"], d["name"]) for d in bootinfo.party_care_widgets}
	for card in ("Waiting For Me", "Fund Balance", "Overdue Visits Count", "Birthdays This Month"):
		assert ("Number Card", card) in names
	assert ("Dashboard Chart", "Visits by Status") in names
	waiting = next(d for d in bootinfo.party_care_widgets if d["name"] == "Waiting For Me")
	assert waiting["method"] == "party_care.desk.dashboard.documents_waiting_for_me"


def test_reviewers_read_as_names_not_email_addresses(world):
	from frappe.desk.form.load import get_title_values_for_link_and_dynamic_link_fields

	assert frappe.get_meta("User").show_title_field_in_link
	fund = make_fund("测试审核人资金", opening=3000).name
	doc = make_application(world.members.mem_a, fund, amount=600, user=world.users.mem_a)
	doc.db_set("decided_by", world.users.committee)
	name = frappe.db.get_value("User", world.users.committee, "full_name")
	titles = as_user(world.users.sec_a, get_title_values_for_link_and_dynamic_link_fields, doc.reload())
	assert titles[f"User::{world.users.committee}"] == name != world.users.committee
	# the printed form (Frappe's print view sets the same titles) writes the name
	from frappe.www.printview import set_link_titles

	set_link_titles(doc)
	assert doc.get_formatted("decided_by") == name


def test_chart_axes_name_organisations_short(world):
	from tests.support.world import BRANCH_A, BRANCH_B, COMMITTEE, GENERAL_BRANCH, GROUP_A

	labels = charts.short_org_labels([COMMITTEE, BRANCH_B, GROUP_A])
	assert labels == ["测试", "测试第二", "测试第一小组"]
	# a group named after its branch: what follows the branch's name
	group = frappe.get_doc(
		{
			"doctype": "Party Organization",
			"organization_name": f"{BRANCH_B}第一党小组",
			"organization_type": "Party Group",
			"parent_party_organization": BRANCH_B,
		}
	).insert()
	assert charts.short_org_labels([BRANCH_B, group.name]) == ["测试第二", "第一小组"]
	# two that would read the same keep their full names
	assert charts.short_org_labels([GENERAL_BRANCH, BRANCH_A]) == [GENERAL_BRANCH, BRANCH_A]
	# the report's chart uses them
	rows = [frappe._dict(party_organization=n, planned=1, done=1) for n in (BRANCH_B, GROUP_A)]
	assert care_coverage.chart(rows)["data"]["labels"] == ["测试第二", "测试第一小组"]


def test_short_names_keep_a_name_that_is_only_the_word():
	assert charts._short("办公室党支部") == "办公室"
	assert charts._short("机关党委") == "机关"
	assert charts._short("党支部") == "党支部"


def test_months_on_a_time_series_axis_read_in_chinese(zh):
	assert dashboard_chart.period_label("Dec 2025") == "2025年12月"
	assert dashboard_chart.period_label("Jan 2026") == "2026年1月"
	assert dashboard_chart.period_label("Quarter 4 2025") == "2025年第4季度"
	assert dashboard_chart.period_label("2025") == "2025"


def test_large_amounts_on_a_chart_are_in_wan(zh):
	values, wan = charts.in_wan([56000, 800])
	assert wan and values == [5.6, 0.08]
	assert charts.in_wan([300, 200]) == ([300, 200], False)
	rows = [frappe._dict(month=3, total_in=120000, total_out=5600)]
	chart = fund_movements.chart(rows=rows)
	incoming, outgoing = chart["data"]["datasets"]
	assert incoming["name"] == "收入（万元）" or incoming["name"].endswith("（万元）")
	assert incoming["values"][2] == 12.0 and outgoing["values"][2] == 0.56
