"""The benchmark's harness: where it runs (the bench and site of scripts/bench), the registry of
measures (@measure("group")), timing with a memory run, query counting, the result row and the
printed table. A measure is a plain function (frappe, ctx, args) -> rows of {name, app_s, base_s,
ratio, app_mib, rows, base_rows, equal, ...}."""

import os
import statistics
import time
import tracemalloc

BENCH = os.path.abspath(os.path.expanduser(os.environ.get("FRAPPE_BENCH") or "~/frappe-bench"))
SITE = os.environ.get("PARTY_CARE_BENCH_SITE", "party-care-bench.localhost")
HERE = os.path.dirname(os.path.abspath(__file__))

MEASURES: dict[str, list] = {}


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
