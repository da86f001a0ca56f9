"""party_care benchmark: a city committee's year (issue 12), measured against plain Frappe or
hand-written SQL doing the same work on the same data, in the same run. Ratios, not seconds.

    scripts/bench [--members 100000] [--mix realistic|stress] [--regenerate] [--only reports,jobs]
    scripts/bench --province   (= --committees 50 --members 1000000 --clients 64: issue 22)

The data (benchmarks/generate.py) is generated once per site and reused; --regenerate redoes
it. Measures are plain functions registered with @measure("group"): each returns rows of
{name, app_s, base_s, ratio, app_mib, rows, base_rows, equal, ...}. Another measure is one more
function (benchmarks/batch_bench.py may register its own). The table is printed and written to
benchmarks/results/latest.json (and <members>-<mix>-<buffer pool>M.json)."""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
import tracemalloc

BENCH = os.path.abspath(os.path.expanduser(os.environ.get("FRAPPE_BENCH") or "~/frappe-bench"))
SITE = os.environ.get("PARTY_CARE_BENCH_SITE", "party-care-bench.localhost")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MEASURES: dict[str, list] = {}
OFFICER = "bench-officer@party-care.test"
SECRETARY = "bench-secretary@party-care.test"
PASSWORD = "Bench@2026-pc"


def committee_officer(c: int) -> str:
	"""The Organization Officer of the province's committee c (a Committee Post there)."""
	return f"bench-officer-{c + 1:02d}@party-care.test"


def measure(group: str):
	def register(fn):
		MEASURES.setdefault(group, []).append(fn)
		return fn

	return register


class QueryCounter:
	"""Counts the SQL statements frappe.db runs while active."""

	def __init__(self, frappe):
		self.frappe, self.count = frappe, 0

	def __enter__(self):
		db = self.frappe.db
		self.original = db.sql

		def counted(*args, **kwargs):
			self.count += 1
			return self.original(*args, **kwargs)

		db.sql = counted
		return self

	def __exit__(self, *exc):
		self.frappe.db.sql = self.original


def timed(fn, repeat: int = 1, setup=None, teardown=None):
	"""(median seconds, peak MiB of Python memory, last result): one run under tracemalloc for the
	memory (it also warms the caches), then `repeat` timed runs without it — tracemalloc slows
	Python-heavy code several times, which would bias app-against-SQL ratios."""
	times, result = [], None
	if setup:
		setup()
	tracemalloc.start()
	fn()
	peak = tracemalloc.get_traced_memory()[1] / 2**20
	tracemalloc.stop()
	if teardown:
		teardown()
	for _ in range(repeat):
		if setup:
			setup()
		start = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - start)
		if teardown:
			teardown()
	return statistics.median(times), peak, result


def as_user(frappe, user, fn):
	def run():
		frappe.set_user(user)
		try:
			return fn()
		finally:
			frappe.set_user("Administrator")

	return run


def result_row(name, app, base, **extra):
	(t_app, m_app, _r1), (t_base, m_base, _r2) = app, base
	return {
		"name": name,
		"app_s": round(t_app, 4),
		"base_s": round(t_base, 4),
		"ratio": round(t_app / t_base, 2) if t_base else None,
		"app_mib": round(m_app, 1),
		"base_mib": round(m_base, 1),
		**extra,
	}


# --- setup ------------------------------------------------------------------------------------


def _ensure_user(frappe, email, role):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			doctype="User",
			email=email,
			first_name=email.split("@")[0],
			send_welcome_email=0,
			new_password=PASSWORD,
			roles=[{"role": role}],
		).insert(ignore_permissions=True)


def _ensure_post(frappe, user, committee, role="Organization Officer"):
	"""A Committee Post through its controller: the user's role and User Permission on the
	committee come from sync_committee_post, as in production."""
	if not frappe.db.exists("Committee Post", {"user": user, "committee": committee, "role": role}):
		frappe.get_doc(doctype="Committee Post", user=user, committee=committee, role=role).insert(
			ignore_permissions=True
		)


def ensure_users(frappe, committees=None):
	"""An Organization Officer and the secretary of one branch (through the controller, so he gets
	his User Permission on the tree exactly as in production). In a province: the officer holds a
	post in the work committee, and each committee has its officer with a post in it."""
	from generate import committee_name, first_branch, root

	for email, role in ((OFFICER, "Organization Officer"), (SECRETARY, "Party Member")):
		_ensure_user(frappe, email, role)
	ctx = {"committee": root(committees)}
	if committees:
		_ensure_post(frappe, OFFICER, root(committees))
		for c in range(committees):
			_ensure_user(frappe, committee_officer(c), "Party Member")
			_ensure_post(frappe, committee_officer(c), committee_name(c))
		ctx.update(one_committee=committee_name(0), committee_officer=committee_officer(0))
	branch = first_branch(committees)
	secretary = frappe.db.get_value(
		"Member", {"party_organization": branch, "member_status": "Full"}, "name", order_by="name"
	)
	if frappe.db.get_value("Member", secretary, "user") != SECRETARY:
		frappe.db.set_value("Member", {"user": SECRETARY}, "user", None)
		frappe.db.set_value("Member", secretary, "user", SECRETARY)
	org = frappe.get_doc("Party Organization", branch)
	org.secretary = None
	org.save()
	org.secretary = secretary
	org.save()
	frappe.db.commit()
	ctx["branch"] = branch
	return ctx


# --- reports ----------------------------------------------------------------------------------


def _bounds(frappe, org):
	return frappe.db.get_value("Party Organization", org, ["lft", "rgt"])


def _by_org(rows, *fields):
	"""{organisation: tuple of fields} from report rows (dicts; total rows skipped)."""
	out = {}
	for r in rows:
		if isinstance(r, dict) and r.get("party_organization"):
			out[r["party_organization"]] = tuple(round(float(r.get(f) or 0), 2) for f in fields)
	return out


def _count_by_org(rows, count_field):
	"""Summary rows carry a count; detail rows are counted per organisation."""
	out = {}
	for r in rows:
		if not isinstance(r, dict) or not r.get("party_organization"):
			continue
		n = r.get(count_field) if count_field in r else 1
		out[r["party_organization"]] = out.get(r["party_organization"], 0) + int(n or 0)
	return out


def _sql_by_org(frappe, sql, values, n_fields=None):
	rows = frappe.db.sql(sql, values)
	return {r[0]: tuple(round(float(x or 0), 2) for x in r[1:]) if n_fields else int(r[1]) for r in rows}


def report_specs(frappe, ctx):
	"""(report, filters, signature of the report's rows, hand SQL giving the same signature)."""
	from frappe.utils import add_years, getdate, today

	day = getdate(today())
	year = day.year
	start, end = f"{year}-01-01", f"{year}-12-31"
	settings = frappe.get_cached_doc("Party Care Settings")
	talk_since = add_years(day, -(settings.talk_period_years or 1))
	elderly = add_years(day, -(settings.elderly_age or 80))
	v = {
		"today": day,
		"start": start,
		"end": end,
		"talk_since": talk_since,
		"elderly": elderly,
		"year": year,
		"month": f"{day.month:02d}-%",
		"medal": datetime.date(year - 50, 7, 1),
	}
	scoped = "join `tabParty Organization` org on org.name = {t}.party_organization and org.lft >= %(lft)s and org.rgt <= %(rgt)s"

	def coverage_hand(values):
		j = scoped
		members = frappe.db.sql(
			f"""select m.party_organization, count(*), sum(m.date_of_birth <= %(elderly)s)
			from `tabMember` m {j.format(t="m")} where m.member_status in ('Probationary', 'Full')
			group by m.party_organization""",
			values,
		)
		# planned: due in the period or done in it; done (on time): done in it; overdue: due in it,
		# open, due before today (party_care/care_visits/visit_months.py) — two disjoint ranges
		visits = frappe.db.sql(
			f"""select x.org, sum(x.planned), sum(x.done), sum(x.on_time), sum(x.overdue) from (
				select v.party_organization org, count(*) planned,
					sum(v.status = 'Done' and v.visit_date between %(start)s and %(end)s) done,
					sum(v.status = 'Done' and v.visit_date between %(start)s and %(end)s
						and v.visit_date <= v.due_date) on_time,
					sum(v.status = 'Planned' and v.due_date < %(today)s) overdue
				from `tabVisit` v {j.format(t="v")} where v.status in ('Planned', 'Done')
					and v.due_date between %(start)s and %(end)s group by v.party_organization
				union all
				select v.party_organization, count(*), count(*), sum(v.visit_date <= v.due_date), 0
				from `tabVisit` v {j.format(t="v")} where v.status = 'Done' and v.visit_date between %(start)s and %(end)s
					and not v.due_date between %(start)s and %(end)s group by v.party_organization
			) x group by x.org""",
			values,
		)
		talked = frappe.db.sql(
			f"""select m.party_organization, count(*) from `tabMember` m {j.format(t="m")}
			where m.member_status in ('Probationary', 'Full') and exists (select 1 from `tabVisit` v where v.member = m.name
				and v.visit_type = 'Talk' and v.status = 'Done' and v.visit_date >= %(talk_since)s)
			group by m.party_organization""",
			values,
		)
		elderly_visited = frappe.db.sql(
			f"""select m.party_organization, count(*) from `tabMember` m {j.format(t="m")}
			where m.member_status in ('Probationary', 'Full') and m.date_of_birth <= %(elderly)s
				and exists (select 1 from `tabVisit` v where v.member = m.name and v.visit_type = 'Visit'
				and v.status = 'Done' and v.visit_date between %(start)s and %(end)s)
			group by m.party_organization""",
			values,
		)
		out = {}
		for org, n, old in members:
			out.setdefault(org, [0] * 8)[0:1] = [n]
			out[org][6] = old
		for org, *fig in visits:
			out.setdefault(org, [0] * 8)[1:5] = fig
		for org, n in talked:
			out.setdefault(org, [0] * 8)[5] = n
		for org, n in elderly_visited:
			out.setdefault(org, [0] * 8)[7] = n
		return {k: tuple(round(float(x or 0), 2) for x in f) for k, f in out.items()}

	def assessment_hand(values):
		cov = coverage_hand(values)
		out = {org: [f[0], 0, 0, 0, f[1], f[2], 0, 0] for org, f in cov.items()}
		for org, n, paired, on_time in frappe.db.sql(
			f"""select c.party_organization, count(*), sum(c.is_unpaired = 0),
				sum(c.next_review_date >= least(%(today)s, %(end)s)) from `tabHardship Case` c {scoped.format(t="c")}
			where c.registered_on <= %(end)s and (c.status != 'Closed' or c.closing_date >= %(start)s)
			group by c.party_organization""",
			values,
		):
			out.setdefault(org, [0] * 8)[1:4] = [n, paired, on_time]
		for org, paid in frappe.db.sql(
			f"""select a.party_organization, sum(a.amount_approved) from `tabFund Application` a
			{scoped.format(t="a")} where a.workflow_state = 'Paid' and a.paid_on between %(start)s and %(end)s
			group by a.party_organization""",
			values,
		):
			out.setdefault(org, [0] * 8)[6] = paid
		for org, n in frappe.db.sql(
			f"""select c.party_organization, count(*) from `tabCommendation` c {scoped.format(t="c")}
			where c.workflow_state = 'Awarded' and c.year = %(year)s group by c.party_organization""",
			values,
		):
			out.setdefault(org, [0] * 8)[7] = n
		return {k: tuple(round(float(x or 0), 2) for x in f) for k, f in out.items()}

	cov_fields = (
		"members",
		"planned",
		"done",
		"done_on_time",
		"overdue",
		"talked",
		"elderly",
		"elderly_visited",
	)
	return [
		("Care Coverage", {}, lambda rows: _by_org(rows, *cov_fields), coverage_hand),
		(
			"Annual Care Assessment",
			{"year": year},
			lambda rows: _by_org(
				rows,
				"members",
				"hardship_cases",
				"paired",
				"reviews_on_time",
				"planned",
				"done",
				"money_paid",
				"honours",
			),
			assessment_hand,
		),
		(
			"Overdue Visits",
			{},
			lambda rows: _count_by_org(rows, "overdue"),
			lambda values: _sql_by_org(
				frappe,
				f"""select v.party_organization, count(*) from `tabVisit` v {scoped.format(t="v")}
			where v.status = 'Planned' and v.due_date < %(today)s group by v.party_organization""",
				values,
			),
		),
		(
			"Talks Due",
			{},
			lambda rows: _count_by_org(rows, "rows_due"),
			lambda values: _talks_hand(frappe, scoped, values),
		),
		(
			"Medal Candidates",
			{"year": year},
			lambda rows: _count_by_org(rows, "candidates"),
			lambda values: _sql_by_org(
				frappe,
				f"""select m.party_organization, count(*) from `tabMember` m {scoped.format(t="m")}
			where m.member_status = 'Full' and m.date_full_member <= %(medal)s and not exists (select 1 from `tabCommendation` c
				where c.member = m.name and c.award_type = '50 Years in the Party medal' and c.workflow_state = 'Awarded')
			group by m.party_organization""",
				values,
			),
		),
		(
			"Political Birthdays",
			{"year": year, "month": day.month},
			lambda rows: _count_by_org(rows, "members"),
			lambda values: _sql_by_org(
				frappe,
				f"""select m.party_organization, count(*) from `tabMember` m
			{scoped.format(t="m")} where m.joined_month_day like %(month)s and m.member_status in ('Probationary', 'Full')
				and m.date_joined < %(start)s group by m.party_organization""",
				values,
			),
		),
		(
			"Fund Payments",
			{"year": year},
			lambda rows: _sum_by_org(rows, "payments", "amount"),
			lambda values: _sql_by_org(
				frappe,
				f"""select a.party_organization, count(*), sum(a.amount_approved) from `tabFund Application` a
			{scoped.format(t="a")} where a.docstatus = 1 and a.workflow_state = 'Paid' and a.paid_on between %(start)s and %(end)s
			group by a.party_organization""",
				values,
				2,
			),
		),
		(
			"Hardship Register",
			{},
			lambda rows: _count_by_org(rows, "cases"),
			lambda values: _hardship_hand(frappe, scoped, values),
		),
		(
			"Commendations",
			{"year": year},
			lambda rows: _sum_by_org(rows, "nominations", "awarded"),
			lambda values: _sql_by_org(
				frappe,
				f"""select c.party_organization, count(*), sum(c.workflow_state = 'Awarded') from `tabCommendation` c
			{scoped.format(t="c")} where c.year = %(year)s group by c.party_organization""",
				values,
				2,
			),
		),
		(
			"Fund Movements",
			{"year": year},
			_fund_totals,
			lambda values: {
				r[0]: (round(float(r[1]), 2), round(float(r[2]), 2))
				for r in frappe.db.sql(
					"""select care_fund, sum(amount_in), sum(amount_out) from `tabFund Ledger Entry`
			where docstatus = 1 and posting_date between %(start)s and %(end)s and care_fund in (
				select f.name from `tabCare Fund` f join `tabParty Organization` o on o.name = f.committee
				where o.lft >= %(lft)s and o.rgt <= %(rgt)s)
			group by care_fund""",
					values,
				)
			},
		),
	], v


def _fund_totals(rows):
	"""Fund Movements is per fund and month (not per organisation): money in and out per fund."""
	out = {}
	for r in rows:
		if isinstance(r, dict) and r.get("care_fund") and r.get("month"):
			a, b = out.get(r["care_fund"], (0, 0))
			out[r["care_fund"]] = (
				round(a + float(r.get("total_in") or 0), 2),
				round(b + float(r.get("total_out") or 0), 2),
			)
	return out


def _sum_by_org(rows, *fields):
	out = {}
	for r in rows:
		if isinstance(r, dict) and r.get("party_organization"):
			cur = out.get(r["party_organization"], (0,) * len(fields))
			out[r["party_organization"]] = tuple(
				round(a + float(r.get(f) or 0), 2) for a, f in zip(cur, fields, strict=True)
			)
	return out


def _hardship_hand(frappe, scoped, values):
	"""A list report: the hand SQL fetches the same rows (age, standing, helpers, last review)."""
	rows = frappe.db.sql(
		f"""select c.name, c.party_organization, c.member_name, c.hardship_type, c.hardship_level,
			c.status, c.next_review_date, c.is_unpaired, timestampdiff(year, m.date_of_birth, %(today)s) age,
			timestampdiff(year, m.date_full_member, %(today)s) standing,
			(select group_concat(h.helper_name) from `tabHardship Helper` h where h.parent = c.name) helpers,
			(select max(l.log_date) from `tabHardship Help Log` l where l.parent = c.name) last_log
		from `tabHardship Case` c join `tabMember` m on m.name = c.member {scoped.format(t="c")}
		order by org.lft, c.member_name""",
		values,
	)
	out = {}
	for row in rows:
		out[row[1]] = out.get(row[1], 0) + 1
	return out


def _talks_hand(frappe, scoped, values):
	members = _sql_by_org(
		frappe,
		f"""select m.party_organization, count(*) from `tabMember` m {scoped.format(t="m")}
		where m.member_status in ('Probationary', 'Full') and not exists (select 1 from `tabVisit` v where v.member = m.name
			and v.visit_type = 'Talk' and v.status = 'Done' and v.visit_date >= %(talk_since)s)
		group by m.party_organization""",
		values,
	)
	quarter_start = datetime.date(values["today"].year, (values["today"].month - 1) // 3 * 3 + 1, 1)
	secretaries = _sql_by_org(
		frappe,
		f"""select m.party_organization, count(*) from `tabParty Organization` b
		join `tabParty Organization` p on p.name = b.parent_party_organization join `tabMember` m on m.name = b.secretary
		{scoped.format(t="m")} where b.organization_type = 'Branch' and p.organization_type = 'General Branch'
			and m.member_status in ('Probationary', 'Full') and not exists (select 1 from `tabVisit` v where v.member = m.name
			and v.visit_type = 'Talk' and v.status = 'Done' and v.visit_reason = 'Quarterly Talk with Branch Secretary'
			and v.visit_date >= %(quarter_start)s)
		group by m.party_organization""",
		dict(values, quarter_start=quarter_start),
	)
	for org, n in secretaries.items():
		members[org] = members.get(org, 0) + n
	return members


# a province's targets (issue 22): seconds and ratio to the hand SQL, per reader
REPORT_LIMITS = {"work committee": (3.0, 3.0), "committee": (1.0, 3.0)}
# the reports the work committee reads with one line per committee (汇总层级: 党委, group_by)
BY_COMMITTEE = (
	"Care Coverage",
	"Annual Care Assessment",
	"Hardship Register",
	"Fund Payments",
	"Commendations",
)


def _by_line(frappe, top, hand):
	"""The hand SQL's per-organisation figures added up into the by-committee lines of `top`: the
	highest committees under it, the rest on the top's own line (one range join maps them)."""
	lft, rgt = _bounds(frappe, top)

	def run(values):
		per_org = hand(values)
		committees = frappe.db.sql(
			"""select name, lft, rgt from `tabParty Organization` where organization_type = 'Committee'
			and lft > %s and rgt < %s order by lft""",
			(lft, rgt),
		)
		highest, last = [], None
		for name, a, b in committees:
			if last and last[1] < a < last[2]:
				continue
			highest.append(name)
			last = (name, a, b)
		line_of = dict(
			frappe.db.sql(
				"""select o.name, c.name from `tabParty Organization` c join `tabParty Organization` o
				on o.lft between c.lft and c.rgt where c.name in %(names)s""",
				{"names": tuple(highest) or ("",)},
			)
		)
		out = {}
		for org, fig in per_org.items():
			line = line_of.get(org, top)
			if isinstance(fig, tuple):
				cur = out.get(line, (0,) * len(fig))
				out[line] = tuple(round(a + b, 2) for a, b in zip(cur, fig, strict=True))
			else:
				out[line] = out.get(line, 0) + fig
		return out

	return run


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
			lft, rgt = _bounds(frappe, org)
			by_hand = hand
			if who == "work committee" and report in BY_COMMITTEE:  # one line per committee
				f["group_by"] = "Committee"
				per_org = hand
				if report == "Hardship Register":  # its summary counts the cases, no row fetched
					per_org = lambda values: _sql_by_org(  # noqa: E731
						frappe,
						"""select c.party_organization, count(*) from `tabHardship Case` c
						join `tabParty Organization` org on org.name = c.party_organization
						and org.lft >= %(lft)s and org.rgt <= %(rgt)s group by c.party_organization""",
						values,
					)
				by_hand = _by_line(frappe, org, per_org)
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


# --- REST over loopback -------------------------------------------------------------------------


def _serve(frappe, workers: int):
	"""The bench's gunicorn on a free loopback port; returns (process, url)."""
	import socket
	import subprocess

	import requests

	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		port = s.getsockname()[1]
	log = open(os.path.join(BENCH, "logs", "party_care_bench_gunicorn.log"), "ab")
	proc = subprocess.Popen(
		[
			os.path.join(BENCH, "env", "bin", "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"--timeout",
			"120",
			"frappe.app:application",
		],
		cwd=os.path.join(BENCH, "sites"),
		stdout=log,
		stderr=log,
	)
	url = f"http://127.0.0.1:{port}"
	for _ in range(200):
		try:
			if requests.get(url + "/api/method/ping", headers={"X-Frappe-Site-Name": SITE}, timeout=30).ok:
				return proc, url
		except requests.RequestException:
			pass
		time.sleep(0.3)
	proc.kill()
	raise RuntimeError(f"gunicorn did not come up on {url}")


def _session(url, user, password="Bench@2026-pc"):
	import requests

	session = requests.Session()
	session.headers["X-Frappe-Site-Name"] = SITE
	response = session.post(url + "/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	response.raise_for_status()
	# as the site's pages do: every session's writes carry its CSRF token (party_care/guards/request.py)
	import re

	found = re.search(r'frappe\.csrf_token = "([0-9a-f]+)"', session.get(url + "/me", timeout=30).text)
	if found:
		session.headers["X-Frappe-CSRF-Token"] = found.group(1)
	return session


def _load(sessions, call, requests_per_client: int):
	"""Every session (one client each, all at once) makes `call` that many times; latencies in s."""
	from concurrent.futures import ThreadPoolExecutor

	def client(i_session):
		i, session = i_session
		out = []
		for k in range(requests_per_client):
			start = time.perf_counter()
			response = call(session, i * requests_per_client + k)
			out.append(time.perf_counter() - start)
			if response.status_code >= 400:
				raise RuntimeError(f"{response.status_code}: {response.text[:300]}")
		return out

	with ThreadPoolExecutor(len(sessions)) as pool:
		latencies = [x for chunk in pool.map(client, enumerate(sessions)) for x in chunk]
	latencies.sort()
	return latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95) - 1]


@measure("rest")
def rest(frappe, ctx, args):
	"""16 concurrent clients over loopback: list (20 rows of one organisation), get, insert Visit, one
	workflow step, as a Branch Secretary and as an officer, against the same calls on ToDo (as
	Administrator)."""
	clients, per_client = args.clients, args.requests
	proc, url = _serve(frappe, args.workers)
	branch = ctx["branch"]
	member = frappe.db.get_value("Member", {"party_organization": branch, "member_status": "Full"}, "name")
	todo = frappe.db.get_value("ToDo", {"reference_name": branch}, "name")
	list_member = {
		"filters": json.dumps([["party_organization", "=", branch]]),
		"fields": '["name", "full_name"]',
		"limit_page_length": 20,
	}
	list_todo = {
		"filters": json.dumps(
			[["reference_type", "=", "Party Organization"], ["reference_name", "=", branch]]
		),
		"fields": '["name", "description"]',
		"limit_page_length": 20,
	}
	calls = {
		"list": (
			lambda s, i: s.get(url + "/api/resource/Member", params=list_member),
			lambda s, i: s.get(url + "/api/resource/ToDo", params=list_todo),
		),
		"get": (
			lambda s, i: s.get(url + f"/api/resource/Member/{member}"),
			lambda s, i: s.get(url + f"/api/resource/ToDo/{todo}"),
		),
		"insert": (
			lambda s, i: s.post(
				url + "/api/resource/Visit",
				json={
					"member": member,
					"visit_reason": "Routine Visit",
					"due_date": str(frappe.utils.getdate()),
					"place": "bench-rest",
				},
			),
			lambda s, i: s.post(
				url + "/api/resource/ToDo",
				json={"description": f"bench-rest-{i}", "allocated_to": "Administrator"},
			),
		),
	}
	wanted = [c for c in (args.rest_calls or "").split(",") if c]
	who_wanted = [w for w in (args.rest_who or "").split(",") if w]
	# one workflow step: the secretary passes the branch review, the officer accepts at the
	# department; the baseline closes ToDos through Frappe's workflow (a two-state workflow on
	# ToDo's own status field, active only during this measure)
	steps = None
	if not wanted or "workflow step" in wanted:
		steps = _workflow_fixtures(frappe, ctx, clients * per_client + 4)
		steps.url_of["url"] = url
	out = []
	try:
		admin = [_session(url, "Administrator", args.admin_password) for _ in range(clients)]
		for who, user in (("secretary", SECRETARY), ("officer", OFFICER)):
			if who_wanted and who not in who_wanted:
				continue
			sessions = [_session(url, user) for _ in range(clients)]
			if steps:
				calls["workflow step"] = steps[who]
			for name, (app_call, base_call) in calls.items():
				if wanted and name not in wanted:
					continue
				_load(sessions[:2], app_call, 2)  # warm the workers
				app = _load(sessions, app_call, per_client)
				base = _load(admin, base_call, per_client)
				out.append(
					{
						"name": f"REST {name} ({who}) p50",
						"app_s": round(app[0], 4),
						"base_s": round(base[0], 4),
						"ratio": round(app[0] / base[0], 2),
						"app_mib": 0.0,
						"rows": clients * per_client,
					}
				)
				out.append(
					{
						"name": f"REST {name} ({who}) p95",
						"app_s": round(app[1], 4),
						"base_s": round(base[1], 4),
						"ratio": round(app[1] / base[1], 2),
						"app_mib": 0.0,
						"rows": clients * per_client,
						"clients": clients,
					}
				)
				if ctx.get("one_committee") and who == "secretary" and name in ("list", "get"):
					out[-1].update(limit_ratio=1.5, within=out[-1]["ratio"] <= 1.5)
	finally:
		proc.terminate()
		proc.wait(timeout=30)
		frappe.db.sql(
			"delete from `tabToDo` where description like 'bench-rest-%%' or reference_name in "
			"(select name from `tabVisit` where place = 'bench-rest')"
		)
		frappe.db.sql("delete from `tabVisit` where place = 'bench-rest'")
		_drop_workflow_fixtures(frappe)
		from party_care.care_visits.visit_months import rebuild

		rebuild(organizations=[branch])  # the visits deleted by SQL above: recount their organisation
		frappe.db.commit()
	return out


BENCH_FLOW = "基准待办流程"


def _workflow_fixtures(frappe, ctx, n):
	"""n applications in Branch Review (the secretary's branch, branch meeting recorded) and n in
	Department Review (across the tree, opinion written), n open ToDos, and the ToDo workflow;
	returns {who: (app call, baseline call)} for the REST measure."""
	import itertools

	_drop_workflow_fixtures(frappe)
	stamp, day = frappe.utils.now(), frappe.utils.today()
	secretary_member = frappe.db.get_value("Member", {"user": SECRETARY}, "name")
	common = """insert into `tabFund Application` (name, owner, modified_by, creation, modified, docstatus, idx,
			member, member_name, party_organization, application_date, care_fund, purpose, amount_requested, reason,
			workflow_state, applied_by, branch_meeting_date, branch_resolution, votes_for, votes_against, votes_abstain,
			department_opinion)
		select concat(%(prefix)s, lpad(x.k, 4, '0')), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0,
			x.name, x.full_name, x.party_organization, %(day)s, %(fund)s, 'Living Hardship Subsidy', 100, '基准流程',
			%(state)s, 'Administrator', %(day)s, '同意上报', 20, 1, 2, %(opinion)s
		from (select m.name, m.full_name, m.party_organization, row_number() over (order by m.name) k
			from `tabMember` m where {where} and m.member_status = 'Full' and m.name != %(secretary)s
			order by m.name limit {n}) x"""
	from generate import FUND

	values = {"stamp": stamp, "day": day, "fund": FUND, "secretary": secretary_member}
	# the branch has ~50 members: each gets a few (100 each, far below the yearly cap)
	copy = 0
	while frappe.db.count("Fund Application", {"name": ["like", "FAW-S%"]}) < n and copy < 50:
		frappe.db.sql(
			common.format(where="m.party_organization = %(branch)s", n=n),
			dict(values, branch=ctx["branch"], prefix=f"FAW-S{copy}-", state="Branch Review", opinion=None),
		)
		copy += 1
	frappe.db.sql(
		common.format(where="m.name like 'PMB-%%' and m.party_organization != %(branch)s", n=n),
		dict(values, branch=ctx["branch"], prefix="FAW-O-", state="Department Review", opinion="情况属实"),
	)
	frappe.db.bulk_insert(
		"ToDo",
		[
			"name",
			"owner",
			"modified_by",
			"creation",
			"modified",
			"status",
			"description",
			"allocated_to",
			"priority",
		],
		[
			(
				f"bench-wf-{i:04d}",
				"Administrator",
				"Administrator",
				stamp,
				stamp,
				"Open",
				f"bench-wf-{i}",
				"Administrator",
				"Medium",
			)
			for i in range(2 * n)
		],
	)
	# as in production, each document waits with its open Workflow Action for the role of its state
	# (Frappe creates it when the state is entered; these rows were made by SQL)
	for doctype, pattern, role_sql in (
		(
			"Fund Application",
			"FAW-%%",
			"if(d.workflow_state = 'Branch Review', 'Branch Secretary', 'Organization Officer')",
		),
		("ToDo", "bench-wf-%%", "'System Manager'"),
	):
		state = "d.workflow_state" if doctype == "Fund Application" else "d.status"
		frappe.db.sql(
			f"""insert into `tabWorkflow Action` (name, owner, creation, modified, modified_by, docstatus, idx,
				status, reference_name, reference_doctype, workflow_state)
			select concat('wfa-', d.name), 'Administrator', %(stamp)s, %(stamp)s, 'Administrator', 0, 0, 'Open', d.name,
				%(doctype)s, {state} from `tab{doctype}` d where d.name like '{pattern}'""",
			{"stamp": stamp, "doctype": doctype},
		)
		frappe.db.sql(
			f"""insert into `tabWorkflow Action Permitted Role` (name, owner, creation, modified, modified_by,
				docstatus, idx, parent, parenttype, parentfield, role)
			select concat('wfr-', d.name), 'Administrator', %(stamp)s, %(stamp)s, 'Administrator', 0, 1, concat('wfa-', d.name),
				'Workflow Action', 'permitted_roles', {role_sql} from `tab{doctype}` d where d.name like '{pattern}'""",
			{"stamp": stamp},
		)
	for doctype, field, value in (
		("Workflow State", "workflow_state_name", "Open"),
		("Workflow State", "workflow_state_name", "Closed"),
		("Workflow Action Master", "workflow_action_name", "Close"),
	):
		if not frappe.db.exists(doctype, value):
			frappe.get_doc({"doctype": doctype, field: value}).insert(ignore_permissions=True)
	frappe.get_doc(
		doctype="Workflow",
		workflow_name=BENCH_FLOW,
		document_type="ToDo",
		is_active=1,
		workflow_state_field="status",
		send_email_alert=0,
		states=[
			{"state": "Open", "doc_status": "0", "allow_edit": "System Manager"},
			{"state": "Closed", "doc_status": "0", "allow_edit": "System Manager"},
		],
		transitions=[
			{
				"state": "Open",
				"action": "Close",
				"next_state": "Closed",
				"allowed": "System Manager",
				"allow_self_approval": 1,
			}
		],
	).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.clear_cache(doctype="ToDo")
	sec = frappe.get_all(
		"Fund Application", filters={"name": ["like", "FAW-S%"]}, pluck="name", order_by="name"
	)
	off = frappe.get_all(
		"Fund Application", filters={"name": ["like", "FAW-O-%"]}, pluck="name", order_by="name"
	)
	todos = [f"bench-wf-{i:04d}" for i in range(2 * n)]
	assert len(sec) >= n and len(off) >= n, (len(sec), len(off))
	url_of = {}

	def step(doctype, names, action):
		taken = itertools.count()

		def call(s, i):
			name = names[next(taken)]
			return s.post(
				url_of["url"] + "/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": json.dumps({"doctype": doctype, "name": name}), "action": action},
			)

		return call

	todo_step = step("ToDo", todos, "Close")
	return _Steps(
		url_of,
		{
			"secretary": (step("Fund Application", sec, "Pass Branch Review"), todo_step),
			"officer": (step("Fund Application", off, "Accept"), todo_step),
		},
	)


class _Steps(dict):
	"""The calls need the served URL, known once gunicorn is up."""

	def __init__(self, url_of, calls):
		super().__init__(calls)
		self.url_of = url_of


def _drop_workflow_fixtures(frappe):
	if frappe.db.exists("Workflow", BENCH_FLOW):
		frappe.delete_doc("Workflow", BENCH_FLOW, ignore_permissions=True, force=True)
	frappe.db.sql("delete from `tabFund Application` where name like 'FAW-%%'")
	frappe.db.sql(
		"delete from `tabVersion` where ref_doctype in ('Fund Application', 'ToDo') and "
		"(docname like 'FAW-%%' or docname like 'bench-wf-%%')"
	)
	frappe.db.sql("delete from `tabToDo` where name like 'bench-wf-%%'")
	frappe.db.sql(
		"delete from `tabWorkflow Action Permitted Role` where parent in (select name from `tabWorkflow Action` "
		"where reference_name like 'FAW-%%' or reference_name like 'bench-wf-%%')"
	)
	frappe.db.sql(
		"delete from `tabWorkflow Action` where reference_name like 'FAW-%%' or reference_name like 'bench-wf-%%'"
	)
	frappe.db.commit()
	frappe.clear_cache(doctype="ToDo")


# --- main -------------------------------------------------------------------------------------


def print_table(results, header):
	print(header)
	print(f"{'measure':<46}{'app s':>9}{'base s':>9}{'ratio':>7}{'MiB':>7}{'rows':>9}  check")
	for r in results:
		check = "" if "equal" not in r else ("equal" if r["equal"] else "DIFFERS")
		extra = "".join(f" {k}={r[k]}" for k in ("queries", "matches") if r.get(k) is not None)
		print(
			f"{r['name']:<46}{r['app_s']:>9.3f}{(r['base_s'] or 0):>9.3f}{(r['ratio'] or 0):>7.2f}"
			f"{r['app_mib']:>7.1f}{r.get('rows', '')!s:>9}  {check}{extra}"
		)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--members", type=int, default=None, help="100000; 1000000 with --province")
	parser.add_argument(
		"--committees",
		type=int,
		default=None,
		help="a province: a work committee over this many committees (issue 22)",
	)
	parser.add_argument(
		"--province", action="store_true", help="--committees 50 --members 1000000 --clients 64"
	)
	parser.add_argument("--mix", choices=("realistic", "stress"), default="realistic")
	parser.add_argument("--regenerate", action="store_true")
	parser.add_argument("--repeat", type=int, default=3)
	parser.add_argument(
		"--only",
		default="",
		help="comma-separated groups: "
		+ ",".join(["reports", "jobs", "campaign", "inserts", "lists", "rest"]),
	)
	parser.add_argument("--report", action="append", help="only this report (repeatable)")
	parser.add_argument("--out", default="latest.json")
	parser.add_argument(
		"--merge", action="store_true", help="replace only the measured rows in the existing results"
	)
	parser.add_argument(
		"--clients", type=int, default=None, help="concurrent REST clients (16; 64 in a province)"
	)
	parser.add_argument(
		"--rest-calls", default="", help="only these REST calls: list,get,insert,workflow step"
	)
	parser.add_argument("--rest-who", default="", help="only these REST users: secretary,officer")
	parser.add_argument("--requests", type=int, default=10, help="REST requests per client and call")
	parser.add_argument("--workers", type=int, default=4, help="gunicorn workers for the REST measures")
	parser.add_argument("--admin-password", default=os.environ.get("ADMIN_PASSWORD", "admin"))
	args = parser.parse_args()
	if args.province:
		args.committees = args.committees or 50
		args.members = args.members or 1000000
	args.members = args.members or 100000
	args.clients = args.clients or (64 if args.committees else 16)

	os.chdir(os.path.join(BENCH, "sites"))
	import frappe

	frappe.init(site=SITE, sites_path=os.path.join(BENCH, "sites"))
	frappe.connect()
	frappe.set_user("Administrator")
	import generate

	try:
		import batch_bench  # noqa: F401  (registers its own measures, when present)
	except ImportError:
		pass

	data = generate.generated()
	if (
		args.regenerate
		or not data
		or data.get("members_requested") != args.members
		or data.get("mix") != args.mix
		or data.get("committees") != args.committees
	):
		started = time.perf_counter()
		data = generate.generate(args.members, args.mix, args.committees)
		data["generation_s"] = round(time.perf_counter() - started, 1)
		frappe.db.set_default(generate.MARKER, frappe.as_json(data))
		frappe.db.commit()
	generate.restore_indexes()  # an interrupted generation's bulk load: its indexes first
	ctx = ensure_users(frappe, args.committees)
	groups = [g for g in args.only.split(",") if g] or list(MEASURES)
	results = []
	for group in groups:
		for fn in MEASURES.get(group, []):
			results.extend(fn(frappe, ctx, args))
			frappe.db.rollback()
	header = (
		f"party_care benchmark on {SITE}: {data.get('Member')} members, {data.get('Visit')} visits ({args.mix}), "
		f"Frappe {frappe.__version__}"
	)
	print_table(results, header)
	buffer_pool = frappe.db.sql("select @@innodb_buffer_pool_size")[0][0]
	out = {
		"site": SITE,
		"frappe": frappe.__version__,
		"data": data,
		"mix": args.mix,
		"innodb_buffer_pool_mib": int(buffer_pool) // 2**20,
		"measured_on": frappe.utils.now(),
		"results": results,
	}
	if args.committees:
		import province

		out.update(
			committees=args.committees,
			clients=args.clients,
			workers=args.workers,
			machine=province.machine(frappe),
			disk=province.disk(frappe),
		)
	os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
	# latest.json (or --out) and one file per data set and buffer pool, e.g. 100000-stress-128M.json
	per_set = f"{args.members}-{args.mix}-{out['innodb_buffer_pool_mib']}M.json"
	if args.committees:
		per_set = f"province-{args.committees}x{per_set}"
	for name in {args.out, per_set}:
		path = os.path.join(HERE, "results", name)
		if args.merge and os.path.exists(path):
			with open(path) as f:
				previous = json.load(f)["results"]
			measured = {r["name"]: r for r in results}
			out["results"] = [measured.pop(r["name"], r) for r in previous] + list(measured.values())
		with open(path, "w") as f:
			json.dump(out, f, indent=1, ensure_ascii=False, default=str)
	frappe.db.rollback()
	frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())
