# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""Visit counts per organisation, month of the due date and month the visit was done in, and each
member's last visit and talk, kept in step with every visit.

Care Coverage and the annual assessment count a year of visits per organisation. At a city's
scale (1,000,000 visits) counting them from `tabVisit` reads ~500,000 index entries a year; this
table holds the same counts per (organisation, due month, done month): ~2,000 × 24 × a few rows.

A period counts what was planned for it and what was done in it: a visit is planned in a period
when it is due in it or was done in it (a Spring Festival visit due on 2 January and done on
3 December counts in December's year); done, and done on time, when it was done in it; overdue
when it is due in it, still open and due before today. `done_month` is the month of the visit
date for a visit done, and its due month otherwise — so "due in the months or done in them" is
one test on the two keys. The reports read the
whole months of their period from here and count the rest — the partial months at either end
and the current month, whose "overdue" depends on today — from `tabVisit` itself.

Like Frappe's own `__global_search`, it is a plain table, not a DocType: no role reads it
through any endpoint; the reports read it inside the viewer's scope.

It changes with each visit: `on_visit_change` (doc_events of Visit: on_update, after_delete) adds
the visit's new contribution and takes away its old one — increments on one row per month, so
two secretaries saving visits at once never deadlock or lose a count. Bulk paths (campaigns)
add their rows with `add_visit_range`; `rebuild()` recounts everything (install, every migrate,
the benchmark's generated data).

Each member's last visit and last talk done (Member.last_visit_on / last_talk_on, shown on the
form) are kept the same way, so "members talked with in the last year" and "members aged 80+
visited this year" are an index range per organisation instead of a probe into the visits for
each of 100,000 members."""

import datetime

import frappe
from frappe.utils import add_days, add_months, getdate

TABLE = "__party_care_visit_month"
MEASURES = ("planned", "done", "done_on_time", "open")

# one visit's contribution, in SQL (rebuild, bulk) and in Python (on_visit_change): the same rules
SQL_MEASURES = {
	"planned": "sum(v.status != 'Cancelled')",
	"done": "sum(v.status = 'Done')",
	"done_on_time": "sum(v.status = 'Done' and v.visit_date <= v.due_date)",
	"open": "sum(v.status = 'Planned')",
}
MONTH = "(v.due_date - interval (dayofmonth(v.due_date) - 1) day)"  # first day of the due month
_COUNTED_ON = "coalesce(if(v.status = 'Done', v.visit_date, null), v.due_date)"
# first day of the month it was done in (of the due month while not done)
DONE_MONTH = f"({_COUNTED_ON} - interval (dayofmonth({_COUNTED_ON}) - 1) day)"


def contribution(status, visit_date, due_date) -> dict:
	done = status == "Done"
	return {
		"planned": int(status != "Cancelled"),
		"done": int(done),
		"done_on_time": int(bool(done and visit_date and getdate(visit_date) <= getdate(due_date))),
		"open": int(status == "Planned"),
	}


def month_of(day) -> datetime.date:
	return getdate(day).replace(day=1)


def done_month_of(status, visit_date, due_date) -> datetime.date:
	return month_of(visit_date if status == "Done" and visit_date else due_date)


def ensure_table():
	if frappe.db.sql("show tables like %s", TABLE):
		if frappe.db.sql(f"show columns from `{TABLE}` like 'done_month'"):
			return  # DDL commits the transaction: only when the table is missing (install, first migrate)
		# an earlier version keyed by the due month only: made again, then recounted by rebuild()
		frappe.db.sql_ddl(f"drop table `{TABLE}`")
	frappe.db.sql_ddl(
		f"""create table if not exists `{TABLE}` (
			party_organization varchar(140) not null,
			month date not null,
			done_month date not null,
			planned int not null default 0,
			done int not null default 0,
			done_on_time int not null default 0,
			`open` int not null default 0,
			primary key (party_organization, month, done_month),
			key party_organization_done_month (party_organization, done_month)
		) engine=InnoDB character set=utf8mb4 collate=utf8mb4_unicode_ci"""
	)


def drop_table():
	frappe.db.sql_ddl(f"drop table if exists `{TABLE}`")


def rebuild(organizations: list[str] | None = None):
	"""Recount every organisation and month (or those of `organizations`), and their members' last
	visit and talk, from the visits (set-based)."""
	ensure_table()
	where, values = "", {}
	if organizations:
		where, values = "and v.party_organization in %(orgs)s", {"orgs": tuple(organizations)}
		frappe.db.sql(f"delete from `{TABLE}` where party_organization in %(orgs)s", values)
	else:
		frappe.db.sql(f"delete from `{TABLE}`")
	rebuild_members(organizations)
	frappe.db.sql(
		f"""insert into `{TABLE}` (party_organization, month, done_month, {", ".join(f"`{m}`" for m in MEASURES)})
		select v.party_organization, {MONTH}, {DONE_MONTH},
			{", ".join(SQL_MEASURES[m] for m in MEASURES)}
		from `tabVisit` v
		where v.party_organization is not null and v.due_date is not null {where}
		group by v.party_organization, {MONTH}, {DONE_MONTH}""",
		values,
	)


def refresh_members(members):
	"""Recompute the last visit and talk of these members from their visits (index dives)."""
	members = tuple(sorted({m for m in members if m}))
	if not members:
		return
	frappe.db.sql(
		"""update `tabMember` m set
			m.last_visit_on = (select max(v.visit_date) from `tabVisit` v
				where v.member = m.name and v.visit_type = 'Visit' and v.status = 'Done'),
			m.last_talk_on = (select max(v.visit_date) from `tabVisit` v
				where v.member = m.name and v.visit_type = 'Talk' and v.status = 'Done')
		where m.name in %(members)s""",
		{"members": members},
	)


def rebuild_members(organizations: list[str] | None = None):
	"""Every member's last visit and talk, set-based (rows already right are not rewritten); with
	`organizations`, only their members."""
	if organizations:
		refresh_members(
			frappe.get_all("Member", filters={"party_organization": ["in", organizations]}, pluck="name")
		)
		return
	frappe.db.sql(
		"""update `tabMember` m left join (
				select v.member, max(if(v.visit_type = 'Visit', v.visit_date, null)) last_visit,
					max(if(v.visit_type = 'Talk', v.visit_date, null)) last_talk
				from `tabVisit` v where v.status = 'Done' group by v.member
			) x on x.member = m.name
		set m.last_visit_on = x.last_visit, m.last_talk_on = x.last_talk
		where not (m.last_visit_on <=> x.last_visit and m.last_talk_on <=> x.last_talk)"""
	)


def _add(cells: dict):
	"""Add deltas {(organisation, due month, done month): {measure: n}}; rows are locked in key order."""
	for (org, month, done_month), delta in sorted(cells.items()):
		if not any(delta.values()):
			continue
		frappe.db.sql(
			f"""insert into `{TABLE}` (party_organization, month, done_month, {", ".join(f"`{m}`" for m in MEASURES)})
			values (%(org)s, %(month)s, %(done_month)s, {", ".join(f"%({m})s" for m in MEASURES)})
			on duplicate key update {", ".join(f"`{m}` = `{m}` + values(`{m}`)" for m in MEASURES)}""",
			{"org": org, "month": month, "done_month": done_month, **delta},
		)


def on_visit_change(doc, method=None):
	"""doc_events of Visit (on_update, after_delete): move the visit's counts to where it now is."""
	cells: dict = {}

	def put(source, sign: int):
		if not source or not source.get("party_organization") or not source.get("due_date"):
			return
		key = (
			source.get("party_organization"),
			month_of(source.get("due_date")),
			done_month_of(source.get("status"), source.get("visit_date"), source.get("due_date")),
		)
		counts = contribution(source.get("status"), source.get("visit_date"), source.get("due_date"))
		cell = cells.setdefault(key, dict.fromkeys(MEASURES, 0))
		for m in MEASURES:
			cell[m] += sign * counts[m]

	before = None if method == "after_delete" else doc.get_doc_before_save()
	if method == "after_delete":
		put(doc, -1)
	else:
		put(before, -1)
		put(doc, +1)
	_add(cells)
	fields = ("member", "status", "visit_type", "visit_date")
	if (
		method == "after_delete"
		or (doc.status == "Done" and not before)
		or (before and any(before.get(f) != doc.get(f) for f in fields))
	):
		refresh_members({doc.member, before.member if before else None})


def add_visit_range(campaign: str, first: str, last: str):
	"""After a campaign's visits were bulk-inserted under names first … last (one reserved run of
	its series): add those that went in, one statement."""
	frappe.db.sql(
		f"""insert into `{TABLE}` (party_organization, month, done_month, {", ".join(f"`{m}`" for m in MEASURES)})
		select v.party_organization, {MONTH} month, {DONE_MONTH} done_month,
			{", ".join(f"{SQL_MEASURES[m]} as `{m}`" for m in MEASURES)}
		from `tabVisit` v
		where v.campaign = %(campaign)s and v.name between %(first)s and %(last)s
			and length(v.name) = %(length)s and v.party_organization is not null and v.due_date is not null
		group by v.party_organization, month, done_month
		on duplicate key update {", ".join(f"`{m}` = `{TABLE}`.`{m}` + values(`{m}`)" for m in MEASURES)}""",
		{"campaign": campaign, "first": first, "last": last, "length": len(first)},
	)


def add_visits(names: list[str]):
	"""After visits were bulk-inserted (campaigns): add those that exist, one statement."""
	if not names:
		return
	frappe.db.sql(
		f"""insert into `{TABLE}` (party_organization, month, done_month, {", ".join(f"`{m}`" for m in MEASURES)})
		select v.party_organization, {MONTH} month, {DONE_MONTH} done_month,
			{", ".join(f"{SQL_MEASURES[m]} as `{m}`" for m in MEASURES)}
		from `tabVisit` v
		where v.name in %(names)s and v.party_organization is not null and v.due_date is not null
		group by v.party_organization, month, done_month
		on duplicate key update {", ".join(f"`{m}` = `{TABLE}`.`{m}` + values(`{m}`)" for m in MEASURES)}""",
		{"names": tuple(names)},
	)


def on_organization_rename(doc, method=None, old=None, new=None, merge=False):
	"""doc_events of Party Organization (after_rename): the counts follow the new name."""
	frappe.db.sql(
		f"""insert into `{TABLE}` (party_organization, month, done_month, {", ".join(f"`{m}`" for m in MEASURES)})
		select %(new)s, s.month, s.done_month, {", ".join(f"s.`{m}`" for m in MEASURES)} from `{TABLE}` s
		where s.party_organization = %(old)s
		on duplicate key update {", ".join(f"`{m}` = `{TABLE}`.`{m}` + values(`{m}`)" for m in MEASURES)}""",
		{"old": old, "new": new},
	)
	frappe.db.sql(f"delete from `{TABLE}` where party_organization = %s", old)


# --- reading -----------------------------------------------------------------------------------


def split_period(start, end, today) -> tuple[list, list]:
	"""The whole months of [start, end] this table answers (all but the current month), and the
	date ranges left to count from the visits themselves."""
	start, end, current = getdate(start), getdate(end), month_of(today)
	months, live = [], []
	month = month_of(start)
	while month <= end:
		last = add_days(add_months(month, 1), -1)
		lo, hi = max(month, start), min(last, end)
		if lo == month and hi == last and month != current:
			months.append(month)
		elif live and live[-1][1] == add_days(lo, -1):
			live[-1] = (live[-1][0], hi)
		else:
			live.append((lo, hi))
		month = getdate(add_months(month, 1))
	return months, live


def visit_counts(
	condition: str, values: dict, start, end, today, campaign: str | None = None, key: str | None = None
) -> list[dict]:
	"""Per organisation, inside `condition` (on the joined `org` alias): planned (not cancelled, due
	in [start, end] or done in it), done and done on time (done in it), overdue (due in it, open,
	due before today). With a campaign: that campaign's visits, whatever their dates. Equal to
	counting tabVisit. `key` (SQL on `org`, reports.line_sql) groups by something else than the
	organisation (returned as party_organization)."""
	values = dict(values, today=today)
	if campaign:  # a campaign's own visits: few, counted directly (index on campaign)
		return _campaign(condition, dict(values, campaign=campaign), key or "v.party_organization")
	months, live = split_period(start, end, today)
	rows = (
		_live(condition, dict(values, start=start, end=end), live, months, key or "v.party_organization")
		if live
		else []
	)
	if months:
		key_s = key or "s.party_organization"
		rows += frappe.db.sql(
			f"""select {key_s} party_organization, sum(s.planned) planned,
				sum(if(s.done_month in %(months)s, s.done, 0)) done,
				sum(if(s.done_month in %(months)s, s.done_on_time, 0)) done_on_time,
				sum(if(s.month in %(months)s and s.month < %(current)s, s.`open`, 0)) overdue
			from `{TABLE}` s join `tabParty Organization` org on org.name = s.party_organization
			where (s.month in %(months)s or s.done_month in %(months)s) and {condition}
			group by {key_s}""",
			dict(values, months=tuple(months), current=month_of(today)),
			as_dict=True,
		)
	out: dict[str, frappe._dict] = {}
	for r in rows:
		row = out.setdefault(r.party_organization, frappe._dict(party_organization=r.party_organization))
		for m in ("planned", "done", "done_on_time", "overdue"):
			row[m] = row.get(m, 0) + int(r.get(m) or 0)
	return [r for r in out.values() if r.planned or r.done or r.overdue]


def _ranges(column: str, ranges: list, values: dict, prefix: str) -> str:
	between = []
	for i, (lo, hi) in enumerate(ranges):
		values[f"{prefix}lo{i}"], values[f"{prefix}hi{i}"] = lo, hi
		between.append(f"{column} between %({prefix}lo{i})s and %({prefix}hi{i})s")
	return "(" + " or ".join(between) + ")"


def _live(
	condition: str, values: dict, ranges: list, months: list, key: str = "v.party_organization"
) -> list[dict]:
	"""What the table's whole `months` do not already count, for the date `ranges` (the period's
	partial and current months): the visits due in the ranges (unless done in a whole month), and
	those done in the ranges but due elsewhere — planned too when due outside the period, only
	done when due in a whole month (the table counts them planned). Two disjoint index ranges."""
	values = dict(values, months=tuple(months) or ("",))
	due_in = _ranges("v.due_date", ranges, values, "d")
	done_in = _ranges("v.visit_date", ranges, values, "v")
	done_in_whole_month = f"(v.status = 'Done' and {DONE_MONTH} in %(months)s)" if months else "false"
	return frappe.db.sql(
		f"""select {key} party_organization,
			count(*) planned,
			sum(v.status = 'Done' and {done_in}) done,
			sum(v.status = 'Done' and {done_in} and v.visit_date <= v.due_date) done_on_time,
			sum(v.status = 'Planned' and v.due_date < %(today)s) overdue
		from `tabVisit` v join `tabParty Organization` org on org.name = v.party_organization
		where v.status in ('Planned', 'Done') and {due_in} and not {done_in_whole_month} and {condition}
		group by {key}
		union all
		select {key} party_organization, sum(not (v.due_date between %(start)s and %(end)s)), count(*),
			sum(v.visit_date <= v.due_date), 0
		from `tabVisit` v join `tabParty Organization` org on org.name = v.party_organization
		where v.status = 'Done' and {done_in} and not {due_in} and {condition}
		group by {key}""",
		values,
		as_dict=True,
	)


def _campaign(condition: str, values: dict, key: str = "v.party_organization") -> list[dict]:
	"""A campaign's progress: all its visits, as its form counts them."""
	return frappe.db.sql(
		f"""select {key} party_organization,
			count(*) planned,
			sum(v.status = 'Done') done,
			sum(v.status = 'Done' and v.visit_date <= v.due_date) done_on_time,
			sum(v.status = 'Planned' and v.due_date < %(today)s) overdue
		from `tabVisit` v join `tabParty Organization` org on org.name = v.party_organization
		where v.campaign = %(campaign)s and v.status in ('Planned', 'Done') and {condition}
		group by {key}""",
		values,
		as_dict=True,
	)


def check() -> list:
	"""Cells where the table differs from a recount of the visits: (organisation, month, done month,
	stored, counted); empty when in step."""
	counted = {
		(r[0], r[1], r[2]): tuple(int(x or 0) for x in r[3:])
		for r in frappe.db.sql(
			f"""select v.party_organization, {MONTH}, {DONE_MONTH}, {", ".join(SQL_MEASURES[m] for m in MEASURES)}
			from `tabVisit` v where v.party_organization is not null and v.due_date is not null
			group by v.party_organization, {MONTH}, {DONE_MONTH}"""
		)
	}
	stored = {
		(r[0], r[1], r[2]): tuple(int(x or 0) for x in r[3:])
		for r in frappe.db.sql(
			f"select party_organization, month, done_month, {', '.join(f'`{m}`' for m in MEASURES)} from `{TABLE}`"
		)
	}
	zero = (0,) * len(MEASURES)
	return [
		(*key, stored.get(key, zero), counted.get(key, zero))
		for key in sorted(set(counted) | set(stored))
		if stored.get(key, zero) != counted.get(key, zero)
	]
