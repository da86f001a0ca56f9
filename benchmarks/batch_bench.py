"""Benchmark: a holiday batch of N lines drawn up and paid, against a plain bulk insert of as many
ledger rows (target: ratio ≤ 2). Self-contained, so benchmarks/run.py can call `measure_batch`
or it runs alone:

    FRAPPE_BENCH=~/frappe-bench PARTY_CARE_BENCH_SITE=site python benchmarks/batch_bench.py --lines 5000

Everything it writes is rolled back at the end (members included), so it may run on any site
with the app installed.
"""

import argparse
import datetime
import os
import statistics
import time

ORG = "批次基准党委"
STANDARD = "批次基准标准"
FUND = "批次基准资金"


def _seed(frappe, lines: int) -> None:
	from frappe.utils import now

	from party_care.care_fund import ledger
	from party_care.utils import id_number

	if not frappe.db.exists("Party Organization", ORG):
		frappe.get_doc(
			doctype="Party Organization", organization_name=ORG, organization_type="Committee"
		).insert()
		for i in range(10):
			frappe.get_doc(
				doctype="Party Organization",
				organization_name=f"批次基准第{i}支部",
				organization_type="Branch",
				parent_party_organization=ORG,
			).insert()
	stamp = now()
	rows = []
	for n in range(lines):
		born = datetime.date(1930 + n % 40, 1 + n % 12, 1 + n % 28)
		joined = datetime.date(born.year + 25, 7, 1)
		rows.append(
			(
				f"PMBB-{n:07d}",
				"Administrator",
				"Administrator",
				stamp,
				stamp,
				f"批次党员{n}",
				"Male",
				id_number.make("110101", born, n % 500 * 2 + 1) + f"b{n}",
				born,
				f"批次基准第{n % 10}支部",
				"Full",
				joined,
				datetime.date(joined.year + 1, 7, 1),
				"07-01",
				1,
			)
		)
	frappe.db.bulk_insert(
		"Member",
		[
			"name",
			"owner",
			"modified_by",
			"creation",
			"modified",
			"full_name",
			"gender",
			"id_number",
			"date_of_birth",
			"party_organization",
			"member_status",
			"date_joined",
			"date_full_member",
			"joined_month_day",
			"is_duty_martyr_family",
		],
		rows,
	)
	if not frappe.db.exists("Care Standard", STANDARD):
		frappe.get_doc(
			doctype="Care Standard",
			standard_name=STANDARD,
			rows=[
				{"category": "Duty Martyr Family", "label": "烈属", "amount": 500},
				{"category": "Age at Least", "threshold": 80, "label": "80岁以上", "amount": 300},
			],
		).insert()
	if not frappe.db.exists("Care Fund", FUND):
		frappe.get_doc(doctype="Care Fund", fund_name=FUND, fund_type="Hardship Assistance").insert()
	ledger.post(FUND, "Allocation", 1000 * lines * 10, remarks="benchmark")


def measure_batch(frappe, lines: int = 5000, repeat: int = 3) -> dict:
	"""{"batch_generate_and_pay": {app_s, baseline_s, ratio}, ...}; leaves nothing behind."""
	from frappe.utils import now

	from party_care.care_batches.lines import generate_lines
	from party_care.care_batches.paying import pay
	from party_care.utils.bulk import STANDARD_FIELDS, insert_rows
	from party_care.utils.naming import reserve_format_names

	frappe.db.rollback()
	_seed(frappe, lines)
	frappe.db.sql("savepoint batch_bench")
	app_times, gen_times, pay_times, base_times, raw_times = [], [], [], [], []
	year = frappe.utils.getdate().year
	for i in range(repeat):
		batch = frappe.get_doc(
			doctype="Care Payment Batch",
			title=f"基准批次{i}",
			occasion="Other",
			year=year,
			party_organization=ORG,
			care_fund=FUND,
			care_standard=STANDARD,
		).insert()
		start = time.perf_counter()
		made = generate_lines(batch)
		generated = time.perf_counter()
		frappe.db.sql(
			"update `tabCare Payment Line` set status = 'Confirmed' where batch = %s", batch.name
		)  # branches
		resume = time.perf_counter()
		result = pay(batch)
		end = time.perf_counter()
		assert made == lines and result["paid_count"] == lines, (made, result)
		gen_times.append(generated - start)
		pay_times.append(end - resume)
		app_times.append((generated - start) + (end - resume))
		frappe.db.sql("rollback to savepoint batch_bench")

		# baseline: a plain bulk insert of as many submitted ledger rows (names from the same counter)
		for insert, times in ((frappe.db.bulk_insert, base_times), (insert_rows, raw_times)):
			start = time.perf_counter()
			names = reserve_format_names("Fund Ledger Entry", lines)
			stamp = now()
			insert(
				"Fund Ledger Entry",
				fields=[
					*STANDARD_FIELDS,
					"care_fund",
					"posting_date",
					"entry_type",
					"amount_in",
					"amount_out",
					"amount",
					"party_organization",
					"member",
					"member_name",
					"reference_doctype",
					"reference_name",
					"payment_key",
					"remarks",
				],
				values=[
					(
						name,
						"Administrator",
						"Administrator",
						stamp,
						stamp,
						1,
						0,
						FUND,
						stamp[:10],
						"Payment",
						0,
						500,
						500,
						f"批次基准第{n % 10}支部",
						f"PMBB-{n:07d}",
						f"批次党员{n}",
						"Care Payment Line",
						name,
						f"bench::{i}::{n}",
						"benchmark",
					)
					for n, name in enumerate(names)
				],
			)
			times.append(time.perf_counter() - start)
			frappe.db.sql("rollback to savepoint batch_bench")
	frappe.db.rollback()
	app, gen, pay, base, raw = (
		statistics.median(t) for t in (app_times, gen_times, pay_times, base_times, raw_times)
	)
	return {
		# against frappe.db.bulk_insert of as many ledger rows (the target: ≤ 2), and for the record
		# against the raw multi-row INSERT the app itself uses (the floor: two inserts and an update)
		"batch_generate_and_pay": {
			"app_s": app,
			"baseline_s": base,
			"ratio": app / base if base else float("inf"),
			"generate_s": gen,
			"pay_s": pay,
			"lines": lines,
			"raw_insert_s": raw,
		},
	}


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--lines", type=int, default=5000)
	parser.add_argument("--repeat", type=int, default=3)
	args = parser.parse_args()
	bench = os.path.abspath(os.path.expanduser(os.environ.get("FRAPPE_BENCH") or "~/frappe-bench"))
	site = os.environ.get("PARTY_CARE_BENCH_SITE", "party-care-bench.localhost")
	os.chdir(os.path.join(bench, "sites"))
	import frappe

	frappe.init(site=site, sites_path=os.path.join(bench, "sites"))
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		for name, m in measure_batch(frappe, args.lines, args.repeat).items():
			print(
				f"{name}: {m['lines']} lines, app {m['app_s']:.3f} s (draw up {m['generate_s']:.3f} + pay "
				f"{m['pay_s']:.3f}), plain bulk_insert {m['baseline_s']:.3f} s, ratio {m['ratio']:.2f}; "
				f"raw multi-row INSERT {m['raw_insert_s']:.3f} s"
			)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
