"""The oracles of the report measure: for every Script Report, the filters, a signature of its rows
and hand-written SQL that gives the same signature on the same data (the app's figures must be
equal to it, and are timed against it)."""

import datetime


def bounds(frappe, org):
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


# the reports the work committee reads with one line per committee (汇总层级: 党委, group_by)
BY_COMMITTEE = (
	"Care Coverage",
	"Annual Care Assessment",
	"Hardship Register",
	"Fund Payments",
	"Commendations",
)


def hardship_counts(frappe):
	"""The Hardship Register's by-committee oracle: its summary counts the cases, no row fetched."""
	return lambda values: _sql_by_org(
		frappe,
		"""select c.party_organization, count(*) from `tabHardship Case` c
		join `tabParty Organization` org on org.name = c.party_organization
		and org.lft >= %(lft)s and org.rgt <= %(rgt)s group by c.party_organization""",
		values,
	)


def by_line(frappe, top, hand):
	"""The hand SQL's per-organisation figures added up into the by-committee lines of `top`: the
	highest committees under it, the rest on the top's own line (one range join maps them)."""
	lft, rgt = bounds(frappe, top)

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
