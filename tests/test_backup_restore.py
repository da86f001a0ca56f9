"""Backup and restore drill (issue 19): Frappe's own backup of the site with its files, encrypted
with the site's `backup_encryption_key` (System Settings → Encrypt Backups), restored into a NEW
site with `bench --site <new> restore … --encryption-key` — and the new site holds the same money
and the same records: every fund's balance and ledger sums, the members, the row count of every
table, a private file's bytes. The new site is dropped afterwards. The README's "Operating it" says how an
operator runs and checks the same drill.
"""

import glob
import json
import os
import shutil
import subprocess
import tempfile

import frappe
import pymysql
import pytest

from tests.support.private_servers import ROOT_PASSWORD, ROOT_USER
from tests.support.site import BENCH, SITE, SITES

DRILL_SITE = f"drill-{SITE}"
SECRET_OPTIONS = ("--encryption-key", "--db-root-password", "--admin-password")
FILE_NAME = "备份演练附件.txt"
FILE_BYTES = "备份演练：困难党员家庭情况说明（测试）\n".encode() * 50


def _bench(*args: str, site: str | None = None, timeout: int = 600) -> str:
	command = [os.path.join(BENCH, "env", "bin", "python"), "-m", "frappe.utils.bench_helper", "frappe"]
	if site:
		command += ["--site", site]
	proc = subprocess.run([*command, *args], cwd=SITES, capture_output=True, text=True, timeout=timeout)
	shown = " ".join("***" if i and args[i - 1] in SECRET_OPTIONS else a for i, a in enumerate(args))
	assert proc.returncode == 0, f"bench {shown}: {proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
	return proc.stdout


def _drop_drill_site():
	if os.path.isdir(os.path.join(SITES, DRILL_SITE)):
		_bench(
			"drop-site",
			DRILL_SITE,
			"--db-root-username",
			ROOT_USER,
			"--db-root-password",
			ROOT_PASSWORD,
			"--no-backup",
			"--force",
		)
	for archived in glob.glob(os.path.join(BENCH, "archived", "sites", f"{DRILL_SITE}*")) + glob.glob(
		os.path.join(SITES, "..", "archived_sites", f"{DRILL_SITE}*")
	):
		shutil.rmtree(archived, ignore_errors=True)


def _root(database: str):
	return pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user=ROOT_USER,
		password=ROOT_PASSWORD,
		database=database,
	)


def _facts(database: str) -> dict:
	"""What a restore must bring back: row counts of every table, each fund's ledger sums, the
	members (name, status, organisation), the paid lines and applications."""
	with _root(database) as db, db.cursor() as cursor:
		cursor.execute(
			"select table_name from information_schema.tables where table_schema = %s and "
			"table_type = 'BASE TABLE' order by table_name",
			database,
		)
		tables = [row[0] for row in cursor.fetchall()]
		counts = {}
		for table in tables:
			cursor.execute(f"select count(*) from `{table}`")
			counts[table] = cursor.fetchone()[0]
		cursor.execute("""select care_fund, sum(amount_in), sum(amount_out), count(*) from `tabFund Ledger Entry`
			where docstatus = 1 group by care_fund order by care_fund""")
		funds = cursor.fetchall()
		cursor.execute("select name, member_status, party_organization from `tabMember` order by name")
		members = cursor.fetchall()
		cursor.execute(
			"select name, status, amount, ledger_entry from `tabCare Payment Line` where status = 'Paid' "
			"order by name"
		)
		paid_lines = cursor.fetchall()
		cursor.execute(
			"select name, workflow_state, amount_approved from `tabFund Application` order by name"
		)
		applications = cursor.fetchall()
	return dict(counts=counts, funds=funds, members=members, paid_lines=paid_lines, applications=applications)


@pytest.fixture
def private_file(world):
	frappe.db.commit()
	doc = frappe.get_doc(doctype="File", file_name=FILE_NAME, is_private=1, content=FILE_BYTES).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	yield doc
	frappe.db.rollback()
	frappe.delete_doc("File", doc.name, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture
def encrypted_backups():
	"""Encrypt Backups on (System Settings), the site's backup_encryption_key set (made once)."""
	from frappe.utils.backups import get_or_generate_backup_encryption_key

	key = get_or_generate_backup_encryption_key()
	before = frappe.db.get_single_value("System Settings", "encrypt_backup")
	frappe.db.set_single_value("System Settings", "encrypt_backup", 1)
	frappe.db.commit()
	frappe.clear_document_cache("System Settings", "System Settings")
	yield key
	frappe.db.set_single_value("System Settings", "encrypt_backup", before or 0)
	frappe.db.commit()
	frappe.clear_document_cache("System Settings", "System Settings")


def test_encrypted_backup_with_files_restores_into_a_new_site_with_every_balance_and_record(
	world, private_file, encrypted_backups
):
	_drop_drill_site()
	out_dir = tempfile.mkdtemp(prefix="party-care-drill-")
	try:
		frappe.db.commit()
		before = _facts(frappe.conf.db_name)
		_bench("backup", "--with-files", "--backup-path", out_dir, site=SITE)
		backups = {
			kind: glob.glob(os.path.join(out_dir, pattern))
			for kind, pattern in (
				("db", "*-database-enc.sql.gz"),
				("public", "*-files-enc.tar"),
				("private", "*-private-files-enc.tar"),
			)
		}
		backups["public"] = [p for p in backups["public"] if not p.endswith("-private-files-enc.tar")]
		assert all(len(paths) == 1 for paths in backups.values()), (backups, os.listdir(out_dir))
		for paths in backups.values():  # encrypted: neither gzip nor tar, and no member's name in clear
			with open(paths[0], "rb") as f:
				head = f.read(1 << 20)
			assert not head.startswith(b"\x1f\x8b") and b"ustar" not in head[:512]
			assert "测试党员".encode() not in head and FILE_BYTES[:30] not in head

		# the new site: a folder naming its (new) database, which `restore` creates and fills
		os.makedirs(os.path.join(SITES, DRILL_SITE))
		with open(os.path.join(SITES, DRILL_SITE, "site_config.json"), "w") as f:
			json.dump(
				{
					"db_name": f"_drill_{frappe.generate_hash(length=10)}",
					"db_password": frappe.generate_hash(length=16),
					"db_type": "mariadb",
				},
				f,
			)

		# a wrong key restores nothing
		wrong = subprocess.run(
			[
				os.path.join(BENCH, "env", "bin", "python"),
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				DRILL_SITE,
				"restore",
				backups["db"][0],
				"--encryption-key",
				"not-the-key",
				"--db-root-username",
				ROOT_USER,
				"--db-root-password",
				ROOT_PASSWORD,
				"--admin-password",
				"drill",
				"--force",
			],
			cwd=SITES,
			capture_output=True,
			text=True,
			timeout=600,
		)
		assert wrong.returncode != 0 and "Decryption failed" in wrong.stdout + wrong.stderr

		_bench(
			"restore",
			backups["db"][0],
			"--with-public-files",
			backups["public"][0],
			"--with-private-files",
			backups["private"][0],
			"--encryption-key",
			encrypted_backups,
			"--db-root-username",
			ROOT_USER,
			"--db-root-password",
			ROOT_PASSWORD,
			"--admin-password",
			frappe.generate_hash(length=16),
			"--force",
			site=DRILL_SITE,
		)
		with open(os.path.join(SITES, DRILL_SITE, "site_config.json")) as f:
			drill_db = json.load(f)["db_name"]
		after = _facts(drill_db)

		assert after["funds"] == before["funds"]  # every fund: the same entries, the same balance
		assert after["members"] == before["members"]
		assert after["paid_lines"] == before["paid_lines"] and after["applications"] == before["applications"]
		# every table, every row (the backup was taken of a quiet site: nothing else writes to it)
		assert after["counts"] == before["counts"]
		restored = os.path.join(SITES, DRILL_SITE, "private", "files", private_file.file_name)
		with open(restored, "rb") as f:
			assert f.read() == FILE_BYTES
	finally:
		shutil.rmtree(out_dir, ignore_errors=True)
		_drop_drill_site()
