"""The retention rule (issue 19): hardship cases closed and members gone longer ago than the setting
lose their sensitive fields — exactly those, once — and the money trail stays."""

import frappe
from frappe.utils import add_days, add_years, flt, today

from party_care import retention
from tests.support.factories import make_application, make_fund, make_member

LONG_AGO = add_years(today(), -10)


def _case(member, **values):
	return frappe.get_doc(
		doctype="Hardship Case",
		member=member,
		hardship_type="Illness",
		hardship_level="General",
		situation="保留期限测试：透析",
		causes="保留期限测试：病因",
		household_annual_income=8000,
		family_members=[{"family_member_name": "配偶", "relation": "配偶", "health": "保留期限测试：体弱"}],
		**values,
	).insert()


def _close(case, on):
	case.status, case.closing_reason = "Closed", "Out of Hardship"
	case.save()
	frappe.db.set_value("Hardship Case", case.name, "closing_date", on)


def _leave(member, status, on):
	doc = frappe.get_doc("Member", member)
	doc.member_status = status
	if status == "Deceased":
		doc.date_of_death = on
	doc.save()
	frappe.db.set_value("Member", member, "left_on", on)


def test_left_on_follows_the_member_status(world):
	member = make_member(world.orgs.branch_a)
	assert not member.left_on
	member.member_status, member.date_of_death = "Deceased", add_days(today(), -3)
	member.save()
	assert str(member.left_on) == add_days(today(), -3)


def test_old_closed_cases_and_gone_members_are_anonymised_and_the_money_stays(world):
	org = world.orgs.branch_a
	old_closed, recent_closed, still_open = (_case(make_member(org).name) for _ in range(3))
	_close(old_closed, LONG_AGO)
	_close(recent_closed, add_years(today(), -1))
	gone, gone_recently, active = (make_member(org).name for _ in range(3))
	fund = make_fund("保留期限测试资金", opening=3000).name
	application = make_application(gone, fund, amount=400).name
	_leave(gone, "Deceased", LONG_AGO)
	_leave(gone_recently, "Transferred Out", add_years(today(), -1))
	gone_case = _case(gone)  # a case of the member gone long ago, still open on paper
	visits = {
		m: frappe.get_doc(
			doctype="Visit",
			member=m,
			visit_reason="Routine Visit",
			due_date=today(),
			notes="保留期限测试：内部记录",
			visitors=[{"visitor": world.members.sec_a}],
		)
		.insert()
		.name
		for m in (gone, gone_recently, active)
	}
	events = {
		m: frappe.get_doc(
			doctype="Member Event",
			member=m,
			event_type="Serious Setback",
			event_date=today(),
			details="保留期限测试：事件",
		)
		.insert()
		.name
		for m in (gone, active)
	}
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": "Member",
			"docname": gone,
			"data": '{"changed": [["id_number", "x", "y"]]}',
		}
	).insert(ignore_permissions=True)
	ledger = frappe.db.sql("select count(*), sum(amount_in), sum(amount_out) from `tabFund Ledger Entry`")

	changed = retention.anonymise(add_years(today(), -5))

	anonymised_cases = {old_closed.name, gone_case.name}
	for case in (old_closed, recent_closed, still_open, gone_case):
		row = frappe.db.get_value(
			"Hardship Case",
			case.name,
			["situation", "causes", "household_annual_income", "per_capita_income", "anonymised_on"],
			as_dict=True,
		)
		family = frappe.db.count("Hardship Family Member", {"parent": case.name})
		if case.name in anonymised_cases:
			assert (
				row.situation,
				row.causes,
				flt(row.household_annual_income),
				flt(row.per_capita_income),
				family,
				str(row.anonymised_on),
			) == (None, None, 0, 0, 0, today())
		else:
			assert (
				row.situation
				and row.household_annual_income == 8000
				and family == 1
				and not row.anonymised_on
			)
	for member in (gone, gone_recently, active):
		id_number, anonymised_on = frappe.db.get_value("Member", member, ["id_number", "anonymised_on"])
		notes = frappe.db.get_value("Visit", visits[member], "notes")
		if member == gone:
			assert (id_number, str(anonymised_on), notes) == (None, today(), None)
			assert frappe.db.get_value("Member", member, "id_number_masked")  # what lists show stays
			assert frappe.db.get_value("Member Event", events[gone], "details") is None
			assert not frappe.db.exists("Version", {"ref_doctype": "Member", "docname": gone})
		else:
			assert id_number and not anonymised_on and notes
	assert frappe.db.get_value("Member Event", events[active], "details")
	# the money trail: the ledger and the application's amount and state are untouched
	assert (
		frappe.db.sql("select count(*), sum(amount_in), sum(amount_out) from `tabFund Ledger Entry`")
		== ledger
	)
	assert frappe.db.get_value("Fund Application", application, "amount_requested") == 400
	assert changed["Member"] == 1 and changed["Hardship Case"] >= 2

	# idempotent: a rerun changes nothing; an anonymised member still saves
	assert not any(retention.anonymise(add_years(today(), -5)).values())
	frappe.get_doc("Member", gone).save()


def test_the_daily_job_reads_the_setting(world, monkeypatch):
	asked = []
	monkeypatch.setattr(retention, "anonymise", lambda cut_off: asked.append(cut_off) or {})
	monkeypatch.setattr(frappe.db, "commit", lambda *a, **k: None)
	frappe.db.set_single_value("Party Care Settings", "anonymise_after_years", 0)
	retention.daily()
	assert asked == []
	frappe.db.set_single_value("Party Care Settings", "anonymise_after_years", 7)
	retention.daily()
	assert asked == [add_years(today(), -7)]
