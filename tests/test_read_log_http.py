"""Who looked at what (issue 19) over HTTP: each read of an ID number, a hardship case's details or
a visit's or event's private notes, through each channel, writes exactly one Sensitive Read Log
row naming the reader; a refused read writes none; the Care Auditor reads the log in its report,
a secretary does not; nobody adds, changes or deletes a row."""

import json

import frappe
import pytest
from frappe.utils import now_datetime, today

from party_care.compat import V16
from tests.support.factories import make_urgent_case
from tests.support.world import email

SITUATION = "查阅日志测试：患尿毒症，每周透析三次"
NOTES = "查阅日志测试：思想波动，家庭矛盾"
DETAILS = "查阅日志测试：住院治疗"
LOG = "Sensitive Read Log"


@pytest.fixture(scope="module")
def records(world, committed):
	frappe.set_user("Administrator")
	case = make_urgent_case(
		world.members.mem_a,
		SITUATION,
		family_members=[{"family_member_name": "配偶", "relation": "配偶", "age": 60}],
	).name
	visit = (
		frappe.get_doc(
			doctype="Visit",
			member=world.members.mem_a,
			visit_reason="Routine Visit",
			due_date=today(),
			notes=NOTES,
			visitors=[{"visitor": world.members.sec_a}],
		)
		.insert()
		.name
	)
	event = (
		frappe.get_doc(
			doctype="Member Event",
			member=world.members.mem_a,
			event_type="Serious Setback",
			event_date=today(),
			details=DETAILS,
		)
		.insert()
		.name
	)
	frappe.db.commit()
	return frappe._dict(member=world.members.mem_a, case=case, visit=visit, event=event)


def logged(since, **filters) -> list[dict]:
	frappe.db.rollback()  # see what the served site committed
	return frappe.get_all(
		LOG,
		filters={"creation": [">=", since], **filters},
		fields=[
			"user",
			"channel",
			"reference_doctype",
			"reference_name",
			"field_group",
			"record_count",
			"ip_address",
			"request_path",
		],
		order_by="field_group",
	)


def groups(rows) -> list[tuple]:
	return sorted(
		(r.reference_doctype, r.reference_name, r.field_group, r.channel, r.record_count) for r in rows
	)


def get(s, path, **params):
	r = s.get(s.base_url + path, params=params, timeout=60)
	return r


def post(s, path, **data):
	return s.post(s.base_url + path, data=data, timeout=60)


def test_desk_form_logs_the_id_number_once(world, login, records):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(s, "/api/method/frappe.desk.form.load.getdoc", doctype="Member", name=records.member)
	assert r.status_code == 200 and r.json()["docs"][0]["id_number"]
	rows = logged(since)
	assert groups(rows) == [("Member", records.member, "ID Number", "Desk Form", 1)]
	assert rows[0].user == world.users.sec_a and rows[0].ip_address == "127.0.0.1"


def test_rest_resource_logs_each_group_of_a_case_once(world, login, records):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(s, f"/api/resource/Hardship Case/{records.case}")
	assert r.status_code == 200 and r.json()["data"]["situation"] == SITUATION
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Hardship Case", records.case, group, "REST API", 1)
		for group in ("Family Members", "Hardship Situation", "Income")
	]


def test_client_get_and_get_value_log_what_they_return(world, login, records):
	s = login(world.users.sec_a)
	since = now_datetime()
	assert (
		get(s, "/api/method/frappe.client.get", doctype="Visit", name=records.visit).json()["message"][
			"notes"
		]
		== NOTES
	)
	r = get(
		s,
		"/api/method/frappe.client.get_value",
		doctype="Member",
		fieldname="id_number",
		filters=records.member,
	)
	assert r.json()["message"]["id_number"]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member", records.member, "ID Number", "REST API", 1),
		("Visit", records.visit, "Private Notes", "REST API", 1),
	]


def test_print_logs_the_notes_once(world, login, records):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.www.printview.get_html_and_style",
		doc="Visit",
		name=records.visit,
		print_format="Standard",
	)
	assert r.status_code == 200 and NOTES in r.json()["message"]["html"]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Visit", records.visit, "Private Notes", "Print", 1)
	]


@pytest.mark.parametrize("how", ["get_list", "reportview", "resource"])
def test_a_list_logs_one_row_with_its_count(world, login, records, how):
	s = login(world.users.sec_a)
	since = now_datetime()
	filters = json.dumps({"name": records.event})
	if how == "get_list":
		r = get(
			s,
			"/api/method/frappe.client.get_list",
			doctype="Member Event",
			fields='["name", "details"]',
			filters=filters,
		)
		assert r.json()["message"][0]["details"] == DETAILS
	elif how == "reportview":
		r = post(
			s,
			"/api/method/frappe.desk.reportview.get",
			doctype="Member Event",
			fields='["`tabMember Event`.`name`", "`tabMember Event`.`details`"]',
			filters=filters,
		)
		assert DETAILS in r.json()["message"]["values"][0]
	else:
		r = get(s, "/api/resource/Member Event", fields='["name", "details"]', filters=filters)
		assert r.json()["data"][0]["details"] == DETAILS
	rows = logged(since, user=world.users.sec_a)
	assert groups(rows) == [("Member Event", records.event, "Private Notes", "List or Report", 1)]


def test_a_list_of_many_is_one_row_counting_them(world, login, records):
	s = login(world.users.officer)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.client.get_list",
		doctype="Member",
		fields='["name", "id_number"]',
		limit_page_length=0,
	)
	count = sum(1 for row in r.json()["message"] if row.get("id_number"))
	assert count > 1
	assert groups(logged(since, user=world.users.officer)) == [
		("Member", None, "ID Number", "List or Report", count)
	]


def test_export_logs_the_rows_exported(world, login, records):
	s = login(world.users.officer)
	since = now_datetime()
	r = post(
		s,
		"/api/method/frappe.desk.reportview.export_query",
		doctype="Member",
		file_format_type="CSV",
		fields='["`tabMember`.`name`", "`tabMember`.`id_number`"]',
		filters=json.dumps([["Member", "name", "in", [records.member, world.members.sec_a]]]),
	)
	assert r.status_code == 200, r.text[:300]
	assert groups(logged(since, user=world.users.officer)) == [("Member", None, "ID Number", "Export", 2)]


@pytest.mark.parametrize(
	"who,what",
	[
		("sec_b", "form"),  # another branch: refused
		("mem_a", "visit"),  # his own visit: read, but never its notes
		("auditor", "member"),  # the auditor reads the masked ID number only
		("committee", "list"),  # the committee's list without the ID number
	],
)
def test_a_refused_or_stripped_read_logs_nothing(world, login, records, who, what):
	s = login(world.users[who])
	since = now_datetime()
	if what == "form":
		assert (
			get(
				s, "/api/method/frappe.desk.form.load.getdoc", doctype="Hardship Case", name=records.case
			).status_code
			== 403
		)
		assert get(s, f"/api/resource/Member/{records.member}").status_code == 403
	elif what == "visit":
		r = get(s, f"/api/resource/Visit/{records.visit}")
		assert r.status_code == 200 and "notes" not in r.json()["data"]
	elif what == "member":
		r = get(s, "/api/method/frappe.desk.form.load.getdoc", doctype="Member", name=records.member)
		assert r.status_code == 200 and not r.json()["docs"][0].get("id_number")
	else:
		r = get(s, "/api/method/frappe.client.get_list", doctype="Member", fields='["name", "id_number"]')
		assert r.status_code == 200 and not any(row.get("id_number") for row in r.json()["message"])
	assert logged(since, user=world.users[who]) == []


def test_the_auditor_reads_the_log_and_a_secretary_does_not(world, login, records):
	sec = login(world.users.sec_a)
	since = now_datetime()
	get(sec, "/api/method/frappe.desk.form.load.getdoc", doctype="Visit", name=records.visit)
	auditor = login(world.users.auditor)
	r = get(
		auditor,
		"/api/method/frappe.desk.query_report.run",
		report_name="Sensitive Reads",
		filters=json.dumps(
			{
				"user": world.users.sec_a,
				"reference_name": records.visit,
				"channel": "Desk Form",
				"from_date": today(),
			}
		),
	)
	assert r.status_code == 200, r.text[:300]
	result = r.json()["message"]["result"]
	# the site's language decides the labels (the translations test checks the Chinese)
	assert [(row["user"], row["reference_name"], row["field_group"], row["channel"]) for row in result] == [
		(world.users.sec_a, records.visit, frappe._("Private Notes"), frappe._("Desk Form"))
	]
	assert {c["fieldname"] for c in r.json()["message"]["columns"]} >= {
		"user",
		"read_at",
		"field_group",
		"channel",
	}
	assert get(auditor, f"/api/resource/{LOG}", filters=json.dumps({"creation": [">=", str(since)]})).json()[
		"data"
	]
	for path in (f"/api/resource/{LOG}", "/api/method/frappe.desk.query_report.run"):
		assert get(sec, path, report_name="Sensitive Reads").status_code == 403


def test_no_one_adds_changes_or_deletes_a_row(world, login, records):
	sec = login(world.users.sec_a)
	since = now_datetime()
	get(sec, "/api/method/frappe.desk.form.load.getdoc", doctype="Member", name=records.member)
	frappe.db.rollback()
	name = frappe.get_all(LOG, filters={"creation": [">=", since], "user": world.users.sec_a}, pluck="name")[
		0
	]
	for who in ("auditor", "sysadmin"):
		s = login(world.users.auditor if who == "auditor" else email("sysadmin"))
		assert s.delete(f"{s.base_url}/api/resource/{LOG}/{name}", timeout=30).status_code == 403
		assert (
			s.put(
				f"{s.base_url}/api/resource/{LOG}/{name}", json={"user": "Administrator"}, timeout=30
			).status_code
			== 403
		)
		assert (
			s.post(
				f"{s.base_url}/api/resource/{LOG}",
				json={"user": "Administrator", "channel": "Print", "field_group": "Income"},
				timeout=30,
			).status_code
			== 403
		)
		r = s.post(
			f"{s.base_url}/api/method/frappe.client.delete", data={"doctype": LOG, "name": name}, timeout=30
		)
		assert r.status_code == 403
	frappe.db.rollback()
	assert frappe.db.get_value(LOG, name, "user") == world.users.sec_a
	# Administrator too, in the code: every Document route is refused
	with pytest.raises(frappe.PermissionError):
		frappe.delete_doc(LOG, name, ignore_permissions=True, force=True)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(LOG, name).save(ignore_permissions=True)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(doctype=LOG, user="Administrator", channel="Print", field_group="Income").insert(
			ignore_permissions=True
		)


def test_the_log_names_the_fields_filtered_on_never_their_values(world, login, records):
	s = login(world.users.officer)
	id_number = frappe.db.get_value("Member", records.member, "id_number")
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.client.get_list",
		doctype="Member",
		fields='["name", "id_number"]',
		filters=json.dumps({"id_number": id_number}),
	)
	assert r.json()["message"][0]["name"] == records.member
	frappe.db.rollback()
	rows = frappe.get_all(
		LOG,
		filters={"creation": [">=", since], "user": world.users.officer},
		fields=["reference_name", "query"],
	)
	assert rows == [{"reference_name": records.member, "query": "id_number"}]
	assert id_number not in str(frappe.get_all(LOG, filters={"creation": [">=", since]}, fields=["*"]))


# --- the gaps: the care record, the Hardship Register, Frappe's export tools, a bare column ------------

CARE_NOTES = "查阅日志测试：档案中的走访记录"
CARE_SITUATION = "查阅日志测试：档案中的困难情况"


@pytest.fixture(scope="module")
def care(world, committed):
	"""A member of branch A with one visit with notes and one case with a situation (nothing else:
	the counts of his care record are known)."""
	from tests.support.factories import make_member

	frappe.set_user("Administrator")
	member = make_member(world.orgs.branch_a, full_name="查阅日志档案").name
	visit = (
		frappe.get_doc(
			doctype="Visit",
			member=member,
			visit_reason="Routine Visit",
			due_date=today(),
			notes=CARE_NOTES,
			visitors=[{"visitor": world.members.sec_a}],
		)
		.insert()
		.name
	)
	case = (
		frappe.get_doc(
			doctype="Hardship Case",
			member=member,
			hardship_type="Illness",
			hardship_level="General",
			situation=CARE_SITUATION,
		)
		.insert()
		.name
	)
	frappe.db.commit()
	return frappe._dict(member=member, visit=visit, case=case)


def test_the_care_record_logs_the_notes_and_situations_it_returns(world, login, care):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(s, "/api/method/party_care.care_batches.care_record.get_care_record", member=care.member)
	assert r.status_code == 200, r.text[:300]
	assert {CARE_NOTES, CARE_SITUATION} <= {e["note"] for e in r.json()["message"]["events"]}
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Hardship Case", care.case, "Hardship Situation", "Desk Form", 1),
		("Visit", care.visit, "Private Notes", "Desk Form", 1),
	]


def test_the_care_record_print_logs_the_notes_and_situations_it_prints(world, login, care):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.www.printview.get_html_and_style",
		doc="Member",
		name=care.member,
		print_format="Member Care Record",
	)
	assert r.status_code == 200, r.text[:300]
	assert CARE_NOTES in r.json()["message"]["html"] and CARE_SITUATION in r.json()["message"]["html"]
	rows = [r for r in logged(since, user=world.users.sec_a) if r.reference_doctype != "Member"]
	assert groups(rows) == [
		("Hardship Case", care.case, "Hardship Situation", "Print", 1),
		("Visit", care.visit, "Private Notes", "Print", 1),
	]


def test_the_members_own_care_record_logs_nothing(world, login, records):
	"""He reads his own record without the visitor's notes or his case's situation: nothing to log."""
	s = login(world.users.mem_a)
	since = now_datetime()
	r = get(s, "/api/method/party_care.care_batches.care_record.get_care_record", member=records.member)
	assert r.status_code == 200, r.text[:300]
	assert not any(
		e["note"] for e in r.json()["message"]["events"] if e["doctype"] in ("Visit", "Hardship Case")
	)
	assert logged(since, user=world.users.mem_a) == []


def _register_filters(world):
	return json.dumps({"party_organization": world.orgs.branch_a})


def _with_income(rows) -> list:
	return [row for row in rows if isinstance(row, dict) and row.get("per_capita_income")]


def _expected_register_row(rows, channel):
	income = _with_income(rows)
	assert income, "the register shows the income of at least one case"
	name = income[0]["name"] if len(income) == 1 else None
	return [("Hardship Case", name, "Income", channel, len(income))]


def test_a_hardship_register_run_is_one_row_counting_the_incomes(world, login, records):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.desk.query_report.run",
		report_name="Hardship Register",
		filters=_register_filters(world),
	)
	assert r.status_code == 200, r.text[:300]
	result = r.json()["message"]["result"]
	assert records.case in {row.get("name") for row in result if isinstance(row, dict)}
	rows = logged(since, user=world.users.sec_a)
	assert groups(rows) == _expected_register_row(result, "List or Report")
	assert rows[0].request_path.endswith("frappe.desk.query_report.run")


def test_a_hardship_register_export_is_logged_as_an_export(world, login, records):
	s = login(world.users.sec_a)
	run = get(
		s,
		"/api/method/frappe.desk.query_report.run",
		report_name="Hardship Register",
		filters=_register_filters(world),
	).json()["message"]["result"]
	since = now_datetime()
	r = post(
		s,
		"/api/method/frappe.desk.query_report.export_query",
		report_name="Hardship Register",
		file_format_type="CSV",
		filters=_register_filters(world),
		visible_idx=json.dumps(list(range(len(run)))),
	)
	assert r.status_code == 200, r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == _expected_register_row(run, "Export")


@pytest.mark.parametrize(
	"what,args",
	[
		(
			"data export: an ID number",
			{
				"doctype": "Member",
				"select_columns": json.dumps({"Member": ["name", "id_number"]}),
				"with_data": 1,
				"file_type": "CSV",
			},
		),
		("data export: every column", {"doctype": "Hardship Case", "with_data": 1, "file_type": "CSV"}),
		(
			"data export: the family table",
			{
				"doctype": "Hardship Case",
				"select_columns": json.dumps(
					{"Hardship Case": ["name"], "Hardship Family Member": ["family_member_name"]}
				),
				"with_data": 1,
				"file_type": "CSV",
			},
		),
		(
			"import template with records: the notes",
			{
				"doctype": "Visit",
				"export_fields": json.dumps({"Visit": ["name", "notes"]}),
				"export_records": "all",
				"file_type": "CSV",
			},
		),
		(
			"import template with records: the family table",
			{
				"doctype": "Hardship Case",
				"export_fields": json.dumps({"Hardship Case": ["name"], "family_members": ["age"]}),
				"export_records": "5_records",
				"file_type": "CSV",
			},
		),
	],
)
def test_frappes_export_tools_refuse_the_sensitive_fields(world, login, records, what, args):
	s = login(world.users.officer)
	method = (
		"frappe.core.doctype.data_export.exporter.export_data"
		if "select_columns" in args or "with_data" in args
		else "frappe.core.doctype.data_import.data_import.download_template"
	)
	since = now_datetime()
	r = post(s, f"/api/method/{method}", **args)
	assert r.status_code == 403, (what, r.status_code, r.text[:300])
	value = frappe.db.get_value("Member", records.member, "id_number")
	assert value not in r.text and NOTES not in r.text and SITUATION not in r.text and "配偶" not in r.text
	assert logged(since, user=world.users.officer) == []


@pytest.mark.parametrize(
	"method,args",
	[
		(
			"frappe.core.doctype.data_export.exporter.export_data",
			{
				"doctype": "Member",
				"select_columns": json.dumps({"Member": ["name", "full_name"]}),
				"with_data": 1,
				"file_type": "CSV",
			},
		),
		(
			"frappe.core.doctype.data_export.exporter.export_data",
			{"doctype": "Member", "template": "true", "with_data": 0, "file_type": "CSV"},
		),
		(
			"frappe.core.doctype.data_import.data_import.download_template",
			{
				"doctype": "Hardship Case",
				"export_fields": json.dumps(
					{"Hardship Case": ["name", "situation"], "family_members": ["age"]}
				),
				"export_records": "blank_template",
				"file_type": "CSV",
			},
		),
	],
)
def test_frappes_export_tools_still_export_the_rest(world, login, records, method, args):
	s = login(world.users.officer)
	r = post(s, f"/api/method/{method}", **args)
	assert r.status_code == 200, r.text[:300]
	assert frappe.db.get_value("Member", records.member, "id_number") not in r.text


@pytest.mark.parametrize("how", ["get_list", "reportview"])
def test_a_bare_sensitive_column_is_logged(world, login, records, how):
	"""`fields=["id_number"]` alone (no name): one row counting the values handed over."""
	s = login(world.users.sec_a)
	since = now_datetime()
	filters = json.dumps([["Member", "name", "=", records.member]])
	if how == "get_list":
		r = get(
			s, "/api/method/frappe.client.get_list", doctype="Member", fields='["id_number"]', filters=filters
		)
		assert r.json()["message"][0]["id_number"]
	else:
		r = post(
			s,
			"/api/method/frappe.desk.reportview.get",
			doctype="Member",
			fields='["`tabMember`.`id_number`"]',
			filters=filters,
		)
		assert r.json()["message"]["values"][0][0]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member", None, "ID Number", "List or Report", 1)
	]


# --- other paths that hand the fields over (the hunt) ------------------------------------------------


def test_a_custom_reports_linked_column_is_logged(world, login, records):
	"""frappe.desk.query_report.get_data_for_custom_field: {name: value} of one field."""
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.desk.query_report.get_data_for_custom_field",
		doctype="Member",
		field="id_number",
		names=json.dumps([records.member]),
	)
	assert r.status_code == 200 and r.json()["message"][records.member], r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member", records.member, "ID Number", "List or Report", 1)
	]


def test_the_sidebar_counts_grouped_by_the_notes_are_logged(world, login, records):
	"""The list sidebar's group-by counts name each value of the field."""
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.desk.listview.get_group_by_count",
		doctype="Visit",
		current_filters=json.dumps([["Visit", "name", "=", records.visit]]),
		field="notes",
	)
	assert r.status_code == 200 and r.json()["message"][0]["name"] == NOTES, r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Visit", None, "Private Notes", "List or Report", 1)
	]


def test_a_link_search_showing_the_details_is_logged(world, login, records):
	"""Frappe's link search shows the field searched in (`searchfield`) in each result."""
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(
		s,
		"/api/method/frappe.desk.search.search_link",
		doctype="Member Event",
		txt="",  # (a text is looked for in the name, title and search fields only)
		searchfield="details",
		filters=json.dumps({"name": records.event}),
	)
	assert r.status_code == 200 and DETAILS in r.json()["message"][0]["description"], r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member Event", None, "Private Notes", "List or Report", 1)
	]


def test_a_links_fetched_values_are_logged(world, login, records):
	"""frappe.client.validate_link returns the linked record's `fields` (the form's fetch_from).
	Frappe 16 has no such method (its desk calls validate_link_and_fetch, the test below): a 404 there."""
	s = login(world.users.sec_a)
	since = now_datetime()
	if V16:
		r = get(s, "/api/method/frappe.client.validate_link", doctype="Member", docname=records.member)
		assert r.status_code == 404, r.text[:300]
		return
	r = get(
		s,
		"/api/method/frappe.client.validate_link",
		doctype="Member",
		docname=records.member,
		fields=json.dumps(["id_number"]),
	)
	assert r.status_code == 200 and r.json()["message"]["id_number"], r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member", records.member, "ID Number", "REST API", 1)
	]
	# a field the DocType does not have: a 4xx, not Frappe's SQL error
	r = get(
		s,
		"/api/method/frappe.client.validate_link",
		doctype="Member",
		docname=records.member,
		fields=json.dumps(["no_such_field"]),
	)
	assert r.status_code == 417, r.text[:300]


@pytest.mark.skipif(
	not V16, reason="Frappe 15 has no frappe.client.validate_link_and_fetch (Frappe 16's desk calls it)"
)
def test_a_links_fetched_values_are_logged_on_frappe_16(world, login, records):
	"""Frappe 16's desk checks a typed Link with frappe.client.validate_link_and_fetch, which
	returns the linked record's `fields_to_fetch`: logged as validate_link's are; a link the reader
	may not see hands nothing over and logs nothing; an unknown field is a 4xx."""
	method = "/api/method/frappe.client.validate_link_and_fetch"
	s = login(world.users.sec_a)
	since = now_datetime()
	r = get(s, method, doctype="Member", docname=records.member, fields_to_fetch='["id_number"]')
	assert r.status_code == 200 and r.json()["message"]["id_number"], r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member", records.member, "ID Number", "REST API", 1)
	]
	# the desk's POST (a Link typed in a form) too
	since = now_datetime()
	r = post(s, method, doctype="Member", docname=records.member, fields_to_fetch='["id_number"]')
	assert r.status_code == 200 and r.json()["message"]["id_number"], r.text[:300]
	assert groups(logged(since, user=world.users.sec_a)) == [
		("Member", records.member, "ID Number", "REST API", 1)
	]
	# a field the DocType does not have, or a garbled argument: a 4xx, not Frappe's 500
	for bad in (
		{"fields_to_fetch": '["no_such_field"]'},
		{"fields_to_fetch": "[1,"},
		{"filters": '{"a": {"b": 1}}'},
		{"query": "x" * 300},
	):
		r = get(s, method, doctype="Member", docname=records.member, **bad)
		assert r.status_code == 417, (bad, r.status_code, r.text[:300])
	# another branch's secretary: the link is not his to see, nothing handed over, nothing logged
	s = login(world.users.sec_b)
	since = now_datetime()
	r = get(s, method, doctype="Member", docname=records.member, fields_to_fetch='["id_number"]')
	assert r.status_code in (200, 403) and not (r.json().get("message") or {}).get("id_number")
	assert logged(since, user=world.users.sec_b) == []


@pytest.mark.parametrize(
	"method,args,refused",
	[
		(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{
				"chart": json.dumps(
					{
						"chart_type": "Group By",
						"document_type": "Visit",
						"group_by_type": "Count",
						"group_by_based_on": "notes",
					}
				),
				"no_cache": 1,  # (Frappe's cache of a chart sent as JSON fails: a 500)
			},
			True,
		),
		(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{
				"chart": json.dumps(
					{
						"chart_type": "Group By",
						"document_type": "Hardship Case",
						"group_by_type": "Sum",
						"group_by_based_on": "name",
						"aggregate_function_based_on": "per_capita_income",
					}
				),
				"no_cache": 1,  # (Frappe's cache of a chart sent as JSON fails: a 500)
			},
			True,
		),
		(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{
				"chart": json.dumps(
					{
						"chart_type": "Group By",
						"document_type": "Visit",
						"group_by_type": "Count",
						"group_by_based_on": "status",
					}
				),
				"no_cache": 1,  # (Frappe's cache of a chart sent as JSON fails: a 500)
			},
			False,
		),
		(
			"frappe.desk.doctype.number_card.number_card.get_result",
			{
				"doc": json.dumps(
					{
						"document_type": "Hardship Case",
						"function": "Sum",
						"aggregate_function_based_on": "per_capita_income",
					}
				),
				"filters": "[]",
			},
			True,
		),
		(
			"frappe.desk.doctype.number_card.number_card.get_result",
			{"doc": json.dumps({"document_type": "Hardship Case", "function": "Count"}), "filters": "[]"},
			False,
		),
	],
	ids=[
		"chart by notes",
		"chart summing incomes",
		"chart by status",
		"card summing incomes",
		"card counting",
	],
)
def test_charts_and_cards_do_not_group_or_total_a_sensitive_field(
	world, login, records, method, args, refused
):
	s = login(world.users.sec_a)
	since = now_datetime()
	r = post(s, f"/api/method/{method}", **args)
	assert r.status_code == (403 if refused else 200), r.text[:300]
	assert NOTES not in r.text
	assert logged(since, user=world.users.sec_a) == []


def test_the_member_reading_his_own_case_is_logged(world, login, records):
	"""get_my_case hands the member his own case in full: a read like any other."""
	s = login(world.users.mem_a)
	since = now_datetime()
	r = get(s, "/api/method/party_care.hardship.register.get_my_case")
	assert r.status_code == 200, r.text[:300]
	case = r.json()["message"]
	expected = {
		"Hardship Situation": bool(case.get("situation") or case.get("causes")),
		"Family Members": bool(case.get("family_members")),
		"Income": bool(case.get("household_annual_income") or case.get("per_capita_income")),
	}
	assert any(expected.values())
	assert groups(logged(since, user=world.users.mem_a)) == [
		("Hardship Case", case["name"], group, "REST API", 1)
		for group, shown in sorted(expected.items())
		if shown
	]


def test_a_print_made_by_a_background_job_is_logged(world, records):
	"""A job (a print attached to an e-mail, a prepared report) has no request: Frappe's after_job
	hook writes what it handed over, once it has finished."""
	from frappe.utils.background_jobs import execute_job

	from party_care.guards import read_log

	setattr(frappe.local, read_log._PENDING, None)  # nothing noted in-process by an earlier test
	frappe.set_user(world.users.sec_a)
	since = now_datetime()
	try:
		html = execute_job(
			frappe.local.site,
			"frappe.get_print",
			None,
			None,
			{"doctype": "Visit", "name": records.visit, "print_format": "Standard"},
			is_async=False,
		)
	finally:
		frappe.local.job = None
	assert NOTES in html
	rows = logged(since, user=world.users.sec_a)
	assert groups(rows) == [("Visit", records.visit, "Private Notes", "Print", 1)]
	assert rows[0].request_path == "job: frappe.get_print"
