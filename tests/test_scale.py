"""A city's scale (issue 12): lists that can grow without bound open on a summary per
organisation and drill down; the composite indexes exist; long jobs go to the long queue."""

import frappe
from frappe.utils import add_days, today

from party_care import reports
from party_care.care_visits import visits
from tests.support.factories import make_member
from tests.support.queries import QueryCounter


def _overdue_visit(member, days=10):
	return (
		frappe.get_doc(
			doctype="Visit", member=member, visit_reason="Routine Visit", due_date=add_days(today(), -days)
		)
		.insert()
		.name
	)


def test_overdue_visits_open_on_a_summary_per_organisation_and_drill_down(world, monkeypatch):
	from party_care.care_visits.report.overdue_visits.overdue_visits import execute

	in_group = [_overdue_visit(make_member(world.orgs.group_a).name) for _ in range(2)]
	in_branch = _overdue_visit(make_member(world.orgs.branch_a).name, days=30)
	monkeypatch.setattr(reports, "DETAIL_LIMIT", 1)
	frappe.set_user(world.users.sec_a)
	columns, rows, message = execute({})
	assert [c["fieldname"] for c in columns][:2] == ["party_organization", "overdue"]
	by_org = {r.party_organization: r for r in rows}
	assert by_org[world.orgs.group_a].overdue >= 2 and by_org[world.orgs.branch_a].overdue >= 1
	assert world.orgs.branch_b not in by_org  # still the secretary's scope only
	assert all(r.is_summary for r in rows) and message
	# drill down: the party group has no children, so its own visits are listed (never more
	# than the limit: the oldest first, and the message says how many there are)
	_, rows, message = execute({"party_organization": world.orgs.group_a})
	assert len(rows) == 1 and rows[0].name in in_group and rows[0].days_overdue == 10
	assert "1" in message and not getattr(rows[0], "is_summary", None)
	# with the limit back, a branch's few rows are listed directly
	monkeypatch.setattr(reports, "DETAIL_LIMIT", 1000)
	_, rows, message = execute({"party_organization": world.orgs.branch_a})
	assert {in_branch, *in_group} <= {r.name for r in rows} and message is None


def test_talks_due_summary_counts_what_the_details_list(world, monkeypatch):
	from party_care.care_visits.report.talks_due.talks_due import execute

	frappe.set_user(world.users.sec_a)
	_, details, _ = execute({})
	monkeypatch.setattr(reports, "DETAIL_LIMIT", 0)
	_, summary, message = execute({})
	counted = {}
	for row in details:
		counted[row["party_organization"]] = counted.get(row["party_organization"], 0) + 1
	assert {r.party_organization: r.rows_due for r in summary} == counted and message


def test_composite_indexes_exist_after_migrate():
	from party_care.indexes import INDEXES

	for doctype, indexes in INDEXES.items():
		for name in indexes:
			assert frappe.db.has_index(f"tab{doctype}", name), (doctype, name)


def test_overdue_reminder_finds_secretaries_in_a_query_per_level(world):
	"""The bulk lookup walks up the tree a level a query: as many queries for all organisations as
	for the deepest alone (the province benchmark found a range scan per organisation: 62 ms each)."""
	from party_care.notify import nearest_secretary_user, nearest_secretary_users

	orgs = [world.orgs.group_a, world.orgs.branch_a, world.orgs.branch_b, world.orgs.committee]
	with QueryCounter() as bulk:
		found = nearest_secretary_users(orgs)
	with QueryCounter() as deepest:
		nearest_secretary_users([world.orgs.group_a])
	with QueryCounter() as one_by_one:
		expected = {org: nearest_secretary_user(org) for org in orgs}
	assert found == expected
	assert 1 <= bulk.count == deepest.count <= 4, bulk.queries  # the tree's depth, not its size
	assert one_by_one.count >= len(orgs)  # what the bulk lookup saves: the counter sees queries at all
	assert nearest_secretary_users([world.orgs.group_a])[world.orgs.group_a] == world.users.sec_a


def test_many_nominations_go_to_the_long_queue(world, monkeypatch):
	from party_care.honours import eligibility
	from party_care.honours.setup import MEDAL_50_YEARS

	queued = []
	monkeypatch.setattr(eligibility, "NOMINATE_INLINE", 1)
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: queued.append((method, kwargs)))
	members = [make_member(world.orgs.group_a).name for _ in range(2)]
	frappe.set_user(world.users.sec_a)
	result = eligibility.create_nominations(MEDAL_50_YEARS, 2026, members)
	assert result["queued"] == 2 and not result["created"]
	method, kwargs = queued[0]
	assert (
		method is eligibility.nominate and kwargs["queue"] == "long" and kwargs["members"] == sorted(members)
	)


def test_campaign_generation_reports_progress(world, monkeypatch):
	published = []
	monkeypatch.setattr(frappe, "publish_progress", lambda percent, **kw: published.append((percent, kw)))
	campaign = frappe.get_doc(
		doctype="Visit Campaign",
		campaign_name="测试进度走访",
		occasion="Spring Festival",
		year=2027,
		party_organization=world.orgs.branch_a,
		due_date=add_days(today(), 30),
		min_age=0,
		include_retired=1,
	)
	campaign.insert()
	make_member(world.orgs.group_a, is_retired=1)
	assert visits.generate_campaign_visits(campaign.name) >= 1
	assert published[-1][0] == 100 and published[-1][1]["doctype"] == "Visit Campaign"
