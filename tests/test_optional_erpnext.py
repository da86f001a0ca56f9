"""ERPNext is optional: the app never imports it at module level and requires nothing; on a site
without it nothing of the integration shows; on a site with it the wiring is there, and it comes
and goes with the apps."""

import ast
import glob
import os

import frappe
import pytest

from party_care import hooks
from party_care.care_fund import ledger
from party_care.exceptions import EmployeeMemberError
from party_care.integrations.erpnext import books, employees
from party_care.integrations.erpnext.setup import (
	after_app_install,
	custom_fields,
	erpnext_installed,
	remove_custom_fields,
)
from tests.support.factories import make_fund

APP = os.path.join(os.path.dirname(__file__), "..", "party_care")
ERPNEXT_APPS = ("erpnext", "hrms")


def module_level_imports(tree) -> set[str]:
	names = set()
	for node in tree.body:  # top-level statements only (imports inside functions are fine)
		if isinstance(node, ast.Import):
			names.update(alias.name.split(".")[0] for alias in node.names)
		elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
			names.add(node.module.split(".")[0])
	return names


def test_no_module_level_import_of_erpnext_and_no_required_apps():
	offenders = []
	for path in glob.glob(os.path.join(APP, "**", "*.py"), recursive=True):
		with open(path, encoding="utf-8") as f:
			if module_level_imports(ast.parse(f.read())) & set(ERPNEXT_APPS):
				offenders.append(os.path.relpath(path, APP))
	assert offenders == []
	assert hooks.required_apps == []


def wired_fields() -> list[tuple[str, str]]:
	return [(dt, row["fieldname"]) for dt, rows in custom_fields().items() for row in rows]


def existing(fields) -> list[tuple[str, str]]:
	return [f for f in fields if frappe.db.exists("Custom Field", {"dt": f[0], "fieldname": f[1]})]


@pytest.mark.skipif(erpnext_installed(), reason="checks a site without ERPNext")
def test_without_erpnext_nothing_of_the_integration_shows(world):
	assert existing(wired_fields()) == []
	assert not books.enabled()
	fund = make_fund("测试无账簿资金", opening=0).name
	entry = ledger.post(fund, "Donation", 100)
	assert not entry.meta.has_field("journal_entry")
	with pytest.raises(EmployeeMemberError):
		employees.create_member("HR-EMP-00001", world.orgs.branch_a, "2001-07-01")
	from party_care.care_fund.report.fund_vs_books.fund_vs_books import execute

	_columns, rows, message = execute({})
	assert rows == [] and "ERPNext" in message


@pytest.mark.skipif(
	not erpnext_installed(), reason="ERPNext is not installed: ERPNext integration tests SKIPPED"
)
def test_with_erpnext_the_wiring_comes_and_goes_with_the_apps(world):
	"""Installed either way round the fields are there; party_care's uninstall takes them away.
	(Custom fields change tables, which commits: the end state is the start state.)"""
	assert existing(wired_fields()) == wired_fields()
	remove_custom_fields()  # what party_care's before_uninstall (or ERPNext's uninstall) does
	assert existing(wired_fields()) == []
	assert not frappe.get_meta("Member").has_field("employee")
	assert not frappe.db.has_column(
		"Journal Entry", "party_care_ledger_entry"
	)  # nothing left in ERPNext's tables
	after_app_install("erpnext")  # ERPNext installed after party_care
	assert existing(wired_fields()) == wired_fields()
	assert frappe.get_meta("Journal Entry").has_field("party_care_ledger_entry")
	frappe.db.commit()


def test_custom_field_labels_are_translated():
	from tests.support.translations import untranslated

	strings = set()
	for rows in custom_fields().values():
		for row in rows:
			strings.update(filter(None, (row.get("label"), row.get("description"))))
	strings.update(employees.OFFERED_EVENTS.values())
	assert untranslated(strings) == []
