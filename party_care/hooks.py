app_name = "party_care"
app_title = "Party Care"
app_publisher = "party_care contributors"
app_description = "Party incentive, care and assistance: member and hardship register, care fund, visits, honours"
app_email = "party-care@example.org"
app_license = "mit"
required_apps = []

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
}

has_permission = {
	"Member": "party_care.permissions.member_has_permission",
	"Fund Application": "party_care.permissions.fund_application_has_permission",
}

override_whitelisted_methods = {
	"frappe.client.get_count": "party_care.overrides.get_count",
}

# Reactions to other DocTypes' events (one list per event; each capability adds its line)
# -------------------------------------------------------------------------------------
doc_events = {
	"Member": {
		"on_update": [],
	},
}

# Scheduled jobs (each must be idempotent: a rerun the same day sends nothing twice)
# ----------------------------------------------------------------------------------
scheduler_events = {
	"daily": [],
}

# Tree views
# ----------
treeviews = ["Party Organization"]

# Bench commands are read from party_care/commands.py
