"""Care Coverage and the annual assessment at a city's scale read whole months of visits from
the monthly counts and members' last visit and talk (party_care/care_visits/visit_months.py):
these tests change visits every way a user can and check that the reports still give exactly
what counting the visits gives."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, add_months, add_years, get_last_day, getdate, today

from party_care.care_visits import visit_months, visits
from party_care.care_visits.report.care_coverage.care_coverage import execute as coverage
from tests.support.factories import make_member, make_organization

MONTH0 = getdate(today()).replace(day=1)


def _visit(member, due, reason="Routine Visit", **kwargs):
	return frappe.get_doc(
		doctype="Visit", member=member, visit_reason=reason, due_date=due, **kwargs
	).insert()


def _done(visit, on, visitor):
	visit.reload()
	visit.update({"status": "Done", "visit_date": on})
	visit.append("visitors", {"visitor": visitor})
	visit.save()
	return visit


def counted(org, start, end) -> dict:
	"""What Care Coverage shows, counted directly from the visits and members (no summary): a visit
	is planned in the period when due or done in it, done when done in it, overdue when due in it."""
	day = getdate(today())
	talk_start, elderly = add_years(day, -1), add_years(day, -80)
	row = frappe.db.sql(
		"""select count(*), sum(v.status = 'Done' and v.visit_date between %(start)s and %(end)s),
			sum(v.status = 'Done' and v.visit_date between %(start)s and %(end)s and v.visit_date <= v.due_date),
			sum(v.status = 'Planned' and v.due_date < %(today)s and v.due_date between %(start)s and %(end)s)
		from `tabVisit` v where v.party_organization = %(org)s and v.status != 'Cancelled'
			and (v.due_date between %(start)s and %(end)s
				or (v.status = 'Done' and v.visit_date between %(start)s and %(end)s))""",
		{"org": org, "start": start, "end": end, "today": day},
	)[0]
	talked = frappe.db.sql(
		"""select count(*) from `tabMember` m where m.party_organization = %(org)s
			and m.member_status in ('Probationary', 'Full') and exists (select 1 from `tabVisit` v
			where v.member = m.name and v.visit_type = 'Talk' and v.status = 'Done' and v.visit_date >= %(t)s)""",
		{"org": org, "t": talk_start},
	)[0][0]
	elderly_visited = frappe.db.sql(
		"""select count(*) from `tabMember` m where m.party_organization = %(org)s
			and m.member_status in ('Probationary', 'Full') and m.date_of_birth <= %(e)s and exists (select 1
			from `tabVisit` v where v.member = m.name and v.visit_type = 'Visit' and v.status = 'Done'
			and v.visit_date between %(start)s and %(end)s)""",
		{"org": org, "e": elderly, "start": start, "end": end},
	)[0][0]
	return {
		"planned": row[0],
		"done": int(row[1] or 0),
		"done_on_time": int(row[2] or 0),
		"overdue": int(row[3] or 0),
		"talked": talked,
		"elderly_visited": elderly_visited,
	}


def shown(org, start, end) -> dict:
	rows = coverage({"party_organization": org, "from_date": str(start), "to_date": str(end)})[1]
	row = rows[0] if rows else frappe._dict()
	return {
		k: row.get(k, 0) for k in ("planned", "done", "done_on_time", "overdue", "talked", "elderly_visited")
	}


def out_of_step(*orgs):
	return [cell for cell in visit_months.check() if cell[0] in orgs]


@pytest.fixture
def branch(world):
	org = make_organization("测试月度统计支部", "Branch", world.orgs.committee).name
	old = getdate(add_years(today(), -83))
	people = frappe._dict(
		secretary=make_member(org).name,
		a=make_member(org).name,
		b=make_member(org).name,
		elderly=make_member(
			org,
			date_of_birth=old,
			date_joined=datetime.date(old.year + 25, 5, 1),
			date_full_member=datetime.date(old.year + 26, 5, 1),
		).name,
	)
	return frappe._dict(org=org, people=people)


def test_whole_months_come_from_the_monthly_counts_and_equal_the_visits(branch):
	org, p = branch.org, branch.people
	three_ago, two_ago, next_month = add_months(MONTH0, -3), add_months(MONTH0, -2), add_months(MONTH0, 1)
	on_time = _done(_visit(p.a, add_days(three_ago, 9)), add_days(three_ago, 5), p.secretary)
	late = _done(_visit(p.b, add_days(three_ago, 3)), add_days(three_ago, 20), p.secretary)
	overdue = _visit(p.a, add_days(two_ago, 14))
	_visit(p.b, add_days(two_ago, 1), status="Cancelled", cancel_reason="已调出")
	_done(_visit(p.elderly, add_days(two_ago, 2), "Elderly Member Visit"), add_days(two_ago, 2), p.secretary)
	_done(_visit(p.b, add_days(three_ago, 1), "Annual Talk"), add_days(three_ago, 1), p.secretary)
	_visit(p.a, add_days(next_month, 4))  # due next month: planned, not overdue
	start, end = three_ago, get_last_day(next_month)
	# the two months before last and next month are whole months: they come from the table
	months, live = visit_months.split_period(start, end, today())
	assert three_ago in months and two_ago in months and next_month in months and MONTH0 not in months
	assert live == [(MONTH0, get_last_day(MONTH0))]  # the current month is counted from the visits
	want = counted(org, start, end)
	assert want == {
		"planned": 6,
		"done": 4,
		"done_on_time": 3,
		"overdue": 1,
		"talked": 1,
		"elderly_visited": 1,
	}
	assert shown(org, start, end) == want
	# a period that starts and ends inside months: the partial months are counted from the visits
	assert shown(org, add_days(three_ago, 4), add_days(two_ago, 13)) == counted(
		org, add_days(three_ago, 4), add_days(two_ago, 13)
	)
	# every change a user makes keeps the counts exact: done late, moved to another month,
	# cancelled, deleted
	_done(overdue, add_days(MONTH0, 0), p.secretary)
	late.reload()
	late.due_date = add_days(two_ago, 25)
	late.save()
	on_time.reload()
	on_time.update({"status": "Cancelled", "cancel_reason": "重复登记"})
	on_time.save()
	frappe.delete_doc("Visit", _visit(p.b, add_days(two_ago, 5)).name)
	assert shown(org, start, end) == counted(org, start, end)
	assert shown(org, add_days(three_ago, 4), add_days(two_ago, 13)) == counted(
		org, add_days(three_ago, 4), add_days(two_ago, 13)
	)
	assert out_of_step(org) == []


def test_a_transferred_members_visit_moves_with_its_next_save(branch, world):
	org, p = branch.org, branch.people
	visit = _visit(p.a, add_days(add_months(MONTH0, -1), 3))
	member = frappe.get_doc("Member", p.a)
	member.party_organization = world.orgs.branch_a
	member.save()
	visit.reload()
	visit.remarks = "调入后补记" if visit.meta.has_field("remarks") else None
	visit.save()  # the visit is counted where its member now is
	assert out_of_step(org, world.orgs.branch_a) == []


def test_campaign_visits_and_a_renamed_organisation_stay_counted(branch, world):
	org, p = branch.org, branch.people
	frappe.db.set_value("Member", p.elderly, "is_living_alone", 1)
	campaign = (
		frappe.get_doc(
			doctype="Visit Campaign",
			campaign_name="测试月度统计走访",
			occasion="Spring Festival",
			year=getdate().year,
			party_organization=org,
			due_date=add_days(today(), 20),
		)
		.insert()
		.name
	)
	assert visits.generate_campaign_visits(campaign) >= 1
	assert visits.generate_campaign_visits(campaign) == 0  # a second run adds nothing, counts nothing twice
	assert out_of_step(org) == []
	renamed = frappe.rename_doc("Party Organization", org, "测试月度统计支部（更名）")
	assert out_of_step(org, renamed) == []
	end = get_last_day(add_months(MONTH0, 1))
	assert shown(renamed, MONTH0, end) == counted(renamed, MONTH0, end)


def test_last_visit_and_talk_follow_the_visits_and_no_client_writes_them(branch):
	p = branch.people
	talk = _done(_visit(p.a, today(), "Annual Talk"), add_days(today(), -2), p.secretary)
	visit = _done(_visit(p.a, today()), add_days(today(), -1), p.secretary)
	member = frappe.get_doc("Member", p.a)
	assert (str(member.last_talk_on), str(member.last_visit_on)) == (
		str(talk.visit_date),
		str(visit.visit_date),
	)
	# an officer (or a REST client) cannot set them: the stored values stay
	member.last_talk_on = "2000-01-01"
	member.last_visit_on = None
	member.save()
	assert str(frappe.db.get_value("Member", p.a, "last_talk_on")) == str(talk.visit_date)
	assert str(frappe.db.get_value("Member", p.a, "last_visit_on")) == str(visit.visit_date)
	frappe.delete_doc("Visit", visit.name)
	frappe.delete_doc("Visit", talk.name)
	assert frappe.db.get_value("Member", p.a, ["last_visit_on", "last_talk_on"]) == (None, None)


def test_a_past_period_counts_elderly_visits_of_that_period(branch):
	"""Before today the last visit says nothing of an earlier period: the report asks the visits."""
	org, p = branch.org, branch.people
	last_year = getdate(today()).year - 1
	_done(
		_visit(p.elderly, datetime.date(last_year, 3, 1), "Elderly Member Visit"),
		datetime.date(last_year, 3, 2),
		p.secretary,
	)
	_done(_visit(p.elderly, today(), "Elderly Member Visit"), today(), p.secretary)
	start, end = datetime.date(last_year, 1, 1), datetime.date(last_year, 12, 31)
	assert shown(org, start, end)["elderly_visited"] == counted(org, start, end)["elderly_visited"] == 1
	start, end = datetime.date(last_year, 6, 1), datetime.date(last_year, 12, 31)
	assert shown(org, start, end)["elderly_visited"] == 0


def test_rebuild_recounts_what_bulk_sql_wrote(branch):
	org, p = branch.org, branch.people
	_visit(p.a, add_days(add_months(MONTH0, -1), 2))
	frappe.db.sql(
		"update `tabVisit` set due_date = %s where party_organization = %s",
		(add_days(add_months(MONTH0, -2), 2), org),
	)  # behind the app's back
	assert out_of_step(org)
	visit_months.rebuild()
	assert out_of_step(org) == []


def test_a_visit_dated_after_the_period_does_not_count_inside_it(branch):
	"""Imported data can carry a visit done after the period (even after today): the last visit
	then says nothing of the period, and the report asks the visits."""
	org, p = branch.org, branch.people
	visit = _done(_visit(p.elderly, today(), "Elderly Member Visit"), today(), p.secretary)
	next_year = datetime.date(getdate(today()).year + 1, 2, 1)
	frappe.db.sql(
		"update `tabVisit` set visit_date = %s, due_date = %s where name = %s",
		(next_year, next_year, visit.name),
	)
	visit_months.rebuild([org])
	start, end = datetime.date(next_year.year - 1, 1, 1), datetime.date(next_year.year - 1, 12, 31)
	assert counted(org, start, end)["elderly_visited"] == 0
	assert shown(org, start, end)["elderly_visited"] == 0
	assert shown(org, start, datetime.date(next_year.year, 12, 31))["elderly_visited"] == 1


def test_a_visit_done_in_a_period_counts_in_it_whatever_its_due_date(branch):
	"""Issue 21: a Spring Festival visit due early next year and done this December counts as done
	this year; one due last month and done this month counts done this month; in every split of
	the period (whole months from the table, partial and current months counted) it equals the
	visits counted directly."""
	org, p = branch.org, branch.people
	last_month, two_ago = add_months(MONTH0, -1), add_months(MONTH0, -2)
	next_year = datetime.date(MONTH0.year + 1, 1, 2)
	early = _done(
		_visit(p.a, next_year), add_days(two_ago, 3), p.secretary
	)  # due next year, done 2 months ago
	_done(_visit(p.b, add_days(last_month, 4)), today(), p.secretary)  # due last month, done today
	_done(_visit(p.a, add_days(today(), 10)), add_days(two_ago, 20), p.secretary)  # done before it was due
	_visit(p.b, next_year)  # due next year, open: not in this year's figures
	whole = (two_ago, get_last_day(MONTH0))
	assert shown(org, *whole) == counted(org, *whole)
	assert (shown(org, *whole)["planned"], shown(org, *whole)["done"]) == (3, 3)
	# the month the early visit was done in, on its own: planned and done there
	month = (two_ago, get_last_day(two_ago))
	assert (
		(shown(org, *month)["planned"], shown(org, *month)["done"])
		== (2, 2)
		== (counted(org, *month)["planned"], counted(org, *month)["done"])
	)
	# last month: the visit due then counts as planned, not done (it was done this month)
	month = (last_month, get_last_day(last_month))
	assert shown(org, *month) == counted(org, *month)
	assert (shown(org, *month)["planned"], shown(org, *month)["done"]) == (1, 0)
	# partial months at both ends, and a period holding only the current month
	for lo, hi in (
		(add_days(two_ago, 2), add_days(MONTH0, 0)),
		(add_days(two_ago, 15), get_last_day(last_month)),
		(MONTH0, get_last_day(MONTH0)),
		(two_ago, datetime.date(next_year.year, 12, 31)),
	):
		assert shown(org, lo, hi) == counted(org, lo, hi), (lo, hi)
	# moved back to planned, then done on another day: the counts follow
	early.reload()
	early.update({"status": "Planned", "visit_date": None})
	early.save()
	assert shown(org, *whole) == counted(org, *whole)
	_done(early, add_days(last_month, 1), p.secretary)
	assert shown(org, *whole) == counted(org, *whole)
	assert out_of_step(org) == []


def test_a_campaigns_progress_is_its_own_visits_whatever_the_period(branch):
	"""Issue 21: the campaign's 进展 opens Care Coverage for the campaign; its visits due next
	year show there as the campaign's form counts them, not 0 / 0."""
	org, p = branch.org, branch.people
	for member in (p.a, p.b):
		frappe.db.set_value("Member", member, "is_living_alone", 1)
	campaign = frappe.get_doc(
		doctype="Visit Campaign",
		campaign_name="测试跨年春节走访",
		occasion="Spring Festival",
		year=MONTH0.year + 1,
		party_organization=org,
		due_date=datetime.date(MONTH0.year + 1, 1, 2),
		min_age=0,
		include_living_alone=1,
	).insert()
	assert visits.generate_campaign_visits(campaign.name) >= 2
	first = frappe.get_all("Visit", filters={"campaign": campaign.name}, pluck="name", order_by="name")[0]
	_done(frappe.get_doc("Visit", first), today(), p.secretary)
	campaign.reload()
	year = (datetime.date(MONTH0.year, 1, 1), datetime.date(MONTH0.year, 12, 31))
	rows = coverage({"campaign": campaign.name, "from_date": str(year[0]), "to_date": str(year[1])})[1]
	assert (sum(r.planned for r in rows), sum(r.done for r in rows)) == (
		campaign.visits_planned,
		campaign.visits_done,
	)
	assert campaign.visits_done == 1
