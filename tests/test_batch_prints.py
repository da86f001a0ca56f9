"""The batch's printed roster (签领表) and notice list: A4 PDFs in Chinese, with totals per branch."""

import re
import unicodedata

import frappe
import pytest

from tests.support.factories import make_fund
from tests.support.prints import pdf_text
from tests.support.routes import batch_approve as approve
from tests.support.routes import batch_to_committee as to_committee
from tests.support.routes import elderly, make_batch, make_standard, martyr_family

pytestmark = pytest.mark.usefixtures("own_assets_json")


def _print(name, print_format):
	frappe.local.lang = "zh"
	try:
		return frappe.get_print("Care Payment Batch", name, print_format, as_pdf=True)
	finally:
		frappe.local.lang = "en"


def test_roster_pdf_has_chinese_text_and_totals_per_branch(world, server):
	fund = make_fund("测试签领资金", opening=10000).name
	make_standard()
	elderly(world.orgs.branch_a, full_name="签领甲")
	martyr_family(world.orgs.branch_b, full_name="签领乙")
	martyr_family(world.orgs.branch_b, full_name="签领丙")
	name = make_batch(world, fund)
	# while the branches confirm (issue 21), the roster says so instead of listing members to sign
	html = frappe.get_print("Care Payment Batch", name, "Care Payment Roster")
	assert "not-ready" in html and "签领甲" not in html
	to_committee(name, world)
	approve(name, world)
	# the header row repeats on every page; the footer numbers the pages (wkhtmltopdf with patched
	# Qt, as Frappe recommends, fills in the numbers; Debian's build leaves the footer out)
	html = frappe.get_print("Care Payment Batch", name, "Care Payment Roster")
	assert 'id="footer-html"' in html and '<span class="topage"></span>' in html
	assert "table-header-group" in html
	pdf = _print(name, "Care Payment Roster")
	assert pdf[:4] == b"%PDF"
	text = re.sub(r"\s", "", pdf_text(pdf))
	for expected in (
		"慰问金签领表",
		"签领甲",
		"签领乙",
		"签名",
		"测试第二党支部小计：2人",
		"1,600",
		"合计：3人",
		"2,100",
		"状态",
	):
		assert unicodedata.normalize("NFKC", expected) in text, (expected, text[:800])


def test_notice_list_shows_only_name_organization_category_amount(world, server):
	fund = make_fund("测试签领资金", opening=10000).name
	make_standard()
	martyr_family(world.orgs.branch_b, full_name="公示乙")
	name = make_batch(world, fund)
	frappe.db.set_value("Member", {"full_name": "公示乙"}, "phone", "13800138000")
	to_committee(name, world)
	approve(name, world)
	html = frappe.get_print("Care Payment Batch", name, "Care Payment Notice List")
	assert "公示乙" in html and "烈属" in html
	id_number = frappe.db.get_value("Member", {"full_name": "公示乙"}, "id_number")
	assert id_number not in html and "13800138000" not in html
	text = re.sub(r"\s", "", pdf_text(_print(name, "Care Payment Notice List")))
	assert unicodedata.normalize("NFKC", "节日慰问金发放公示") in text and "公示期" in text
