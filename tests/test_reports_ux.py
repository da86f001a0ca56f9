"""Issue 21 point 8: reports that read right — Fund Movements' total row no longer sums the
month ("月 24") or the balances, its chart's months read 1月…12月, Talks Due has a way to record
a talk from each row. Self-contained (no imports from tests/)."""

import frappe

from party_care.care_fund.report.fund_movements import fund_movements
from party_care.care_visits.report.talks_due import talks_due


def test_fund_movements_total_row_sums_only_money_moved():
	columns = {c["fieldname"]: c for c in fund_movements.columns()}
	assert "month" not in columns and columns["month_label"]["fieldtype"] == "Data"  # not summed
	assert columns["opening"].get("disable_total") and columns["closing"].get("disable_total")
	assert not columns["total_in"].get("disable_total")


def test_fund_movements_months_read_in_chinese():
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	try:
		labels = fund_movements.chart(rows=[])["data"]["labels"]
		assert labels[0] == "1月" and labels[-1] == "12月"
		assert fund_movements.month_label(None) == ""
	finally:
		frappe.local.lang = "en"
		frappe.local.lang_full_dict = None


def test_talks_due_rows_offer_recording_a_talk():
	assert "record_talk" in [c["fieldname"] for c in talks_due.columns()]
