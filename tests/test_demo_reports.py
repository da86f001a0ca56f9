"""Every report's totals agree with the records, on the demo data (`party-care-demo`).

The demo commits ~300 members, funds, applications, visits, cases and nominations into the test
site; `committed` removes them at the module's end (its login users stay, as the demo keeps them)."""

import re

import frappe
import pytest
from frappe.utils import flt, getdate

from party_care import demo


@pytest.fixture(scope="module")
def demo_site(world, committed):
	frappe.set_user("Administrator")
	started = frappe.utils.now()
	lang, frappe.local.lang = frappe.local.lang, "en"  # as `bench party-care-demo` runs: in English
	try:
		demo.make_demo()
	finally:
		frappe.local.lang = lang
	frappe.db.commit()
	return frappe._dict(year=getdate().year, root=demo.COMMITTEE, started=started)


def _sum(doctype, field, filters):
	return sum(flt(v) for v in frappe.get_all(doctype, filters=filters, pluck=field))


def test_fund_movements_total_the_ledger(demo_site):
	from party_care.care_fund.ledger import get_balance
	from party_care.care_fund.report.fund_movements.fund_movements import execute

	funds = frappe.get_all(
		"Care Fund", filters={"fund_name": ["in", [f for f, _ in demo.FUNDS]]}, pluck="name"
	)
	assert len(funds) == len(demo.FUNDS), funds
	for fund in funds:
		rows = execute({"year": demo_site.year, "care_fund": fund})[1]
		assert sum(flt(r["total_in"]) for r in rows) == _sum(
			"Fund Ledger Entry", "amount_in", {"care_fund": fund, "docstatus": 1}
		)
		assert sum(flt(r["total_out"]) for r in rows) == _sum(
			"Fund Ledger Entry", "amount_out", {"care_fund": fund, "docstatus": 1}
		)
		assert rows[-1]["closing"] == get_balance(fund)


def test_fund_payments_and_assessment_total_what_was_paid(demo_site):
	from party_care.care_fund.report.fund_payments.fund_payments import execute as payments
	from party_care.organization.report.annual_care_assessment.annual_care_assessment import (
		execute as assessment,
	)

	in_demo = {"party_organization": ["descendants of (inclusive)", demo_site.root]}
	paid = _sum("Fund Application", "amount_approved", {"workflow_state": "Paid", **in_demo})
	assert paid > 0
	rows = payments({"year": demo_site.year, "party_organization": demo_site.root})[1]
	assert sum(flt(r["amount"]) for r in rows) == paid
	assert sum(r["payments"] for r in rows) == frappe.db.count(
		"Fund Application", {"workflow_state": "Paid", **in_demo}
	)
	rows = assessment({"year": demo_site.year, "party_organization": demo_site.root})[1]
	assert sum(flt(r.money_paid) for r in rows) == paid
	assert sum(r.hardship_cases for r in rows) == frappe.db.count(
		"Hardship Case", {"status": ["!=", "Closed"], **in_demo}
	)


def test_care_coverage_totals_the_visits(demo_site):
	from party_care.care_visits.report.care_coverage.care_coverage import execute

	year = demo_site.year
	rows = execute(
		{"party_organization": demo_site.root, "from_date": f"{year}-01-01", "to_date": f"{year}-12-31"}
	)[1]
	# a visit counts in the year it is due in or was done in; done, in the year it was done in
	year_range = ["between", [f"{year}-01-01", f"{year}-12-31"]]
	tree = {
		"party_organization": ["descendants of (inclusive)", demo_site.root],
		"status": ["!=", "Cancelled"],
	}
	due = set(frappe.get_all("Visit", filters={**tree, "due_date": year_range}, pluck="name"))
	done = set(
		frappe.get_all("Visit", filters={**tree, "status": "Done", "visit_date": year_range}, pluck="name")
	)
	assert sum(r.planned for r in rows) == len(due | done)
	assert sum(r.done for r in rows) == len(done)
	assert sum(r.members for r in rows) == frappe.db.count(
		"Member",
		{
			"party_organization": ["descendants of (inclusive)", demo_site.root],
			"member_status": ["in", ["Probationary", "Full"]],
		},
	)


def test_hardship_register_lists_every_case(demo_site):
	from party_care.hardship.report.hardship_register.hardship_register import execute

	_, rows, _, chart, summary = execute({"party_organization": demo_site.root})
	cases = frappe.get_all(
		"Hardship Case",
		filters={"party_organization": ["descendants of (inclusive)", demo_site.root]},
		pluck="name",
	)
	assert sorted(r.name for r in rows) == sorted(cases) and len(cases) == len(demo.HARDSHIP)
	assert summary[0]["value"] == len(cases) == sum(chart["data"]["datasets"][0]["values"])


def test_demo_secretary_sees_his_subtree_in_reports(demo_site):
	from party_care.hardship.report.hardship_register.hardship_register import execute

	frappe.set_user(f"secretary@{demo.DEMO_DOMAIN}")
	rows = execute({})[1]
	assert rows and all(r.party_organization.startswith("离退休第一党支部") for r in rows)


ENGLISH_WORDS = re.compile(r"\b(?!party_care\b)[A-Za-z]{4,}\b")


def _english(text: str) -> list[str]:
	text = re.sub(r"<[^>]+>|[\w.+-]+@[\w.-]+|https?://\S+", " ", text or "")  # markup, e-mails, links
	return ENGLISH_WORDS.findall(text)


def test_demo_writes_its_texts_in_the_sites_language(demo_site):
	"""Run from a shell in English (bench's default), the demo (a Chinese organisation) still writes what its users read —
	notifications, comments, to-dos, commendation and visit texts — in Chinese."""
	since = {"creation": [">=", demo_site.started]}
	found = {}
	for doctype, fields in (
		("Notification Log", ("subject", "email_content")),
		("Comment", ("content",)),
		("ToDo", ("description",)),
		("Commendation", ("citation", "branch_opinion", "committee_decision")),
		("Visit", ("place", "gifts", "follow_up")),
		("Fund Application", ("reason", "branch_resolution", "department_opinion", "committee_decision")),
	):
		for row in frappe.get_all(doctype, filters=since, fields=["name", *fields]):
			for f in fields:
				words = _english(row.get(f))
				if words:
					found.setdefault(f"{doctype}.{f}", set()).add(" ".join(words[:6]))
	assert not found, {k: sorted(v)[:5] for k, v in found.items()}
