"""party_care benchmark: the app's hot paths against plain Frappe doing comparable work on the
same site, in the same run. Prints one line per measure with the ratio (app / baseline);
targets for later rounds are ratios, never absolute seconds.

    scripts/bench [--members 20000]      (see the README)

Measures (each the median of --repeat runs; peak Python memory by tracemalloc):
  member_list_secretary  frappe.get_list of Member as a branch secretary (User Permissions on
                         the organisation tree + the app's query hook) vs frappe.get_list of
                         ToDo as Administrator over as many rows
  campaign_generation    generate_campaign_visits for every member of the tree vs
                         frappe.db.bulk_insert of as many ToDo rows
  birthday_lookup        the political-birthday query for one day (indexed month-day) vs
                         frappe.get_all of ToDo on an indexed date
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
import tracemalloc

BENCH = os.path.abspath(os.path.expanduser(os.environ.get("FRAPPE_BENCH") or "~/frappe-bench"))
SITE = os.environ.get("PARTY_CARE_BENCH_SITE", "party-care-bench.localhost")


def measure(fn, repeat: int, setup=None, teardown=None):
	times, peaks = [], []
	for _ in range(repeat):
		if setup:
			setup()
		tracemalloc.start()
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
		peaks.append(tracemalloc.get_traced_memory()[1])
		tracemalloc.stop()
		if teardown:
			teardown()
	return statistics.median(times), max(peaks)


def seed(frappe, members: int):
	"""A committee with 10 branches and `members` members (bulk), plus as many ToDo rows."""
	from frappe.utils import now

	from party_care.utils import id_number

	if frappe.db.count("Member") >= members:
		return
	frappe.db.delete("Member")
	frappe.db.delete("Visit")
	frappe.db.delete("Visit Campaign")
	frappe.db.delete("ToDo", {"description": ["like", "bench-%"]})
	if not frappe.db.exists("Party Organization", "基准党委"):
		frappe.get_doc(doctype="Party Organization", organization_name="基准党委", organization_type="Committee").insert()
		for i in range(10):
			frappe.get_doc(doctype="Party Organization", organization_name=f"基准第{i}支部", organization_type="Branch",
				parent_party_organization="基准党委").insert()
	rng = random.Random(1)
	stamp, rows, todos = now(), [], []
	for n in range(members):
		born = datetime.date(1940 + rng.randint(0, 60), rng.randint(1, 12), rng.randint(1, 28))
		joined = datetime.date(born.year + 25, rng.randint(1, 12), rng.randint(1, 28))
		rows.append((f"PMB-{n:07d}", "Administrator", "Administrator", stamp, stamp, f"基准党员{n}", "Male",
			id_number.make("110101", born, n % 500 * 2 + 1) + str(n), born, f"基准第{n % 10}支部", "Full", joined,
			datetime.date(joined.year + 1, joined.month, joined.day), joined.strftime("%m-%d"), int(rng.random() < 0.3)))
		todos.append((f"bench-{n:07d}", "Administrator", "Administrator", stamp, stamp, "Open", f"bench-{n}",
			joined, "Administrator"))
	frappe.db.bulk_insert("Member", ["name", "owner", "modified_by", "creation", "modified", "full_name", "gender",
		"id_number", "date_of_birth", "party_organization", "member_status", "date_joined", "date_full_member",
		"joined_month_day", "is_retired"], rows)
	frappe.db.bulk_insert("ToDo", ["name", "owner", "modified_by", "creation", "modified", "status", "description",
		"date", "allocated_to"], todos)
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--members", type=int, default=20000)
	parser.add_argument("--repeat", type=int, default=3)
	args = parser.parse_args()

	os.chdir(os.path.join(BENCH, "sites"))
	import frappe

	frappe.init(site=SITE, sites_path=os.path.join(BENCH, "sites"))
	frappe.connect()
	frappe.set_user("Administrator")
	seed(frappe, args.members)

	from party_care.care_visits.visits import generate_campaign_visits
	from party_care.honours.birthdays import members_to_greet

	# a secretary of one branch (a tenth of the members)
	user = "bench-secretary@party-care.test"
	if not frappe.db.exists("User", user):
		frappe.get_doc(doctype="User", email=user, first_name="bench", send_welcome_email=0,
			roles=[{"role": "Party Member"}]).insert(ignore_permissions=True)
	secretary = frappe.db.get_value("Member", {"party_organization": "基准第0支部"}, "name")
	frappe.db.set_value("Member", secretary, "user", user)
	org = frappe.get_doc("Party Organization", "基准第0支部")
	if org.secretary != secretary:
		org.secretary = secretary
		org.save()
	frappe.db.commit()
	n = frappe.db.count("Member")
	results = {}

	def as_user(fn, who):
		def run():
			frappe.set_user(who)
			try:
				fn()
			finally:
				frappe.set_user("Administrator")
		return run

	results["member_list_secretary"] = (
		measure(as_user(lambda: frappe.get_list("Member", fields=["name", "full_name"], limit_page_length=0), user), args.repeat),
		measure(lambda: frappe.get_list("ToDo", fields=["name", "description"], filters={"description": ["like", "bench-%"]},
			limit_page_length=n // 10), args.repeat),
	)

	campaign = "基准春节走访"

	def new_campaign():
		frappe.db.delete("Visit", {"campaign": campaign})
		frappe.db.delete("Visit Campaign", campaign)
		frappe.get_doc(doctype="Visit Campaign", campaign_name=campaign, occasion="Spring Festival", year=2026,
			party_organization="基准党委", due_date=frappe.utils.add_days(frappe.utils.today(), 30), min_age=0,
			include_retired=1).insert()

	targets = frappe.db.count("Member", {"is_retired": 1})
	stamp = frappe.utils.now()
	baseline_rows = [(f"bench-bulk-{i}", "Administrator", "Administrator", stamp, stamp, "Open", "bench-bulk", "Administrator")
		for i in range(targets)]
	results["campaign_generation"] = (
		measure(lambda: generate_campaign_visits(campaign), args.repeat, setup=new_campaign, teardown=frappe.db.rollback),
		measure(lambda: frappe.db.bulk_insert("ToDo", ["name", "owner", "modified_by", "creation", "modified", "status",
			"description", "allocated_to"], baseline_rows), args.repeat, teardown=frappe.db.rollback),
	)
	day = datetime.date(2026, 7, 1)
	results["birthday_lookup"] = (
		measure(lambda: members_to_greet(day), args.repeat),
		measure(lambda: frappe.get_all("ToDo", filters={"date": day}, fields=["name"]), args.repeat),
	)

	out = {"members": n, "frappe": frappe.__version__, "measures": {}}
	print(f"party_care benchmark on {SITE}: {n} members, Frappe {frappe.__version__}")
	print(f"{'measure':<24}{'app s':>10}{'base s':>10}{'ratio':>8}{'app MiB':>10}{'base MiB':>10}")
	for name, ((t_app, m_app), (t_base, m_base)) in results.items():
		ratio = t_app / t_base if t_base else float("inf")
		out["measures"][name] = {"app_s": t_app, "baseline_s": t_base, "ratio": ratio, "app_peak_mib": m_app / 2**20,
			"baseline_peak_mib": m_base / 2**20}
		print(f"{name:<24}{t_app:>10.3f}{t_base:>10.3f}{ratio:>8.2f}{m_app / 2**20:>10.1f}{m_base / 2**20:>10.1f}")
	os.makedirs(os.path.join(os.path.dirname(__file__), "results"), exist_ok=True)
	with open(os.path.join(os.path.dirname(__file__), "results", "latest.json"), "w") as f:
		json.dump(out, f, indent=1)
	frappe.db.rollback()
	frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())
