app_name = "party_care"
app_title = "Party Care"
app_publisher = "party_care contributors"
app_description = "Party incentive, care and assistance: member and hardship register, care fund, visits, honours"
app_email = "party-care@example.org"
app_license = "mit"
required_apps = []

# Desk assets (plain files under public/, no build step needed)
app_include_js = "/assets/party_care/js/party_care.js"
# ERPNext's Employee form and list (only loaded where the Employee DocType exists)
doctype_js = {"Employee": "public/js/employee.js"}
doctype_list_js = {"Employee": "public/js/employee_list.js"}

# Installation
# ------------
before_install = "party_care.install.before_install"
after_install = "party_care.install.after_install"
after_migrate = "party_care.install.after_migrate"
before_uninstall = "party_care.install.before_uninstall"
# ERPNext on the same site, installed before or after party_care (party_care/erpnext_setup.py)
after_app_install = "party_care.erpnext_setup.after_app_install"
before_app_uninstall = "party_care.erpnext_setup.before_app_uninstall"

# Records shipped with the app
# ----------------------------
fixtures = [
	{"dt": "Role", "filters": [["role_name", "in", [
		"Party Member",
		"Branch Secretary",
		"Organization Officer",
		"Party Committee Member",
		"Care Auditor",
	]]]},
]

# Permissions (see party_care/permissions.py and the README)
# ----------------------------------------------------------
permission_query_conditions = {
	"Member": "party_care.permissions.member_query_conditions",
	"Fund Application": "party_care.permissions.fund_application_query_conditions",
	"Commendation": "party_care.honours.permissions.commendation_query_conditions",
	"Political Birthday Greeting": "party_care.honours.permissions.greeting_query_conditions",
	"Visit": "party_care.permissions.visit_query_conditions",
	"Member Event": "party_care.permissions.member_event_query_conditions",
	"Hardship Case": "party_care.permissions.hardship_case_query_conditions",
	"Dues Relief Application": "party_care.permissions.dues_relief_query_conditions",
}

has_permission = {
	"Member": "party_care.permissions.member_has_permission",
	"Fund Application": "party_care.permissions.fund_application_has_permission",
	"Commendation": "party_care.honours.permissions.commendation_has_permission",
	"Political Birthday Greeting": "party_care.honours.permissions.greeting_has_permission",
	"Visit": "party_care.permissions.visit_has_permission",
	"Member Event": "party_care.permissions.member_event_has_permission",
	"Hardship Case": "party_care.permissions.hardship_case_has_permission",
	"Dues Relief Application": "party_care.permissions.dues_relief_has_permission",
}

override_whitelisted_methods = {
	"frappe.client.get_count": "party_care.overrides.get_count",
}

# Reactions to other DocTypes' events (one list per event; each capability adds its line)
# -------------------------------------------------------------------------------------
doc_events = {
	"Member": {
		"on_update": [
			"party_care.care_visits.visits.on_member_update",
			"party_care.hardship.register.on_member_update",
		],
	},
	# ERPNext (when installed): Members follow their Employee (party_care/employees.py)
	"Employee": {
		"on_update": "party_care.employees.on_employee_update",
		"on_trash": "party_care.employees.on_employee_trash",
	},
}

# Scheduled jobs (each must be idempotent: a rerun the same day sends nothing twice)
# ----------------------------------------------------------------------------------
scheduler_events = {
	"daily": [
		"party_care.care_visits.visits.daily",
		"party_care.hardship.register.daily",
		"party_care.honours.birthdays.send_political_birthday_greetings",
	],
}

# Tree views
# ----------
treeviews = ["Party Organization"]

# Bench commands are read from party_care/commands.py
