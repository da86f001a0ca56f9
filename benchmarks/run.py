"""party_care benchmark: a city committee's year (issue 12), measured against plain Frappe or
hand-written SQL doing the same work on the same data, in the same run. Ratios, not seconds.

    scripts/bench [--members 100000] [--mix realistic|stress] [--regenerate] [--only reports,jobs]
    scripts/bench --province   (= --committees 50 --members 1000000 --clients 64: issue 22)

The data (benchmarks/generate.py) is generated once per site and reused; --regenerate redoes
it. Measures are plain functions registered with @measure("group"): each returns rows of
{name, app_s, base_s, ratio, app_mib, rows, base_rows, equal, ...}. Another measure is one more
function (benchmarks/batch_bench.py may register its own). The table is printed and written to
benchmarks/results/latest.json (and <members>-<mix>-<buffer pool>M.json).

This file is the entry (options, data, running the groups, writing the results); the rest is
harness.py (registry, timing, table), fixtures.py (logins, workflow documents), oracles.py (the
reports' hand SQL), measures.py (in-process measures), load.py (gunicorn and the REST load)."""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# isort: off
import measures  # noqa: F401  (registers reports, jobs, campaign, inserts, lists: the default order)
import load  # noqa: F401  (registers rest, after them)
# isort: on

from fixtures import ensure_users
from harness import BENCH, HERE, MEASURES, SITE, print_table


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
