"""Joining ERPNext when it sits on the same site, and leaving it cleanly.

party_care never requires ERPNext (`required_apps` stays empty) and never imports it at module
level. When both apps are installed, in either order, the custom fields below wire them
together: a Member links to an Employee, a Care Fund names its Account, Party Care Settings name
the Company, cost center and accounts, and a Fund Ledger Entry and its Journal Entry link to each
other. They are created by `after_install`/`after_migrate` of party_care and by the
`after_app_install` hook when ERPNext comes later, and removed by party_care's `before_uninstall`
(or when ERPNext is uninstalled first).
"""

import frappe

# purpose (Fund Application) → Party Care Settings field holding its expense account
EXPENSE_ACCOUNT_FIELDS = {
	"Living Hardship Subsidy": "expense_account_living_subsidy",
	"Serious Illness or Disaster Relief": "expense_account_illness_disaster",
	"Children's Schooling": "expense_account_schooling",
	"Condolence": "expense_account_condolence",
	"Training": "expense_account_training",
	"Emergency Relief": "expense_account_emergency",
	"Commendation Reward": "expense_account_commendation",
	"Holiday Care Money and Allowances": "expense_account_care_payments",
}
# source (incoming ledger entry type) → field holding its income account
INCOME_ACCOUNT_FIELDS = {
	"Dues Share": "income_account_dues_share",
	"Donation": "income_account_donation",
	"Allocation": "income_account_allocation",
}


def erpnext_installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def custom_fields() -> dict[str, list[dict]]:
	"""The wiring, as Custom Field definitions per DocType (labels in English; zh.csv translates)."""
	settings = [
		dict(
			fieldname="books_section",
			fieldtype="Section Break",
			label="ERPNext Books",
			insert_after="hardship_follow_up_days",
			collapsible=1,
		),
		dict(
			fieldname="post_to_books",
			fieldtype="Check",
			label="Post Fund Entries to ERPNext",
			insert_after="books_section",
			description="Each submitted fund ledger entry creates and submits a Journal Entry",
		),
		dict(
			fieldname="books_company",
			fieldtype="Link",
			options="Company",
			label="Company",
			insert_after="post_to_books",
			mandatory_depends_on="post_to_books",
		),
		dict(
			fieldname="books_cost_center",
			fieldtype="Link",
			options="Cost Center",
			label="Cost Center",
			insert_after="books_company",
			mandatory_depends_on="post_to_books",
		),
		dict(
			fieldname="books_expense_column",
			fieldtype="Column Break",
			label="Expense Accounts",
			insert_after="books_cost_center",
		),
	]
	after = "books_expense_column"
	for purpose, fieldname in EXPENSE_ACCOUNT_FIELDS.items():
		settings.append(
			dict(
				fieldname=fieldname,
				fieldtype="Link",
				options="Account",
				label=purpose,
				insert_after=after,
				mandatory_depends_on="post_to_books",
			)
		)
		after = fieldname
	settings.append(
		dict(
			fieldname="books_income_column",
			fieldtype="Column Break",
			label="Income Accounts",
			insert_after=after,
		)
	)
	after = "books_income_column"
	for source, fieldname in INCOME_ACCOUNT_FIELDS.items():
		settings.append(
			dict(
				fieldname=fieldname,
				fieldtype="Link",
				options="Account",
				label=source,
				insert_after=after,
				mandatory_depends_on="post_to_books",
			)
		)
		after = fieldname
	settings += [
		dict(
			fieldname="employees_section",
			fieldtype="Section Break",
			label="ERPNext Employees",
			insert_after=after,
			collapsible=1,
		),
		dict(
			fieldname="employee_id_number_field",
			fieldtype="Data",
			label="Employee Field with the ID Number",
			insert_after="employees_section",
			description="The Employee field (e.g. a custom field) that holds the resident ID number, "
			"copied to the Member",
		),
	]
	return {
		"Party Care Settings": settings,
		"Care Fund": [
			dict(
				fieldname="books_account",
				fieldtype="Link",
				options="Account",
				label="Fund Account",
				insert_after="balance",
				description="The account in ERPNext that holds this fund's money",
			),
			dict(
				fieldname="books_cost_center",
				fieldtype="Link",
				options="Cost Center",
				label="Cost Center",
				insert_after="books_account",
				description="Leave empty to use the one in Party Care Settings",
			),
		],
		"Fund Ledger Entry": [
			dict(
				fieldname="journal_entry",
				fieldtype="Link",
				options="Journal Entry",
				label="Journal Entry",
				insert_after="payment_key",
				read_only=1,
				no_copy=1,
				search_index=1,
			),
		],
		"Member": [
			dict(
				fieldname="employee",
				fieldtype="Link",
				options="Employee",
				label="Employee",
				insert_after="post",
				unique=1,
				no_copy=1,
				ignore_user_permissions=1,
				description="Name, gender, birth date, work unit and post follow the Employee",
			),
		],
		"Journal Entry": [
			dict(
				fieldname="party_care_ledger_entry",
				fieldtype="Link",
				options="Fund Ledger Entry",
				label="Fund Ledger Entry",
				insert_after="user_remark",
				read_only=1,
				no_copy=1,
				search_index=1,
				ignore_user_permissions=1,
			),
		],
	}


def add_custom_fields() -> None:
	"""Create (or update) the wiring when ERPNext is installed; idempotent, runs on every migrate."""
	if not erpnext_installed():
		return
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	fields = custom_fields()
	for rows in fields.values():
		for row in rows:
			row.setdefault("translatable", 0)
	create_custom_fields(fields, ignore_validate=True, update=True)


def remove_custom_fields() -> None:
	"""Delete the wiring and its columns (Frappe keeps a deleted custom field's column; we don't leave
	ours in ERPNext's tables)."""
	from frappe.model import no_value_fields

	for doctype, rows in custom_fields().items():
		single = frappe.db.get_value("DocType", doctype, "issingle")
		for row in rows:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
			if row["fieldtype"] in no_value_fields:
				continue
			if single:
				frappe.db.delete("Singles", {"doctype": doctype, "field": row["fieldname"]})
			elif frappe.db.table_exists(doctype) and frappe.db.has_column(doctype, row["fieldname"]):
				frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `{row['fieldname']}`")
		frappe.cache.hdel("table_columns", f"tab{doctype}")
		frappe.clear_cache(doctype=doctype)


def after_app_install(app_name: str) -> None:
	"""Frappe's hook after any app is installed: ERPNext arriving after party_care."""
	if app_name == "erpnext" and "party_care" in frappe.get_installed_apps():
		add_custom_fields()


def before_app_uninstall(app_name: str) -> None:
	"""ERPNext leaving first: take our links to its DocTypes with it."""
	if app_name == "erpnext":
		remove_custom_fields()


def ensure_fiscal_year(date=None) -> str | None:
	"""With ERPNext: a Fiscal Year covering the date (default today), the calendar year, as in China."""
	if not erpnext_installed():
		return None
	from frappe.utils import getdate

	day = getdate(date)
	fy = frappe.qb.DocType("Fiscal Year")
	found = (
		frappe.qb.from_(fy)
		.select(fy.name)
		.where((fy.year_start_date <= day) & (fy.year_end_date >= day) & (fy.disabled == 0))
		.run(pluck=True)
	)
	if found:
		return found[0]
	doc = frappe.get_doc(
		doctype="Fiscal Year",
		year=str(day.year),
		year_start_date=f"{day.year}-01-01",
		year_end_date=f"{day.year}-12-31",
	)
	doc.insert(ignore_permissions=True, ignore_if_duplicate=True)
	return doc.name
