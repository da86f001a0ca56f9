"""The printed forms come out as A4 PDFs, in Chinese, with the record's data."""

import unicodedata

import frappe
import pytest
from frappe.utils import today

from tests.support.factories import make_application, make_fund
from tests.support.prints import pdf_text
from tests.support.routes import decide
from tests.support.routes import fund_to_committee as to_committee


@pytest.fixture
def application_on_notice(world):
	fund = make_fund("测试打印资金", opening=5000).name
	name = make_application(world.members.mem_a, fund, amount=900, user=world.users.mem_a).name
	to_committee(name, world)
	decide(name, world, 800)
	return name


@pytest.mark.parametrize(
	"print_format,must_show",
	[
		(
			"Fund Application Form",
			["党内关怀帮扶资金申请表", "王秀英", "支部书记（签字）", "党委书记（签字）"],
		),
		("Fund Public Notice", ["党内关怀帮扶公示", "王秀英", "公示期"]),
	],
)
def test_fund_application_prints(world, server, application_on_notice, print_format, must_show):
	frappe.local.lang = "zh"
	try:
		pdf = frappe.get_print("Fund Application", application_on_notice, print_format, as_pdf=True)
	finally:
		frappe.local.lang = "en"
	assert pdf[:4] == b"%PDF"
	text = pdf_text(pdf).replace(" ", "")
	for expected in must_show:
		assert unicodedata.normalize("NFKC", expected) in text, (expected, text[:500])


def test_public_notice_print_hides_the_reason(world, application_on_notice):
	frappe.db.set_value(
		"Fund Application", application_on_notice, "reason", "肝病晚期，家庭收入极低", update_modified=False
	)
	html = frappe.get_print("Fund Application", application_on_notice, "Fund Public Notice")
	assert "肝病" not in html and "王秀英" in html


def test_visit_record_prints(world, server):
	event = frappe.get_doc(
		doctype="Member Event",
		member=world.members.other_a,
		event_type="Special Hardship",
		event_date=today(),
	).insert()
	visit = frappe.get_doc("Visit", event.visit)
	visit.update({"status": "Done", "visit_date": today(), "place": "党员家中", "notes": "了解家庭困难情况"})
	visit.append("visitors", {"visitor": world.members.sec_a})
	visit.save()
	frappe.local.lang = "zh"
	try:
		pdf = frappe.get_print("Visit", visit.name, "Visit Record", as_pdf=True)
	finally:
		frappe.local.lang = "en"
	text = pdf_text(pdf).replace(" ", "")
	for expected in ("走访慰问（谈心谈话）记录", "赵志强", "张建国", "了解家庭困难情况"):
		assert unicodedata.normalize("NFKC", expected) in text, expected


def test_hardship_ledger_sheet_prints(world, server):
	case = frappe.get_doc(
		doctype="Hardship Case",
		member=world.members.other_a,
		hardship_type="Illness",
		hardship_level="Serious",
		situation="患慢性病需按时服药",
		household_annual_income=18000,
		family_members=[{"family_member_name": "赵小红", "relation": "女儿", "age": 30}],
		helpers=[{"helper": world.members.sec_a, "agreed_measures": "每月走访一次"}],
	).insert()
	frappe.local.lang = "zh"
	try:
		pdf = frappe.get_print("Hardship Case", case.name, "Hardship Ledger Sheet", as_pdf=True)
	finally:
		frappe.local.lang = "en"
	text = pdf_text(pdf).replace(" ", "")
	for expected in ("困难党员帮扶台账", "赵志强", "患慢性病需按时服药", "赵小红", "张建国", "每月走访一次"):
		assert unicodedata.normalize("NFKC", expected) in text, expected
