"""A city committee's year, generated set-based on the benchmark site (never on a real one).

~2,000 organisations (a committee, 20 general branches, 1,000 branches each with a party group),
N members spread over the branches and groups, 10 visits and talks per member, 50,000 member
events, 10,000 hardship cases, 50,000 fund applications in every workflow state with the ledger
of the paid ones, 20,000 commendations, and as many ToDo rows as members for the baselines.
Every table is filled by INSERT … SELECT over MariaDB's sequence engine (seq_0_to_N), so
100,000 members and 1,000,000 visits take minutes, not hours. Values are derived from the row
number with crc32, so a rerun gives the same data. Scaled to --members (events, cases,
applications and commendations scale with it).

Mix "realistic": most visits done, ~2 % overdue; "stress": a third each Planned, Done and
Cancelled, due dates over two years (the figures of issue 12).

A province (issue 22, `--committees 50 --members 1000000`): a work committee over N committees,
each with 8 general branches of 50 branches (each with a party group), its own fund
(Care Fund.committee) and its members' applications on that fund. Every member-derived table is
filled in chunks (500,000 visits per statement), with the tables' non-unique secondary indexes
dropped first and rebuilt at the end exactly as they were (one sort per table instead of a
million index insertions; the definitions are kept in Defaults until restored, so an interrupted
run restores them on the next)."""

import time

import frappe
from frappe.utils import update_progress_bar

PREFIX = "基准"
COMMITTEE = f"{PREFIX}市委"
FUND = f"{PREFIX}关怀基金"
GENERAL_BRANCHES = 20
BRANCHES_PER_GENERAL = 50
MARKER = "party_care_bench_generated"  # a Defaults key holding the counts of the last generation
DEFERRED = "party_care_bench_deferred_indexes"  # indexes dropped for the bulk load, not yet rebuilt
WORK_COMMITTEE = f"{PREFIX}市级机关工委"
PROVINCE_GENERAL_BRANCHES = 8
PROVINCE_BRANCHES_PER_GENERAL = 50
# the tables filled here whose non-unique secondary indexes are rebuilt after the load
BULK_TABLES = (
	"Member",
	"Visit",
	"Member Event",
	"Hardship Case",
	"Fund Application",
	"Fund Ledger Entry",
	"Commendation",
	"ToDo",
)


def committee_name(c: int) -> str:
	return f"{PREFIX}第{c + 1:02d}党委"


def fund_name(c: int) -> str:
	return f"{PREFIX}第{c + 1:02d}党委关怀基金"


def root(committees: int | None = None) -> str:
	return WORK_COMMITTEE if committees else COMMITTEE


def first_branch(committees: int | None = None, c: int = 0) -> str:
	return f"{PREFIX}{c + 1:02d}-01-01支部" if committees else f"{PREFIX}第01-01支部"


def generated() -> dict | None:
	value = frappe.db.get_default(MARKER)
	return frappe.parse_json(value) if value else None


def organizations(committees: int | None = None) -> list[tuple]:
	"""(name, type, parent, committee) of the tree, parents before children: the city's one
	committee, or a work committee over `committees` committees (each its own committee)."""
	if not committees:
		rows = [(COMMITTEE, "Committee", None, COMMITTEE)]
		for g in range(GENERAL_BRANCHES):
			general = f"{PREFIX}第{g + 1:02d}党总支"
			rows.append((general, "General Branch", COMMITTEE, COMMITTEE))
			for b in range(BRANCHES_PER_GENERAL):
				branch = f"{PREFIX}第{g + 1:02d}-{b + 1:02d}支部"
				rows.append((branch, "Branch", general, COMMITTEE))
				rows.append((f"{branch}第一党小组", "Party Group", branch, COMMITTEE))
		return rows
	rows = [(WORK_COMMITTEE, "Committee", None, WORK_COMMITTEE)]
	for c in range(committees):
		committee = committee_name(c)
		rows.append((committee, "Committee", WORK_COMMITTEE, committee))
		for g in range(PROVINCE_GENERAL_BRANCHES):
			general = f"{PREFIX}{c + 1:02d}-{g + 1:02d}党总支"
			rows.append((general, "General Branch", committee, committee))
			for b in range(PROVINCE_BRANCHES_PER_GENERAL):
				branch = f"{PREFIX}{c + 1:02d}-{g + 1:02d}-{b + 1:02d}支部"
				rows.append((branch, "Branch", general, committee))
				rows.append((f"{branch}第一党小组", "Party Group", branch, committee))
	return rows


def funds(committees: int | None = None) -> list[tuple]:
	"""(fund, committee): the city's one fund, or one per committee of the province."""
	if not committees:
		return [(FUND, COMMITTEE)]
	return [(fund_name(c), committee_name(c)) for c in range(committees)]


def nested_set(rows, top=COMMITTEE):
	children: dict[str | None, list[str]] = {}
	for name, _type, parent, _committee in rows:
		children.setdefault(parent, []).append(name)
	bounds, counter = {}, [0]

	def walk(node):
		counter[0] += 1
		left = counter[0]
		for child in children.get(node, []):
			walk(child)
		counter[0] += 1
		bounds[node] = (left, counter[0])

	walk(top)
	return bounds


STARTED = [time.perf_counter()]


def _step(label, i, total):
	update_progress_bar(label, i, total)
	print(f"  [{time.perf_counter() - STARTED[0]:.0f} s] {label} {i}/{total}", flush=True)


def _chunked(label, members, chunk, run):
	"""run(lo, hi) for member numbers [lo, hi) in chunks, committing each, with a progress bar."""
	for start in range(0, members, chunk):
		run(start, min(start + chunk, members))
		frappe.db.commit()
		update_progress_bar(label, min(start + chunk, members), members)
	print(f"  [{time.perf_counter() - STARTED[0]:.0f} s] {label}: {members} members done", flush=True)


def _member_range(lo, hi):
	return {"lo": f"PMB-{lo:07d}", "hi": f"PMB-{hi:07d}"}


def _secondary_indexes(table):
	"""[(name, columns)] of the table's non-unique secondary indexes, as information_schema has them."""
	return [
		(name, columns)
		for name, columns in frappe.db.sql(
			"""select index_name, group_concat(concat('`', column_name, '`',
				if(sub_part is null, '', concat('(', sub_part, ')'))) order by seq_in_index)
			from information_schema.statistics where table_schema = database() and table_name = %s
				and non_unique = 1 group by index_name""",
			table,
		)
	]


def drop_indexes(doctypes=BULK_TABLES):
	"""Drop the non-unique secondary indexes of these tables for the bulk load, remembering them
	(in Defaults, before dropping) for restore_indexes()."""
	saved = frappe.parse_json(frappe.db.get_default(DEFERRED) or "{}")
	for doctype in doctypes:
		table = f"tab{doctype}"
		indexes = _secondary_indexes(table)
		if not indexes:
			continue
		saved[table] = saved.get(table, []) + [list(i) for i in indexes]
		frappe.db.set_default(DEFERRED, frappe.as_json(saved))
		frappe.db.commit()
		frappe.db.sql_ddl(f"alter table `{table}` " + ", ".join(f"drop index `{n}`" for n, _c in indexes))


def restore_indexes():
	"""Rebuild the indexes drop_indexes() dropped (one ALTER per table: one sort each)."""
	saved = frappe.parse_json(frappe.db.get_default(DEFERRED) or "{}")
	for i, (table, indexes) in enumerate(saved.items()):
		have = {
			r[0]
			for r in frappe.db.sql(
				"select distinct index_name from information_schema.statistics "
				"where table_schema = database() and table_name = %s",
				table,
			)
		}
		missing = [(n, c) for n, c in indexes if n not in have]
		if missing:
			frappe.db.sql_ddl(
				f"alter table `{table}` " + ", ".join(f"add index `{n}` ({c})" for n, c in missing)
			)
		_step(f"indexes rebuilt: {table}", i + 1, len(saved))
	frappe.db.set_default(DEFERRED, "")
	frappe.db.commit()


def _sql(query, values=None):
	if values is None:
		frappe.db.sql(query)
	else:
		frappe.db.sql(query, values)


def rebuild_visit_months():
	from party_care.care_visits.visit_months import rebuild

	rebuild()


def clear():
	"""Remove a previous generation (only the benchmark's own rows)."""
	for table, condition in (
		("Visit", "name like 'VB-%%'"),
		("Member Event", "name like 'EVB-%%'"),
		("Hardship Case", "name like 'HCB-%%'"),
		("Fund Ledger Entry", "name like 'FLEB-%%'"),
		("Fund Application", "name like 'FAB-%%'"),
		("Commendation", "name like 'CMB-%%'"),
		("Political Birthday Greeting", "member like 'PMB-%%'"),
		("ToDo", "name like 'bench-%%'"),
		("Member", "name like 'PMB-%%'"),
	):
		_sql(f"delete from `tab{table}` where {condition}")
	rebuild_visit_months()
	frappe.db.commit()


def generate(members: int = 100000, mix: str = "realistic", committees: int | None = None) -> dict:
	"""Fill the site; returns the counts. Idempotent only through clear() first."""
	from frappe.utils import now

	today = frappe.utils.getdate()
	stamp = now()
	steps = 11
	STARTED[0] = time.perf_counter()
	_step("generating", 0, steps)
	drop_indexes()
	clear()

	# 1. organisations (2,021 rows for the city, 40,051 for 50 committees: nested set computed here)
	tree = organizations(committees)
	top = root(committees)
	bounds = nested_set(tree, top)
	existing = set(
		frappe.get_all("Party Organization", filters={"name": ["like", f"{PREFIX}%"]}, pluck="name")
	)
	new = [r for r in tree if r[0] not in existing]
	if new:
		frappe.db.bulk_insert(
			"Party Organization",
			[
				"name",
				"owner",
				"modified_by",
				"creation",
				"modified",
				"organization_name",
				"organization_type",
				"parent_party_organization",
				"is_group",
				"lft",
				"rgt",
			],
			[
				(n, "Administrator", "Administrator", stamp, stamp, n, t, p, int(t != "Party Group"), 0, 0)
				for n, t, p, _c in new
			],
		)
	# place the benchmark tree after everything else in the site's nested set
	offset = frappe.db.sql(
		"select coalesce(max(rgt), 0) from `tabParty Organization` where name not like %s", f"{PREFIX}%"
	)[0][0]
	frappe.db.sql_ddl(
		"create temporary table if not exists _pc_bounds (name varchar(140) primary key, lft int, rgt int)"
	)
	_sql("delete from _pc_bounds")
	values = ",".join(["(%s, %s, %s)"] * len(bounds))
	_sql(
		f"insert into _pc_bounds values {values}",
		[x for n, (a, b) in bounds.items() for x in (n, a + offset, b + offset)],
	)
	_sql(
		"update `tabParty Organization` o join _pc_bounds b on b.name = o.name set o.lft = b.lft, o.rgt = b.rgt"
	)
	# a benchmark organisation of another layout (city / province) is no longer in the tree
	_sql(
		"""delete o from `tabParty Organization` o left join _pc_bounds b on b.name = o.name
		where o.name like %s and b.name is null""",
		f"{PREFIX}%",
	)
	# the funds, one per committee (Care Fund.committee), through the controller
	fund_of = {}
	for fund, committee in funds(committees):
		if not frappe.db.exists("Care Fund", fund):
			frappe.get_doc(
				doctype="Care Fund", fund_name=fund, fund_type="Hardship Assistance", committee=committee
			).insert()
		elif frappe.db.get_value("Care Fund", fund, "committee") != committee:
			frappe.db.set_value("Care Fund", fund, "committee", committee)
		fund_of[committee] = fund
	leaves = [(n, fund_of[c]) for n, t, _p, c in tree if t in ("Branch", "Party Group")]
	frappe.db.sql_ddl(
		"create temporary table if not exists _pc_leaves (idx int primary key, name varchar(140), "
		"fund varchar(140), key (name))"
	)
	_sql("delete from _pc_leaves")
	for start in range(0, len(leaves), 5000):
		part = leaves[start : start + 5000]
		_sql(
			"insert into _pc_leaves values " + ",".join(["(%s, %s, %s)"] * len(part)),
			[x for i, (n, f) in enumerate(part, start) for x in (i, n, f)],
		)
	frappe.db.commit()
	_step("generating", 1, steps)

	# 2. members
	n_leaves = len(leaves)
	member_sql = f"""insert into `tabMember` (name, owner, modified_by, creation, modified, docstatus, idx, full_name, gender,
			id_number, id_number_masked, date_of_birth, party_organization, member_status, date_joined, joined_month_day,
			date_full_member, is_retired, is_living_alone, is_widowed_or_childless, is_incapacitated,
			is_chronically_ill, is_duty_martyr_family, is_migrant_worker, is_low_income)
		select concat('PMB-', lpad(t.seq, 7, '0')), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0,
			concat('{PREFIX}党员', t.seq), if(t.seq %% 2, 'Male', 'Female'),
			concat('B', lpad(t.seq, 17, '0')), concat('B*************', lpad(t.seq %% 10000, 4, '0')),
			t.dob, l.name,
			case when t.st < 3 then 'Probationary' when t.st = 3 then 'Transferred Out'
				when t.st = 4 then 'Deceased' else 'Full' end,
			t.joined, date_format(t.joined, '%%m-%%d'),
			if(t.st < 3, null, date_add(t.joined, interval 1 year)),
			t.dob < '1966-01-01', t.seq %% 23 = 0, t.seq %% 29 = 0, t.seq %% 31 = 0, t.seq %% 17 = 0, t.seq %% 211 = 0,
			t.seq %% 13 = 0, t.seq %% 19 = 0
		from (
			select s.seq, crc32(concat('st', s.seq)) %% 100 st, date_add('1930-01-01', interval (s.seq * 7919) %% 26000 day) dob,
				least(date_add(date_add('1930-01-01', interval (s.seq * 7919) %% 26000 day),
					interval 6570 + (s.seq * 104729) %% 18000 day), date_sub(%(today)s, interval 400 + s.seq %% 300 day)) joined
			from seq_{{lo}}_to_{{hi}} s
		) t join _pc_leaves l on l.idx = t.seq %% {n_leaves}"""
	_chunked(
		"members",
		members,
		100000,
		lambda lo, hi: _sql(member_sql.format(lo=lo, hi=hi - 1), {"stamp": stamp, "today": today}),
	)
	_step("generating", 2, steps)

	# 3. visits and talks: ten per member, due dates over two years
	if mix == "stress":
		status = "elt(1 + crc32(concat(x.member, 's', x.k)) %% 3, 'Planned', 'Done', 'Cancelled')"
	else:
		status = """if(x.due >= %(today)s, 'Planned',
			case when x.r2 < 960 then 'Done' when x.r2 < 980 then 'Cancelled' else 'Planned' end)"""
	visit_sql = f"""insert into `tabVisit` (name, owner, modified_by, creation, modified, docstatus, idx, member,
			member_name, party_organization, visit_reason, visit_type, status, due_date, visit_date, overdue_reminded_on)
		select v.name, 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0, v.member, v.full_name, v.org,
			if(v.k < 3, 'Annual Talk', 'Routine Visit'), if(v.k < 3, 'Talk', 'Visit'), v.status, v.due,
			if(v.status = 'Done', date_sub(v.due, interval (v.r2 %% 20) - if(v.r2 %% 10 = 0, 25, 0) day), null),
			if(v.status = 'Planned' and v.due < date_sub(%(today)s, interval 1 day), date_add(v.due, interval 1 day), null)
		from (
			select x.*, {status} status from (
				select concat('VB-', substr(m.name, 5), '-', k.seq) name, m.name member, m.full_name,
					m.party_organization org, k.seq k,
					date_sub(%(today)s, interval cast(crc32(concat(m.name, k.seq)) %% 730 as signed) - 30 day) due,
					cast(crc32(concat(k.seq, m.name)) %% 1000 as signed) r2
				from `tabMember` m join seq_0_to_9 k
				where m.name >= %(lo)s and m.name < %(hi)s
			) x
		) v"""
	_chunked(
		"visits",
		members,
		50000,
		lambda lo, hi: _sql(visit_sql, {"stamp": stamp, "today": today, **_member_range(lo, hi)}),
	)
	_step("generating", 3, steps)
	in_range = "m.name >= %(lo)s and m.name < %(hi)s"

	# 4. member events (half the members, one each; capped at members / 2)
	events_sql = (
		"""insert into `tabMember Event` (name, owner, modified_by, creation, modified, docstatus, idx, member,
			member_name, party_organization, event_type, event_date, reported_by)
		select concat('EVB-', substr(m.name, 5)), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0,
			m.name, m.full_name, m.party_organization,
			elt(1 + crc32(m.name) %% 6, 'Hospitalisation or Serious Illness', 'Death in the Family',
				'Disaster or Accident', 'Change of Post', 'Retirement', 'Special Hardship'),
			date_sub(%(today)s, interval crc32(concat('e', m.name)) %% 700 day), 'Administrator'
		from `tabMember` m where m.name like 'PMB-%%' and substr(m.name, 5) %% 2 = 0 and """
		+ in_range
	)
	_chunked(
		"events",
		members,
		100000,
		lambda lo, hi: _sql(events_sql, {"stamp": stamp, "today": today, **_member_range(lo, hi)}),
	)
	_step("generating", 4, steps)

	# 5. hardship cases: one in ten members
	cases_sql = (
		"""insert into `tabHardship Case` (name, owner, modified_by, creation, modified, docstatus, idx, member,
			member_name, party_organization, registered_on, hardship_type, hardship_level, status, is_unpaired,
			next_review_date, closing_date)
		select concat('HCB-', substr(m.name, 5)), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0,
			m.name, m.full_name, m.party_organization,
			date_sub(%(today)s, interval 30 + crc32(m.name) %% 1000 day),
			elt(1 + crc32(m.name) %% 8, 'Illness', 'Disaster', 'Accident', 'Bereavement',
				'Elderly without Fixed Income', 'Disability', 'Unemployment', 'Low Income'),
			elt(1 + crc32(concat('l', m.name)) %% 3, 'General', 'Serious', 'Urgent'),
			elt(1 + least(crc32(concat('s', m.name)) %% 20, 14) div 6 + (crc32(concat('s', m.name)) %% 20 >= 17),
				'Open', 'Under Assistance', 'Closed', 'Closed'),
			crc32(concat('p', m.name)) %% 5 = 0,
			date_add(%(today)s, interval cast(crc32(concat('r', m.name)) %% 360 as signed) - 90 day),
			null
		from `tabMember` m where m.name like 'PMB-%%' and substr(m.name, 5) %% 10 = 7 and """
		+ in_range
	)
	_chunked(
		"hardship cases",
		members,
		200000,
		lambda lo, hi: _sql(cases_sql, {"stamp": stamp, "today": today, **_member_range(lo, hi)}),
	)
	_sql(
		"update `tabHardship Case` set closing_date = date_sub(%s, interval 10 day), closing_reason = 'Out of Hardship' "
		"where name like 'HCB-%%' and status = 'Closed'",
		today,
	)
	_step("generating", 5, steps)

	# 6. the funds' money in, fund applications in every state (on the fund of the member's
	# committee) and the ledger of the paid ones
	applications_sql = (
		"""insert into `tabFund Application` (name, owner, modified_by, creation, modified, docstatus, idx, member,
			member_name, party_organization, application_date, care_fund, purpose, amount_requested, reason,
			amount_approved, workflow_state, paid_on, payment_method, applied_by)
		select a.name, 'Administrator', 'Administrator', %(stamp)s, %(stamp)s,
			if(a.state in ('Paid', 'Rejected'), 1, 0), 0, a.member, a.full_name, a.org, a.applied, a.fund,
			elt(1 + a.r %% 6, 'Living Hardship Subsidy', 'Serious Illness or Disaster Relief', 'Children''s Schooling',
				'Condolence', 'Training', 'Emergency Relief'),
			200 + (a.r %% 48) * 100, %(reason)s,
			if(a.state in ('Approved', 'Paid', 'Public Notice'), 200 + (a.r %% 48) * 100, 0), a.state,
			if(a.state = 'Paid', date_add(a.applied, interval 20 + a.r %% 20 day), null),
			if(a.state = 'Paid', 'Real-name Bank Card', null), 'Administrator'
		from (
			select concat('FAB-', substr(m.name, 5)) name, m.name member, m.full_name, m.party_organization org, l.fund,
				date_sub(%(today)s, interval 40 + crc32(concat('a', m.name)) %% 690 day) applied,
				crc32(concat('f', m.name)) r,
				elt(1 + least(crc32(concat('w', m.name)) %% 16, 15), 'Draft', 'Branch Review', 'Department Review',
					'Committee Review', 'Public Notice', 'Approved', 'Rejected', 'Paid', 'Paid', 'Paid', 'Paid',
					'Paid', 'Paid', 'Paid', 'Paid', 'Paid') state
			from `tabMember` m join _pc_leaves l on l.name = m.party_organization
			where m.name like 'PMB-%%' and substr(m.name, 5) %% 2 = 1 and """
		+ in_range
		+ """
		) a"""
	)
	_chunked(
		"applications",
		members,
		100000,
		lambda lo, hi: _sql(
			applications_sql,
			{"stamp": stamp, "today": today, "reason": "基准申请", **_member_range(lo, hi)},
		),
	)
	# each fund's money in: 24 monthly allocations of a twentieth of what it paid, from its committee
	_sql(
		"""insert into `tabFund Ledger Entry` (name, owner, modified_by, creation, modified, docstatus, idx,
			care_fund, posting_date, entry_type, amount_in, amount_out, amount, party_organization, remarks)
		select concat('FLEB-IN-', lpad(f.k, 3, '0'), '-', lpad(s.seq, 4, '0')), 'Administrator', 'Administrator',
			%(stamp)s, %(stamp)s, 1, 0, f.care_fund, date_sub(%(today)s, interval 740 - s.seq * 30 day), 'Allocation',
			f.share, 0, f.share, f.committee, 'bench'
		from (
			select p.care_fund, c.committee, round(p.paid / 20, 2) share, row_number() over (order by p.care_fund) k
			from (select care_fund, sum(amount_approved) paid from `tabFund Application`
				where name like 'FAB-%%' and workflow_state = 'Paid' group by care_fund) p
			join `tabCare Fund` c on c.name = p.care_fund
		) f join seq_0_to_23 s""",
		{"stamp": stamp, "today": today},
	)
	_sql(
		"""insert into `tabFund Ledger Entry` (name, owner, modified_by, creation, modified, docstatus, idx,
			care_fund, posting_date, entry_type, amount_in, amount_out, amount, party_organization, member, member_name,
			reference_doctype, reference_name, payment_key)
		select concat('FLEB-', substr(a.name, 5)), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 1, 0,
			a.care_fund, a.paid_on, 'Payment', 0, a.amount_approved, a.amount_approved, a.party_organization, a.member,
			a.member_name, 'Fund Application', a.name, concat('Fund Application::', a.name)
		from `tabFund Application` a where a.name like 'FAB-%%' and a.workflow_state = 'Paid'""",
		{"stamp": stamp},
	)
	_sql(
		"update `tabFund Application` set ledger_entry = concat('FLEB-', substr(name, 5)) "
		"where name like 'FAB-%%' and workflow_state = 'Paid'"
	)
	_step("generating", 6, steps)

	# 7. commendations: one in five members, excellent members and the 50-year medal, every state
	commendations_sql = (
		"""insert into `tabCommendation` (name, owner, modified_by, creation, modified, docstatus, idx, award_type,
			recipient_kind, member, recipient_name, year, party_organization, nominating_organization,
			nomination_kind, citation, workflow_state, award_date, certificate_number)
		select c.name, 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, if(c.state in ('Awarded', 'Rejected'), 1, 0),
			0, c.award, 'Member', c.member, c.full_name, c.year, c.org, c.org, 'Organization', '基准推荐', c.state,
			if(c.state = 'Awarded', concat(c.year, '-07-01'), null),
			if(c.state = 'Awarded', concat('B', c.year, '-', substr(c.name, 5)), null)
		from (
			select concat('CMB-', substr(m.name, 5)) name, m.name member, m.full_name, m.party_organization org,
				if(m.date_full_member <= '1976-07-01', '50 Years in the Party medal', 'Excellent Party Member') award,
				cast(%(year)s as signed) - cast(crc32(concat('y', m.name)) %% 2 as signed) year,
				elt(1 + crc32(concat('c', m.name)) %% 8, 'Nominated', 'Branch Recommended', 'Committee Approved',
					'Public Notice', 'Rejected', 'Awarded', 'Awarded', 'Awarded') state
			from `tabMember` m where m.name like 'PMB-%%' and substr(m.name, 5) %% 5 = 3 and """
		+ in_range
		+ """
		) c"""
	)
	_chunked(
		"commendations",
		members,
		200000,
		lambda lo, hi: _sql(commendations_sql, {"stamp": stamp, "year": today.year, **_member_range(lo, hi)}),
	)
	_step("generating", 7, steps)

	# 8. ToDo rows for the baselines: as many as members, spread over as many "organisations"
	todo_sql = f"""insert into `tabToDo` (name, owner, modified_by, creation, modified, docstatus, idx, status, description,
			date, allocated_to, reference_type, reference_name, priority)
		select concat('bench-', lpad(s.seq, 7, '0')), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0,
			'Open', concat('bench-', s.seq), date_sub(%(today)s, interval s.seq %% 730 day), 'Administrator',
			'Party Organization', l.name, 'Medium'
		from seq_{{lo}}_to_{{hi}} s join _pc_leaves l on l.idx = s.seq %% {n_leaves}"""
	_chunked(
		"todos",
		members,
		200000,
		lambda lo, hi: _sql(todo_sql.format(lo=lo, hi=hi - 1), {"stamp": stamp, "today": today}),
	)
	_step("generating", 8, steps)

	# 9. the indexes, rebuilt as they were; then what reads them: branch secretaries (the first
	# member of each branch; no logins — the benchmark's own secretaries get theirs through the
	# controller in fixtures.py) and the visit counts the app keeps on every visit save
	restore_indexes()
	_sql(
		"""update `tabParty Organization` o join (
			select party_organization org, min(name) m from `tabMember` where name like 'PMB-%%' and member_status = 'Full'
			group by party_organization) s on s.org = o.name
		set o.secretary = s.m where o.organization_type = 'Branch' and o.secretary is null"""
	)
	frappe.db.commit()
	rebuild_visit_months()
	_step("generating", 9, steps)
	counts = {
		dt: frappe.db.count(dt)
		for dt in (
			"Party Organization",
			"Member",
			"Visit",
			"Member Event",
			"Hardship Case",
			"Fund Application",
			"Fund Ledger Entry",
			"Commendation",
			"ToDo",
		)
	}
	counts.update(members_requested=members, mix=mix, committees=committees, generated_on=str(today))
	frappe.db.set_default(MARKER, frappe.as_json(counts))
	frappe.db.commit()
	_step("generating", 10, steps)
	print()
	return counts
