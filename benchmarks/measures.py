"""The in-process measures: the reports against their oracles (benchmarks/oracles.py), the daily
jobs, a holiday campaign against a bulk insert, controller inserts, a secretary's list."""

import datetime

from fixtures import OFFICER, SECRETARY
from harness import QueryCounter, as_user, measure, result_row, timed
from oracles import BY_COMMITTEE, bounds, by_line, hardship_counts, report_specs

# a province's targets (issue 22): seconds and ratio to the hand SQL, per reader
REPORT_LIMITS = {"work committee": (3.0, 3.0), "committee": (1.0, 3.0)}


@measure("reports")
def reports(frappe, ctx, args):
	"""Every Script Report for the whole tree as an Organization Officer and for one branch as its
	secretary, through frappe.desk.query_report.run, against hand SQL of the same figures. In a
	province: for the work committee's officer (the whole tree), one committee's officer (his
	subtree, through his Committee Post) and a branch secretary."""
	from frappe.desk.query_report import run

	specs, values = report_specs(frappe, ctx)
	out = []
	readers = [("officer", OFFICER, ctx["committee"]), ("secretary", SECRETARY, ctx["branch"])]
	if ctx.get("one_committee"):
		readers[:1] = [
			("work committee", OFFICER, ctx["committee"]),
			("committee", ctx["committee_officer"], ctx["one_committee"]),
		]
	for report, filters, signature, hand in specs:
		if args.report and report not in args.report:
			continue
		for who, user, org in readers:
			f = dict(filters) if who == "secretary" else dict(filters, party_organization=org)
			lft, rgt = bounds(frappe, org)
			by_hand = hand
			if who == "work committee" and report in BY_COMMITTEE:  # one line per committee
				f["group_by"] = "Committee"
				per_org = hardship_counts(frappe) if report == "Hardship Register" else hand
				by_hand = by_line(frappe, org, per_org)
			try:
				app = timed(
					as_user(
						frappe,
						user,
						lambda f=f, report=report: run(report, filters=f, ignore_prepared_report=True),
					),
					args.repeat,
				)
			except frappe.PermissionError:
				frappe.clear_messages()
				continue  # not a report of this role (e.g. Fund Movements for a branch secretary)
			base = timed(lambda hand=by_hand, v=dict(values, lft=lft, rgt=rgt): hand(v), args.repeat)
			result = app[2]["result"]
			got, want = signature(result), base[2]
			equal = got == want
			if not equal:
				diff = {
					k: (got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)
				}
				print(
					f"  ! {report} as {who}: {len(diff)} organisations differ, e.g. {list(diff.items())[:3]}"
				)
			row = result_row(
				f"report: {report} ({who})", app, base, rows=len(result), orgs=len(want), equal=equal
			)
			if who in REPORT_LIMITS:
				limit_s, limit_ratio = REPORT_LIMITS[who]
				row.update(
					limit_s=limit_s,
					limit_ratio=limit_ratio,
					within=equal and row["app_s"] < limit_s and (row["ratio"] or 0) <= limit_ratio,
				)
			out.append(row)
	return out


# --- jobs -------------------------------------------------------------------------------------


@measure("jobs")
def jobs(frappe, ctx, args):
	"""The daily jobs for the whole tree: time and queries against the number of matches."""
	from frappe.utils import add_days, getdate, today

	from party_care.care_visits.visits import remind_overdue_visits
	from party_care.hardship.register import daily as hardship_daily
	from party_care.honours.birthdays import send_political_birthday_greetings

	out = []
	day = getdate(today())
	for name, fn in (
		("job: overdue visit reminders", lambda: remind_overdue_visits(on=day)),
		("job: hardship reminders", hardship_daily),
		("job: political birthday greetings", lambda: send_political_birthday_greetings(on=add_days(day, 1))),
	):
		with QueryCounter(frappe) as counter:
			t = timed(fn, teardown=frappe.db.rollback)  # each run finds the same matches
		matches = t[2] if isinstance(t[2], int) else None
		frappe.db.rollback()
		out.append(
			{
				"name": name,
				"app_s": round(t[0], 4),
				"base_s": None,
				"ratio": None,
				"app_mib": round(t[1], 1),
				"queries": counter.count // 2,
				"matches": matches,
				# flat in the total: time per match, to compare across data sizes
				"ms_per_match": round(1000 * t[0] / matches, 4) if matches else None,
			}
		)
	return out


@measure("campaign")
def campaign(frappe, ctx, args):
	"""A holiday campaign for the whole tree against a bulk insert of the same rows into Visit: the
	same members and organisations (so the same index entries to place among a million visits),
	prepared beforehand and sent as parameterised multi-row INSERTs of 5,000 rows (the app's
	helper) — without finding the targets or naming them."""
	from party_care.care_visits.visits import (
		CAMPAIGN_VISIT_FIELDS,
		campaign_targets_query,
		generate_campaign_visits,
	)
	from party_care.utils.bulk import insert_rows

	name = "基准春节走访"

	def new_campaign():
		frappe.db.delete("Visit", {"campaign": name})
		frappe.db.delete("Visit Campaign", name)
		frappe.get_doc(
			doctype="Visit Campaign",
			campaign_name=name,
			occasion="Spring Festival",
			year=2027,
			party_organization=ctx["committee"],
			due_date=frappe.utils.add_days(frappe.utils.today(), 30),
			min_age=80,
			include_incapacitated=1,
			include_hardship=1,
		).insert()

	counter = QueryCounter(frappe)

	def generate():
		with counter:
			return generate_campaign_visits(name)

	app = timed(generate, args.repeat, setup=new_campaign, teardown=frappe.db.rollback)
	# the baseline: the campaign's rows (same targets, same values), under other names and keys
	new_campaign()
	targets = campaign_targets_query(frappe.get_doc("Visit Campaign", name)).run()
	frappe.db.rollback()
	bulk, stamp, due = "基准批量", frappe.utils.now(), frappe.utils.add_days(frappe.utils.today(), 30)
	rows = [
		(
			f"VBB-{i:07d}",
			"Administrator",
			"Administrator",
			stamp,
			stamp,
			0,
			0,
			member,
			full_name,
			org,
			"Holiday Visit",
			"Visit",
			"Planned",
			due,
			bulk,
			f"{bulk}::{member}",
		)
		for i, (member, full_name, org) in enumerate(targets)
	]
	base = timed(
		lambda: insert_rows("Visit", CAMPAIGN_VISIT_FIELDS, rows, 5000),
		args.repeat,
		teardown=frappe.db.rollback,
	)
	return [
		result_row(
			"campaign generation",
			app,
			base,
			rows=app[2],
			base_rows=len(rows),
			queries=counter.count // (args.repeat + 1),
		)
	]  # + the memory run


@measure("inserts")
def inserts(frappe, ctx, args):
	"""Member and Visit inserts through the controllers against ToDo inserts (as Administrator)."""
	n = 50
	branch = ctx["branch"]
	member = frappe.db.get_value("Member", {"party_organization": branch}, "name")

	from party_care.utils import id_number

	def members():
		for i in range(n):
			frappe.get_doc(
				doctype="Member",
				full_name=f"基准新党员{i}",
				gender="Male",
				date_of_birth="1980-01-01",
				id_number=id_number.make("990101", datetime.date(1980, 1, 1), 2 * i + 1),
				party_organization=branch,
				member_status="Full",
				date_joined="2005-07-01",
				date_full_member="2006-07-01",
			).insert()

	def visits():
		for _i in range(n):
			frappe.get_doc(
				doctype="Visit", member=member, visit_reason="Routine Visit", due_date=frappe.utils.today()
			).insert()

	def todos():
		for i in range(n):
			frappe.get_doc(
				doctype="ToDo", description=f"bench-insert-{i}", allocated_to="Administrator"
			).insert()

	base = timed(todos, teardown=frappe.db.rollback)
	return [
		result_row("insert Member ×50", timed(members, teardown=frappe.db.rollback), base),
		result_row("insert Visit ×50", timed(visits, teardown=frappe.db.rollback), base),
	]


@measure("lists")
def lists(frappe, ctx, args):
	"""A secretary's 20-row member list of his branch (User Permissions + hooks) against 20 ToDo rows
	filtered by reference, in process."""
	branch = ctx["branch"]
	app = timed(
		as_user(
			frappe,
			SECRETARY,
			lambda: frappe.get_list(
				"Member",
				fields=["name", "full_name"],
				filters={"party_organization": branch},
				limit_page_length=20,
			),
		),
		args.repeat,
	)
	base = timed(
		lambda: frappe.get_list(
			"ToDo",
			fields=["name", "description"],
			filters={"reference_type": "Party Organization", "reference_name": branch},
			limit_page_length=20,
		),
		args.repeat,
	)
	return [result_row("list Member (secretary, 20)", app, base, rows=len(app[2]), base_rows=len(base[2]))]
