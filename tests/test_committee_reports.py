"""Reports follow the tree (issue 22): every report, number card and chart a committee's officer
reads covers exactly his committee's subtree; the upper committee's officer reads both, and one line
per committee (汇总层级: 党委) whose figures are the committees' own runs, each line drilling down to
the report filtered to it; the annual care assessment ranks the committees."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, flt, getdate, today

from tests.support.factories import make_application, make_case, make_fund, make_member
from tests.support.routes import branch_values, end_notice, fund_act, make_commendation
from tests.support.world import build_committees

YEAR = getdate().year

# the committee's people each read some reports (the report's roles): the first of these who may
ROLE_ORDER = ("officer", "auditor", "committee")

# reports whose rows name no organisation a committee could be scoped by
NOT_BY_TREE = {
	# the read log names a reader and a record (or a list's filters), no organisation: scoping it by
	# the tree is the read log's own work (issue 19), not a report's
	"Sensitive Reads",
}


@pytest.fixture(scope="module")
def two(committed):
	"""Two committees under a work committee, with the year's care work in both — more in 甲."""
	c = build_committees(committed)
	frappe.set_user("Administrator")
	this_month = getdate()
	c.funds, c.paid, c.waiting = frappe._dict(), frappe._dict(), frappe._dict()
	for prefix, branch, cases, visits, amount in (
		("c1", c.orgs.b1, 2, 3, 800),
		("c2", c.orgs.b2, 1, 1, 500),
	):
		# an elderly member who joined this month in an earlier year (birthday card)
		elderly = make_member(
			branch,
			date_of_birth=datetime.date(1938, 5, 1),
			date_joined=datetime.date(1962, this_month.month, 1),
			date_full_member=datetime.date(1963, this_month.month, 1),
		).name
		members = [c.members[f"{prefix}_mem"], c.members[f"{prefix}_other"], elderly]
		for i in range(cases):
			make_case(members[i], helpers=[{"helper": c.members[f"{prefix}_sec"]}] if i else [])
		for i in range(visits):
			visit = frappe.get_doc(
				doctype="Visit",
				member=members[i % len(members)],
				visit_reason="Routine Visit",
				due_date=add_days(today(), -3 - i),
			).insert()
			if i % 2 == 0:  # every other one done, the rest overdue
				visit.update({"status": "Done", "visit_date": today()})
				visit.append("visitors", {"visitor": c.members[f"{prefix}_sec"]})
				visit.save()
		c.funds[prefix] = make_fund(f"{prefix}报表帮扶资金", 5000, committee=c.orgs[prefix]).name
		c.paid[prefix] = amount
		name = _to_department(c, prefix, c.funds[prefix])
		fund_act(name, "Accept", c.users[f"{prefix}_officer"], department_opinion="情况属实")
		fund_act(
			name,
			"Approve",
			c.users[f"{prefix}_committee"],
			committee_meeting_date=today(),
			committee_decision="研究同意",
			amount_approved=amount,
		)
		end_notice("Fund Application", name)
		fund_act(name, "Close Notice", c.users[f"{prefix}_officer"])
		fund_act(name, "Pay", c.users[f"{prefix}_officer"], payment_method="Signed Receipt")
		c.waiting[prefix] = _to_department(c, prefix, c.funds[prefix])  # waits for the officer
		for i in range(cases):
			make_commendation(members[i], user=c.users[f"{prefix}_sec"])
		frappe.get_doc(
			doctype="Volunteer Service",
			member=c.members[f"{prefix}_mem"],
			service_date=today(),
			hours=visits,
			service="探望",
		).insert()
	frappe.db.commit()
	return c


def _to_department(c, prefix, fund):
	name = make_application(c.members[f"{prefix}_mem"], fund, amount=800, user=c.users[f"{prefix}_sec"]).name
	fund_act(name, "Submit", c.users[f"{prefix}_sec"])
	fund_act(name, "Pass Branch Review", c.users[f"{prefix}_sec"], **branch_values())
	return name


def under(org) -> set[str]:
	return set(
		frappe.get_all(
			"Party Organization", filters={"name": ["descendants of (inclusive)", org]}, pluck="name"
		)
	)


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def run(user, report, **filters):
	"""The report as the desk runs it for `user` (its roles checked), rows without the total row."""
	from frappe.desk.query_report import run as run_report

	result = as_user(user, run_report, report, filters=filters, ignore_prepared_report=True)
	rows = [frappe._dict(r) for r in result["result"] if isinstance(r, dict)]
	return [r for r in rows if not r.get("is_total_row")]


# --- every report and card of a committee covers its subtree -------------------------------------------


def app_reports() -> list[frappe._dict]:
	modules = frappe.get_module_list("party_care")
	return frappe.get_all(
		"Report",
		filters={"module": ["in", modules], "is_standard": "Yes", "disabled": 0},
		fields=["name", "report_type"],
		order_by="name",
	)


def reader(two, prefix, report) -> str:
	allowed = set(
		frappe.get_all("Has Role", filters={"parent": report, "parenttype": "Report"}, pluck="role")
	)
	for key in ROLE_ORDER:
		user = two.users[f"{prefix}_{key}"]
		if allowed & set(frappe.get_roles(user)):
			return user
	raise AssertionError(f"no committee role reads {report}")


def organizations_of(rows) -> set[str]:
	"""The organisations a report's rows are about: their own, their member's, their fund's committee."""
	orgs = {r.party_organization for r in rows if r.get("party_organization")}
	members = {r.member for r in rows if r.get("member")}
	if members:
		orgs |= set(
			frappe.get_all("Member", filters={"name": ["in", list(members)]}, pluck="party_organization")
		)
	funds = {r.care_fund for r in rows if r.get("care_fund")}
	if funds:
		orgs |= set(frappe.get_all("Care Fund", filters={"name": ["in", list(funds)]}, pluck="committee"))
	return orgs


def default_filters(report) -> dict:
	return {"year": YEAR, "from_date": f"{YEAR}-01-01", "to_date": f"{YEAR}-12-31"}


def test_every_report_of_a_committee_covers_its_subtree_and_the_upper_committee_both(two):
	reports = [r.name for r in app_reports() if r.report_type in ("Script Report", "Query Report")]
	assert {"Care Coverage", "Annual Care Assessment", "Fund Movements", "Hardship Register"} <= set(reports)
	c1, c2 = under(two.orgs.c1), under(two.orgs.c2)
	seen_rows = set()
	for report in reports:
		if report in NOT_BY_TREE or not frappe.db.exists("Report", report):
			continue
		if report == "Fund vs Books" and "erpnext" not in frappe.get_installed_apps():
			continue
		filters = default_filters(report)
		mine = run(reader(two, "c1", report), report, **filters)
		assert organizations_of(mine) <= c1, (report, organizations_of(mine) - c1)
		# the upper committee reads committee 1's rows too, and exactly those when it filters to it
		upper = run(reader(two, "up", report), report, **filters)
		if mine:
			seen_rows.add(report)
			assert organizations_of(upper) >= organizations_of(mine), report
		if report not in ("Fund vs Books",):
			filtered = run(reader(two, "up", report), report, party_organization=two.orgs.c1, **filters)
			assert _key(filtered) == _key(mine), report
		theirs = run(reader(two, "c2", report), report, **filters)
		assert organizations_of(theirs) <= c2, report
		assert organizations_of(upper) >= organizations_of(theirs), report
	# the data reach the reports that count the year's care work
	assert {
		"Care Coverage",
		"Annual Care Assessment",
		"Fund Movements",
		"Fund Payments",
		"Hardship Register",
		"Commendations",
	} <= seen_rows


def _key(rows) -> list:
	return sorted(repr(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def hand(two, prefix) -> frappe._dict:
	"""The committee's year counted from the records themselves."""
	orgs = ["descendants of (inclusive)", two.orgs[prefix]]
	active = {"party_organization": orgs, "member_status": ["in", ["Full", "Probationary"]]}
	return frappe._dict(
		members=frappe.db.count("Member", active),
		hardship_cases=frappe.db.count("Hardship Case", {"party_organization": orgs}),
		open_cases=frappe.db.count("Hardship Case", {"party_organization": orgs, "status": ["!=", "Closed"]}),
		planned=frappe.db.count("Visit", {"party_organization": orgs, "status": ["in", ["Planned", "Done"]]}),
		done=frappe.db.count("Visit", {"party_organization": orgs, "status": "Done"}),
		overdue=frappe.db.count(
			"Visit", {"party_organization": orgs, "status": "Planned", "due_date": ["<", today()]}
		),
		money_paid=sum(
			flt(v)
			for v in frappe.get_all(
				"Fund Application",
				filters={"party_organization": orgs, "workflow_state": "Paid"},
				pluck="amount_approved",
			)
		),
		nominations=frappe.db.count("Commendation", {"party_organization": orgs, "year": YEAR}),
	)


def test_a_committees_reports_equal_the_hand_count_of_its_subtree(two):
	for prefix in ("c1", "c2"):
		count = hand(two, prefix)
		officer = two.users[f"{prefix}_officer"]
		coverage = run(officer, "Care Coverage", **default_filters(None))
		assert sum(r.members for r in coverage) == count.members > 0
		assert sum(r.planned for r in coverage) == count.planned > 0
		assert sum(r.done for r in coverage) == count.done
		assert sum(r.overdue for r in coverage) == count.overdue
		assessment = run(officer, "Annual Care Assessment", year=YEAR)
		assert sum(r.hardship_cases for r in assessment) == count.hardship_cases > 0
		assert sum(flt(r.money_paid) for r in assessment) == count.money_paid == two.paid[prefix]
		register = run(officer, "Hardship Register")
		assert len(register) == count.hardship_cases
		honours = run(officer, "Commendations", year=YEAR)
		assert sum(r.nominations for r in honours) == count.nominations > 0
		movements = run(two.users[f"{prefix}_auditor"], "Fund Movements", year=YEAR)
		assert {r.care_fund for r in movements} == {two.funds[prefix]}
		assert sum(flt(r.total_out) for r in movements) == two.paid[prefix]


# --- number cards and dashboard charts ---------------------------------------------------------------------


def app_cards() -> list:
	modules = frappe.get_module_list("party_care")
	return frappe.get_all(
		"Number Card", filters={"module": ["in", modules]}, fields=["name", "type"], order_by="name"
	)


def card_value(user, card) -> float:
	from frappe.desk.doctype.number_card.number_card import get_result

	doc = frappe.get_doc("Number Card", card)
	if doc.type == "Custom":
		method = frappe.get_attr(doc.method)
		return flt(as_user(user, method)["value"])
	filters = frappe.parse_json(doc.filters_json or "[]")
	return flt(as_user(user, get_result, doc.as_dict(), filters))


def card_hand(two, prefix, card) -> float:
	"""What the card counts, counted in the committee's subtree."""
	doc = frappe.get_doc("Number Card", card)
	if doc.type == "Custom":
		key = doc.method.rsplit(".", 1)[-1]
		org = ["descendants of (inclusive)", two.orgs[prefix]]
		if key == "fund_balance":
			from party_care.care_fund.ledger import get_balance

			funds = frappe.get_all("Care Fund", filters={"committee": org, "is_active": 1}, pluck="name")

			return sum(flt(get_balance(f)) for f in funds)
		if key == "political_birthdays_this_month":
			filters = {
				"joined_month_day": ["like", f"{getdate().month:02d}-%"],
				"member_status": ["in", ["Full", "Probationary"]],
			}
			return frappe.db.count("Member", {**filters, "party_organization": org})
		if key == "documents_waiting_for_me":
			return None  # counted by its own test below
		raise AssertionError(f"a custom card without a hand count: {card}")
	filters = [f[:4] for f in frappe.parse_json(doc.filters_json or "[]")]  # without the card's flag
	filters.append([doc.document_type, "party_organization", "descendants of (inclusive)", two.orgs[prefix]])
	if doc.function == "Count":
		return frappe.db.count(doc.document_type, filters)
	return sum(
		flt(v)
		for v in frappe.get_all(doc.document_type, filters=filters, pluck=doc.aggregate_function_based_on)
	)


def test_every_number_card_of_a_committee_counts_its_subtree(two):
	cards = app_cards()
	assert len(cards) >= 9
	for card in cards:
		for prefix in ("c1", "c2"):
			expected = card_hand(two, prefix, card.name)
			if expected is None:
				continue
			user = two.users[f"{prefix}_officer"]
			assert card_value(user, card.name) == pytest.approx(expected), (card.name, prefix)
		if card.name != "Waiting For Me":  # the upper committee's officer: both committees'
			both = card_hand(two, "c1", card.name) + card_hand(two, "c2", card.name)
			assert card_value(two.users.up_officer, card.name) >= both - 0.005, card.name
	# what was made shows: each committee's own, the upper committee both
	for card, made in (("Open Hardship Cases", (2, 1)), ("Fund Balance", (None, None))):
		c1, c2 = (card_value(two.users[f"{p}_officer"], card) for p in ("c1", "c2"))
		if made[0] is not None:
			assert (c1, c2) == made
		assert card_value(two.users.up_officer, card) >= c1 + c2


def test_waiting_for_me_counts_the_committees_own_applications(two):
	from party_care.desk.dashboard import documents_waiting_for_me

	for prefix in ("c1", "c2"):
		waiting = as_user(two.users[f"{prefix}_officer"], documents_waiting_for_me)["value"]
		assert waiting == 1  # its own application in department review, not the sister's
	assert as_user(two.users.up_officer, documents_waiting_for_me)["value"] >= 2


def test_the_payments_chart_of_a_committee_shows_its_own_payments(two):
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

	def paid(user):
		chart = as_user(user, get, chart_name="Payments by Month", refresh=1)
		return sum(flt(v) for v in chart["datasets"][0]["values"])

	assert paid(two.users.c1_officer) == two.paid.c1
	assert paid(two.users.c2_officer) == two.paid.c2
	assert paid(two.users.up_officer) >= two.paid.c1 + two.paid.c2


# --- one line per committee for the upper committee ------------------------------------------------------

BY_COMMITTEE = {
	"Care Coverage": (
		dict(from_date=f"{YEAR}-01-01", to_date=f"{YEAR}-12-31"),
		("members", "planned", "done", "overdue", "talked", "elderly"),
	),
	"Annual Care Assessment": (
		dict(year=YEAR),
		("members", "hardship_cases", "paired", "planned", "done", "money_paid", "honours"),
	),
	"Hardship Register": ({}, ("cases", "open_cases", "no_helper")),
	"Commendations": (dict(year=YEAR), ("nominations", "in_progress", "awarded")),
	"Fund Movements": (dict(year=YEAR), ("total_in", "total_out")),
	"Fund Payments": (dict(year=YEAR), ("payments", "amount")),
}


def line_of(rows, org):
	found = [r for r in rows if r.party_organization == org]
	assert len(found) == 1, (org, rows)
	return found[0]


def totals(report, rows, fields) -> dict:
	"""A per-committee run's figures, added up as the committee line should."""
	if report == "Hardship Register":
		names = [r.name for r in rows] or [""]
		return {
			"cases": len(rows),
			"open_cases": frappe.db.count(
				"Hardship Case", {"name": ["in", names], "status": ["!=", "Closed"]}
			),
			"no_helper": sum(1 for r in rows if r.is_unpaired),
		}
	return {f: sum(flt(r.get(f)) for r in rows) for f in fields}


def test_the_upper_committee_reads_one_line_per_committee_equal_to_their_own_runs(two):
	for report, (filters, fields) in BY_COMMITTEE.items():
		reader_up = reader(two, "up", report)
		for scope in ({}, {"party_organization": two.orgs.upper}):
			lines = run(reader_up, report, group_by="Committee", **scope, **filters)
			for prefix in ("c1", "c2"):
				line = line_of(lines, two.orgs[prefix])
				assert line.drill_down == two.orgs[prefix]
				own = run(reader(two, prefix, report), report, **filters)
				expected = totals(report, own, fields)
				assert {f: flt(line[f]) for f in expected} == expected, (report, prefix)
				# the drill-down: the same report filtered to the committee
				drilled = run(reader_up, report, party_organization=line.drill_down, **filters)
				assert totals(report, drilled, fields) == expected, (report, prefix)
			if scope:  # within the work committee: its two committees and nothing else
				assert {r.party_organization for r in lines} == {two.orgs.c1, two.orgs.c2}, report
		# a committee's officer: one line, his own committee's whole subtree
		mine = run(reader(two, "c1", report), report, group_by="Committee", **filters)
		assert [r.party_organization for r in mine] == [two.orgs.c1], report


def test_the_lines_are_committees_with_chinese_labels(two):
	from frappe.desk.query_report import run as run_report

	frappe.local.lang = "zh"
	try:
		result = as_user(
			two.users.up_officer,
			run_report,
			"Care Coverage",
			filters={"group_by": "Committee", "party_organization": two.orgs.upper},
			ignore_prepared_report=True,
		)
	finally:
		frappe.local.lang = "en"
	labels = {c["fieldname"]: c["label"] for c in result["columns"]}
	assert labels["party_organization"] == "党委"
	assert labels["rolled_up"] == "汇总范围" and labels["drill_down"] == "详细情况"
	row = next(
		r for r in result["result"] if isinstance(r, dict) and r.get("party_organization") == two.orgs.c1
	)
	assert row["rolled_up"] == "含全部下级"


def test_a_bad_summary_level_is_a_clear_error(two):
	with pytest.raises(frappe.ValidationError, match=r"汇总层级|Summary Level"):
		run(two.users.up_officer, "Care Coverage", group_by="Branch")


def test_the_annual_assessment_ranks_the_committees(two):
	lines = run(
		two.users.up_officer,
		"Annual Care Assessment",
		year=YEAR,
		group_by="Committee",
		party_organization=two.orgs.upper,
	)
	c1, c2 = line_of(lines, two.orgs.c1), line_of(lines, two.orgs.c2)
	for line in (c1, c2):
		assert line.visits_rate == round(100.0 * line.done / line.planned, 1)
		assert line.paired_rate == round(100.0 * line.paired / line.hardship_cases, 1)
		assert line.score > 0
	assert sorted([c1.rank, c2.rank]) == [1, 2]
	better, worse = sorted((c1, c2), key=lambda line: -line.score)
	assert (better.rank, worse.rank) == (1, 2)
	assert c1.money_paid == two.paid.c1 and c2.money_paid == two.paid.c2
