"""Issue 21 point 10: the member's fund picker starts on a hardship-assistance fund, not on the
study-and-training fund that sorts first by name. Self-contained (no imports from tests/)."""

import frappe

from party_care import portal


def test_the_fund_picker_offers_hardship_assistance_first(world):
	for name, kind in (
		("测试A学习培训资金", "Study and Training"),
		("测试B困难帮扶资金", "Hardship Assistance"),
	):
		if not frappe.db.exists("Care Fund", name):
			frappe.get_doc(doctype="Care Fund", fund_name=name, fund_type=kind).insert()
	frappe.set_user(world.users.mem_a)
	try:
		kinds = [f.fund_type for f in portal.funds()]
	finally:
		frappe.set_user("Administrator")
	assert "Study and Training" in kinds and kinds[0] == "Hardship Assistance"
	assert kinds == sorted(kinds, key=lambda k: k != "Hardship Assistance")
