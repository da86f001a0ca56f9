"""A province on one site (issue 22): what the results record beside the measures — the machine,
the MariaDB settings the figures were measured with, and the data's size on disk."""

import os
import platform

SETTINGS = (
	"version",
	"innodb_buffer_pool_size",
	"innodb_log_file_size",
	"innodb_flush_log_at_trx_commit",
	"innodb_io_capacity",
	"innodb_flush_method",
	"max_connections",
	"tmp_table_size",
	"max_heap_table_size",
	"sort_buffer_size",
	"join_buffer_size",
)


def machine(frappe) -> dict:
	cpu = ""
	try:
		with open("/proc/cpuinfo") as f:
			cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
	except OSError:
		pass
	memory_gib = None
	try:
		with open("/proc/meminfo") as f:
			kib = next(int(line.split()[1]) for line in f if line.startswith("MemTotal"))
			memory_gib = round(kib / 2**20, 1)
	except (OSError, StopIteration):
		pass
	mariadb = {
		name: value
		for name, value in frappe.db.sql(
			"show global variables where variable_name in %(names)s", {"names": SETTINGS}
		)
	}
	return {
		"cpus": os.cpu_count(),
		"cpu": cpu,
		"memory_gib": memory_gib,
		"kernel": platform.release(),
		"python": platform.python_version(),
		"mariadb": mariadb,
		"load_average": os.getloadavg(),
	}


def disk(frappe) -> dict:
	"""The site's tables on disk (information_schema: data and indexes), in MiB, largest first."""
	rows = frappe.db.sql(
		"""select table_name, table_rows, data_length, index_length from information_schema.tables
		where table_schema = database() order by data_length + index_length desc"""
	)
	mib = 2**20
	return {
		"total_mib": round(sum(r[2] + r[3] for r in rows) / mib),
		"data_mib": round(sum(r[2] for r in rows) / mib),
		"index_mib": round(sum(r[3] for r in rows) / mib),
		"tables": [
			{
				"table": r[0],
				"rows_estimate": r[1],
				"data_mib": round(r[2] / mib),
				"index_mib": round(r[3] / mib),
			}
			for r in rows[:12]
		],
	}
