"""ERPNext side of the test world (only on a site with ERPNext): a company in yuan with the
Standard chart of accounts, the care-fund accounts, a department and a designation, and a user
who is both HR User and Organization Officer. Built once per session and committed; the books
are emptied of the previous run's entries first."""

import datetime
import itertools

import frappe
from frappe.utils import getdate, today

from party_care import roles
from party_care.integrations.erpnext.setup import (
	EXPENSE_ACCOUNT_FIELDS,
	INCOME_ACCOUNT_FIELDS,
	ensure_fiscal_year,
)
from party_care.utils import id_number
from tests.support.factories import make_user
from tests.support.world import PASSWORD, email

COMPANY = "党建关怀测试公司"
ABBR = "DJGH"


def installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def account_name(name: str) -> str:
	return f"{name} - {ABBR}"


def _account(name: str, parent: str, account_type: str = "") -> str:
	full = account_name(name)
	if not frappe.db.exists("Account", full):
		frappe.get_doc(
			doctype="Account",
			account_name=name,
			parent_account=account_name(parent),
			company=COMPANY,
			account_type=account_type,
			is_group=0,
		).insert(ignore_permissions=True)
	return full


def _wipe_books():
	"""The test company's vouchers from earlier runs (a dedicated test site)."""
	for doctype in ("GL Entry", "Payment Ledger Entry"):
		frappe.db.delete(doctype, {"company": COMPANY})
	names = frappe.get_all("Journal Entry", filters={"company": COMPANY}, pluck="name")
	if names:
		frappe.db.delete("Journal Entry Account", {"parent": ["in", names]})
		frappe.db.delete("Journal Entry", {"name": ["in", names]})
	frappe.db.delete("Employee", {"company": COMPANY})


def build() -> frappe._dict:
	frappe.set_user("Administrator")
	ensure_fiscal_year(today())
	if not frappe.db.exists("Warehouse Type", "Transit"):
		# the records ERPNext's setup wizard installs (warehouse types, UOMs, groups, …)
		from erpnext.setup.setup_wizard.operations.install_fixtures import install

		install("China")
	for gender in ("Male", "Female"):  # Frappe's setup wizard makes these
		if not frappe.db.exists("Gender", gender):
			frappe.get_doc(doctype="Gender", gender=gender).insert(ignore_permissions=True)
	if not frappe.db.exists("Company", COMPANY):
		frappe.get_doc(
			doctype="Company",
			company_name=COMPANY,
			abbr=ABBR,
			default_currency="CNY",
			country="China",
			chart_of_accounts="Standard",
			create_chart_of_accounts_based_on="Standard Template",
		).insert(ignore_permissions=True)
	_wipe_books()
	b = frappe._dict(company=COMPANY, cost_center=account_name("Main"))
	b.fund_account = _account("党内关怀基金专户", "Bank Accounts", "Bank")
	b.other_fund_account = _account("学习培训基金专户", "Bank Accounts", "Bank")
	b.illness = _account("大病救助支出", "Indirect Expenses")
	b.other_expense = _account("其他帮扶支出", "Indirect Expenses")
	b.reward = _account("表彰奖励支出", "Indirect Expenses")
	b.dues = _account("党费返还收入", "Indirect Income")
	b.donation = _account("党员捐款收入", "Indirect Income")
	b.allocation = _account("财政拨款收入", "Indirect Income")
	b.settings = {
		"post_to_books": 1,
		"books_company": COMPANY,
		"books_cost_center": b.cost_center,
		**{fieldname: b.other_expense for fieldname in EXPENSE_ACCOUNT_FIELDS.values()},
		EXPENSE_ACCOUNT_FIELDS["Serious Illness or Disaster Relief"]: b.illness,
		EXPENSE_ACCOUNT_FIELDS["Commendation Reward"]: b.reward,
		INCOME_ACCOUNT_FIELDS["Dues Share"]: b.dues,
		INCOME_ACCOUNT_FIELDS["Donation"]: b.donation,
		INCOME_ACCOUNT_FIELDS["Allocation"]: b.allocation,
	}
	if not frappe.db.exists("Department", {"department_name": "党群工作部", "company": COMPANY}):
		frappe.get_doc(
			doctype="Department",
			department_name="党群工作部",
			company=COMPANY,
			parent_department="All Departments",
		).insert(ignore_permissions=True)
	b.department = frappe.db.get_value("Department", {"department_name": "党群工作部", "company": COMPANY})
	if not frappe.db.exists("Designation", "高级工程师"):
		frappe.get_doc(doctype="Designation", designation_name="高级工程师").insert(ignore_permissions=True)
	b.hr_officer = email("hr_officer")
	make_user(b.hr_officer, [roles.ORGANIZATION_OFFICER, "HR User", "HR Manager"], password=PASSWORD)
	frappe.db.commit()
	return b


def books_on(b, care_fund: str | None = None, account: str | None = None) -> None:
	"""Turn posting on (in the test's transaction) and give the fund its account."""
	settings = frappe.get_single("Party Care Settings")
	settings.update(b.settings)
	settings.save()
	if care_fund:
		frappe.db.set_value("Care Fund", care_fund, "books_account", account or b.fund_account)


def account_balance(account: str) -> float:
	return frappe.db.sql(
		"select coalesce(sum(debit - credit), 0) from `tabGL Entry` where account = %s and is_cancelled = 0",
		account,
	)[0][0]


_ids = itertools.count(1)


def make_employee(first_name: str = "孙建华", **kwargs):
	"""An Employee whose `passport_number` holds a valid resident ID number matching its birth date
	and gender (tests name that field in the settings, as an institution would name its own)."""
	values = dict(
		doctype="Employee",
		first_name=first_name,
		company=COMPANY,
		gender="Male",
		date_of_birth=datetime.date(1975, 5, 4),
		date_of_joining="2000-07-01",
		status="Active",
	)
	values.update(kwargs)
	born = getdate(values["date_of_birth"])
	sequence = next(_ids) * 2 + (1 if values["gender"] == "Male" else 0)
	values.setdefault("passport_number", id_number.make("320101", born, sequence))
	return frappe.get_doc(values).insert(ignore_permissions=True)
