app_name = "party_care"
app_title = "Party Care"
app_publisher = "party_care contributors"
app_description = "Party incentive, care and assistance: member and hardship register, care fund, visits, honours"
app_email = "party-care@example.org"
app_license = "mit"
required_apps = []

# Desk assets (plain files under public/, no build step needed)
app_include_js = "/assets/party_care/js/party_care.js"

# Installation
# ------------
before_install = "party_care.install.before_install"
after_install = "party_care.install.after_install"
after_migrate = "party_care.install.after_migrate"

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
	"Care Payment Batch": "party_care.care_batches.permissions.batch_query_conditions",
	"Care Payment Line": "party_care.care_batches.permissions.line_query_conditions",
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
	"Care Payment Batch": "party_care.care_batches.permissions.batch_has_permission",
	"Care Payment Line": "party_care.care_batches.permissions.line_has_permission",
}

# Malformed JSON in a request: a translated 4xx, never a 500 (party_care/request_guard.py)
before_request = ["party_care.request_guard.check_request"]
after_request = ["party_care.request_guard.rewrite_malformed_body"]

override_whitelisted_methods = {
	"frappe.client.get_count": "party_care.overrides.get_count",
}

# Reactions to other DocTypes' events (one list per event; each capability adds its line)
# -------------------------------------------------------------------------------------
doc_events = {
	"*": {"before_validate": "party_care.limits.validate", "before_update_after_submit": "party_care.limits.validate"},
	"Member": {
		"on_update": [
			"party_care.care_visits.visits.on_member_update",
			"party_care.hardship.register.on_member_update",
		],
	},
}

# Scheduled jobs (each must be idempotent: a rerun the same day sends nothing twice)
# ----------------------------------------------------------------------------------
scheduler_events = {
	"daily": [
		"party_care.care_visits.visits.daily",
		"party_care.hardship.register.daily",
		"party_care.honours.birthdays.send_political_birthday_greetings",
		"party_care.care_batches.allowances.open_due_periods",
	],
}

# Jinja methods for print formats
# -------------------------------
jinja = {"methods": ["party_care.care_batches.care_record.care_record_for_print"]}

# Tree views
# ----------
treeviews = ["Party Organization"]

# Bench commands are read from party_care/commands.py
