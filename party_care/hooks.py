from party_care.permissions import MEMBER_RECORDS

app_name = "party_care"
app_title = "Party Care"
app_publisher = "party_care contributors"
app_description = (
	"Party incentive, care and assistance: member and hardship register, care fund, visits, honours"
)
app_email = "party-care@example.org"
app_license = "mit"
required_apps = []

# Desk assets (plain files under public/, no build step needed)
app_include_js = "/assets/party_care/js/party_care.js"
boot_session = "party_care.desk.boot.boot_session"
# ERPNext's Employee form and list (only loaded where the Employee DocType exists)
doctype_js = {"Employee": "public/js/erpnext/employee.js"}
doctype_list_js = {"Employee": "public/js/erpnext/employee_list.js"}

# Installation
# ------------
before_install = "party_care.install.before_install"
after_install = "party_care.install.after_install"
after_migrate = "party_care.install.after_migrate"
before_uninstall = "party_care.install.before_uninstall"
# ERPNext on the same site, installed before or after party_care (party_care/integrations/erpnext/setup.py)
after_app_install = "party_care.integrations.erpnext.setup.after_app_install"
before_app_uninstall = "party_care.integrations.erpnext.setup.before_app_uninstall"

# Records shipped with the app
# ----------------------------
fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"role_name",
				"in",
				[
					"Party Member",
					"Branch Secretary",
					"Organization Officer",
					"Party Committee Member",
					"Care Auditor",
					"Confidential Reader",
				],
			]
		],
	},
]

# Permissions (see party_care/permissions.py and the README)
# ----------------------------------------------------------
# the records about a member: one pair of hooks for every DocType of permissions.MEMBER_RECORDS
permission_query_conditions = {
	**dict.fromkeys(MEMBER_RECORDS, "party_care.permissions.query_conditions"),
	"Member": "party_care.permissions.member_query_conditions",
	"Visit": "party_care.permissions.visit_query_conditions",
	"Care Payment Batch": "party_care.care_batches.permissions.batch_query_conditions",
	"Care Payment Line": "party_care.care_batches.permissions.line_query_conditions",
	"File": "party_care.guards.files.query_conditions",  # files of app records: as their records
	# funds belong to a committee (party_care/care_fund/permissions.py)
	"Care Fund": "party_care.care_fund.permissions.fund_query_conditions",
	"Fund Ledger Entry": "party_care.care_fund.permissions.ledger_query_conditions",
	"Dues Share": "party_care.care_fund.permissions.dues_share_query_conditions",
	# the incentive side: one pair of hooks for all its DocTypes (party_care/incentive/permissions.py)
	"Party Building Assessment": "party_care.incentive.permissions.query_conditions",
	"Party Building Rectification": "party_care.incentive.permissions.query_conditions",
	"Volunteer Team": "party_care.incentive.permissions.query_conditions",
	"Organization Pairing": "party_care.incentive.permissions.query_conditions",
	"Pioneer Post": "party_care.incentive.permissions.query_conditions",
	"Volunteer Service": "party_care.incentive.permissions.query_conditions",
	"Party Activity": "party_care.incentive.permissions.query_conditions",
	"Honour Arrangement": "party_care.incentive.permissions.query_conditions",
	# confidential letters and care plans: their readers only (party_care/openness/permissions.py)
	"Confidential Letter": "party_care.openness.permissions.letter_query_conditions",
	"Psychological Care Plan": "party_care.openness.permissions.plan_query_conditions",
	"Party Affairs Disclosure": "party_care.openness.disclosure.query_conditions",
	"Deliberation Issue": "party_care.openness.deliberation.query_conditions",
	"Sensitive Read Log": "party_care.guards.read_log.query_conditions",  # within the tree
	"Study Mentorship": "party_care.openness.study.mentorship_query_conditions",
	"Study Session": "party_care.openness.study.session_query_conditions",
	# every app DocType: refused if the list guard did not prove itself (party_care/guards/selfcheck.py),
	# and to an officer, committee member or auditor without a committee post (party_care/permissions.py)
	"*": [
		"party_care.guards.selfcheck.query_conditions",
		"party_care.permissions.committee_query_conditions",
	],
}

has_permission = {
	**dict.fromkeys(MEMBER_RECORDS, "party_care.permissions.has_permission"),
	"Member": "party_care.permissions.member_has_permission",
	"Visit": "party_care.permissions.visit_has_permission",
	"Care Payment Batch": "party_care.care_batches.permissions.batch_has_permission",
	"Care Payment Line": "party_care.care_batches.permissions.line_has_permission",
	"Care Standard": "party_care.care_batches.permissions.standard_has_permission",
	"File": "party_care.guards.side_writes.file_has_permission",  # a private file is not copied by its URL
	"Care Fund": "party_care.care_fund.permissions.fund_has_permission",
	"Fund Ledger Entry": "party_care.care_fund.permissions.ledger_has_permission",
	"Dues Share": "party_care.care_fund.permissions.dues_share_has_permission",
	"Party Building Assessment": "party_care.incentive.permissions.has_permission",
	"Party Building Rectification": "party_care.incentive.permissions.has_permission",
	"Volunteer Team": "party_care.incentive.permissions.has_permission",
	"Organization Pairing": "party_care.incentive.permissions.has_permission",
	"Pioneer Post": "party_care.incentive.permissions.has_permission",
	"Volunteer Service": "party_care.incentive.permissions.has_permission",
	"Party Activity": "party_care.incentive.permissions.has_permission",
	"Honour Arrangement": "party_care.incentive.permissions.has_permission",
	"Confidential Letter": "party_care.openness.permissions.letter_has_permission",
	"Psychological Care Plan": "party_care.openness.permissions.plan_has_permission",
	"Party Affairs Disclosure": "party_care.openness.disclosure.has_permission",
	"Deliberation Issue": "party_care.openness.deliberation.has_permission",
	"Sensitive Read Log": "party_care.guards.read_log.has_permission",
	"Study Mentorship": "party_care.openness.study.mentorship_has_permission",
	"Study Session": "party_care.openness.study.session_has_permission",
	"Committee Rules": "party_care.organization.doctype.committee_rules.committee_rules.has_permission",
	"*": ["party_care.guards.selfcheck.has_permission", "party_care.permissions.committee_has_permission"],
}

# Runtime patches of Frappe (party_care/guards/__init__.py: the list query's field and child-table
# checks, the follow digest's hidden fields), installed before every request AND every job; then
# malformed input gets a translated 4xx, never a 500 (party_care/guards/request.py)
before_request = [
	"party_care.guards.install",
	"party_care.guards.request.check_request",
	"party_care.guards.read_log.check_export_tools",  # export tools, charts, cards: no sensitive field
]
before_job = ["party_care.guards.install"]
after_job = ["party_care.guards.read_log.flush_job"]  # what a job handed over is logged
# ... and last, what the request handed over of sensitive fields is logged (party_care/guards/read_log.py)
after_request = [
	"party_care.guards.request.rewrite_malformed_body",
	"party_care.guards.request.set_security_headers",
	"party_care.guards.read_log.flush",
]

# Members (Website Users) land on their own pages after logging in; a secretary, who holds the
# Party Member role too, lands on the desk (party_care/portal.py home_page: a role_home_page sent
# him to /my-care on Frappe 16, which asks the home page of desk users as well)
get_website_user_home_page = "party_care.portal.home_page"

# Link pickers read option values in the user's language (party_care/desk/search.py)
standard_queries = {
	"Member": "party_care.desk.search.translated_search",
	"Fund Application": "party_care.desk.search.translated_search",
	"Visit": "party_care.desk.search.translated_search",
	"Party Organization": "party_care.desk.search.translated_search",
	"Hardship Case": "party_care.desk.search.translated_search",
}

# a Tag Link inserted directly is checked before Frappe validates its links (party_care/overrides/tags.py)
override_doctype_class = {"Tag Link": "party_care.overrides.tags.TagLink"}

override_whitelisted_methods = {
	# lists, values and counts: the request's filters checked before Frappe runs it (the list guard)
	"frappe.client.get_list": "party_care.overrides.client.get_list",
	"frappe.client.get_value": "party_care.overrides.client.get_value",
	"frappe.client.get": "party_care.overrides.client.get",  # its sensitive values are logged
	"frappe.client.validate_link": "party_care.overrides.client.validate_link",  # (logged too)
	"frappe.client.validate_link_and_fetch": "party_care.overrides.client.validate_link_and_fetch",  # Frappe 16's (logged too)
	"frappe.desk.reportview.get_list": "party_care.overrides.reportview.get_list",
	"frappe.client.get_count": "party_care.overrides.client.get_count",
	"frappe.desk.reportview.get": "party_care.overrides.reportview.get",
	"frappe.desk.reportview.get_count": "party_care.overrides.reportview.get_count",
	"frappe.desk.reportview.export_query": "party_care.overrides.reportview.export_query",
	"frappe.desk.query_report.get_data_for_custom_field": "party_care.overrides.query_report.get_data_for_custom_field",
	"frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion": "party_care.overrides.query_report.enqueue_json_to_csv_conversion",  # Frappe 16: only for who may read it
	"frappe.desk.search.search_link": "party_care.overrides.search.search_link",
	"frappe.desk.search.search_widget": "party_care.overrides.search.search_widget",
	"frappe.desk.form.load.getdoc": "party_care.overrides.form_load.getdoc",
	"frappe.desk.form.load.get_docinfo": "party_care.overrides.form_load.get_docinfo",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "party_care.overrides.linked_with.get_submitted_linked_docs",
	"frappe.desk.listview.get_group_by_count": "party_care.overrides.listview.get_group_by_count",
	"frappe.utils.goal.get_monthly_goal_graph_data": "party_care.overrides.goal.get_monthly_goal_graph_data",
	"frappe.desk.search.get_link_title": "party_care.overrides.search.get_link_title",
	"frappe.geo.utils.get_coords": "party_care.overrides.geo.get_coords",
	"frappe.desk.doctype.number_card.number_card.get_result": "party_care.overrides.number_card.number_card_result",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "party_care.overrides.dashboard_chart.get",  # months in Chinese
	# writes attached to an app record: check before Frappe writes (party_care/guards/side_writes.py)
	"frappe.desk.doctype.tag.tag.add_tag": "party_care.overrides.tags.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "party_care.overrides.tags.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "party_care.overrides.tags.remove_tag",
	"frappe.email.relink": "party_care.overrides.communication.relink",
	"frappe.core.doctype.communication.email.make": "party_care.overrides.communication.make_communication",
	"frappe.utils.file_manager.add_attachments": "party_care.overrides.files.add_attachments",
	"frappe.handler.upload_file": "party_care.overrides.files.upload_file",
	"upload_file": "party_care.overrides.files.upload_file",  # the desk posts it by its short name
	"frappe.templates.includes.comments.comments.add_comment": "party_care.overrides.web.web_comment",
	"frappe.templates.includes.likes.likes.like": "party_care.overrides.web.web_like",
}

# Reactions to other DocTypes' events (one list per event; each capability adds its line)
# -------------------------------------------------------------------------------------
doc_events = {
	# limits first (a linked member must exist), then the organisation the record now belongs to
	"*": {
		"before_validate": [
			"party_care.guards.limits.validate",
			"party_care.permissions.check_record_organization",
		],
		"before_update_after_submit": "party_care.guards.limits.validate",
		# prints of app records never show a field the reader may not read; what they do show of the
		# sensitive fields is logged (in this order)
		"before_print": [
			"party_care.guards.visibility.before_print",
			"party_care.guards.read_log.before_print",
		],
	},
	"User": {
		"before_validate": "party_care.desk.module_profile.apply_module_profile",
	},
	# comments, likes, assignments, tags, follows, files and events on an app record come from who
	# may write it, whatever the route (party_care/guards/side_writes.py)
	"Comment": {"validate": "party_care.guards.side_writes.comment"},
	"ToDo": {"validate": "party_care.guards.side_writes.todo"},
	"Tag Link": {"validate": "party_care.guards.side_writes.tag_link"},
	"Document Follow": {"validate": "party_care.guards.side_writes.document_follow"},
	"File": {"validate": "party_care.guards.side_writes.file"},
	"Event": {"validate": "party_care.guards.side_writes.event"},
	# a share would show a confidential letter or care plan past the hooks (party_care/openness)
	"DocShare": {"validate": "party_care.openness.permissions.refuse_share"},
	"Member Event": {"after_insert": "party_care.openness.letters.on_member_event"},
	"Member": {
		"on_update": [
			"party_care.care_visits.visits.on_member_update",
			"party_care.hardship.register.on_member_update",
			"party_care.organization.login.on_member_update",
		],
	},
	# visit counts per organisation and month (party_care/care_visits/visit_months.py)
	"Visit": {
		"on_update": "party_care.care_visits.visit_months.on_visit_change",
		"after_delete": "party_care.care_visits.visit_months.on_visit_change",
	},
	"Party Organization": {
		"after_rename": "party_care.care_visits.visit_months.on_organization_rename",
	},
	# the "what next" line and the read-only fields of each step (party_care/desk/route_guide.py)
	**{
		doctype: {"onload": "party_care.desk.route_guide.onload"}
		for doctype in ("Fund Application", "Commendation", "Dues Relief Application", "Care Payment Batch")
	},
	# ERPNext (when installed): Members follow their Employee (party_care/employees.py)
	"Employee": {
		"on_update": "party_care.integrations.erpnext.employees.on_employee_update",
		"on_trash": "party_care.integrations.erpnext.employees.on_employee_trash",
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
		"party_care.incentive.rectification.remind_overdue",
		"party_care.openness.deliberation.escalate_overdue",
		"party_care.retention.daily",  # sensitive fields of who left N years ago (a setting)
	],
}

# Jinja methods for print formats
# -------------------------------
jinja = {"methods": ["party_care.care_batches.care_record.care_record_for_print"]}

# Tree views
# ----------
treeviews = ["Party Organization"]

# Bench commands are read from party_care/commands.py
