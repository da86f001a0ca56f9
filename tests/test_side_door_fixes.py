"""Issue 10, items 1–5: what a member, a secretary of another branch, a committee member or an
auditor could read through Frappe's generic endpoints — each side door shut, over HTTP."""

import pytest

from tests.support import sidedoors
from tests.support.http import call
from tests.support.sidedoors import leaks, marker


@pytest.fixture(scope="module")
def planted(world, committed):
	return sidedoors.plant(world)


def secrets_of_b(planted):
	return [
		*planted.level1,
		*planted.row_markers,
		planted.id_masked,
		planted.person,
		*[n for names in planted.records.values() for n in names],
	]


# 1. search with ignore_user_permissions --------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["frappe.desk.search.search_link", "frappe.desk.search.search_widget"])
@pytest.mark.parametrize(
	"who,doctype,searchfield",
	[
		("mem_a", "Hardship Case", "situation"),
		("mem_a", "Member", "id_number"),
		("sec_a", "Member", "id_number"),
		("sec_a", "Visit", "notes"),
		("mem_a", "Fund Application", "reason"),
	],
)
def test_search_keeps_scope_even_when_asked_to_ignore_user_permissions(
	world, login, planted, endpoint, who, doctype, searchfield
):
	s = login(world.users[who])
	r = call(
		s,
		endpoint,
		doctype=doctype,
		txt="",
		searchfield=searchfield,
		ignore_user_permissions=1,
		page_length=500,
	)
	assert r.status_code == 200, r.text[:300]
	assert not leaks(r.text, secrets_of_b(planted))


@pytest.mark.parametrize("who", ["committee", "auditor"])
def test_search_does_not_return_id_numbers_to_roles_that_see_them_masked(world, login, planted, who):
	s = login(world.users[who])
	for endpoint in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
		r = call(
			s,
			endpoint,
			doctype="Member",
			txt="",
			searchfield="id_number",
			ignore_user_permissions=1,
			page_length=500,
		)
		assert r.status_code == 200
		assert planted.person in r.text  # the member is in their scope …
		assert not leaks(r.text, [planted.id_number, *planted.old_ids])  # … his ID number is not


# 2. child tables outside their parent's scope --------------------------------------------------


@pytest.mark.parametrize("who", ["mem_a", "sec_a"])
@pytest.mark.parametrize(
	"child,parent",
	[
		("Hardship Family Member", "Hardship Case"),
		("Hardship Helper", "Hardship Case"),
		("Hardship Help Log", "Hardship Case"),
		("Visit Visitor", "Visit"),
	],
)
def test_child_rows_are_listed_only_within_the_parents_scope(world, login, planted, who, child, parent):
	s = login(world.users[who])
	r = call(s, "frappe.client.get_list", doctype=child, parent=parent, fields=["*"], limit_page_length=0)
	assert r.status_code in (200, 403), r.text[:300]
	assert not leaks(r.text, secrets_of_b(planted))


def test_family_rows_need_the_level_of_the_family_table(world, login, planted):
	"""A member reads his own case, but not its family table (level 1) row by row."""
	s = login(world.users.mem_b)  # branch B: the planted case is not his, the point is the level
	r = call(
		s,
		"frappe.client.get_list",
		doctype="Hardship Family Member",
		parent="Hardship Case",
		fields=["*"],
		limit_page_length=0,
	)
	assert r.status_code == 403
	s = login(world.users.sec_b)  # his own secretary reads them
	r = call(
		s,
		"frappe.client.get_list",
		doctype="Hardship Family Member",
		parent="Hardship Case",
		fields=["*"],
		limit_page_length=0,
	)
	assert r.status_code == 200 and marker("HLTH") in r.text


# 3. counts and filters as oracles ---------------------------------------------------------------


def test_group_by_count_of_assignments_counts_only_readable_rows(world, login, planted):
	s = login(world.users.mem_a)
	r = call(
		s,
		"frappe.desk.listview.get_group_by_count",
		doctype="Visit",
		current_filters=[["Visit", "notes", "like", f"%{marker('NOTE')}%"]],
		field="assigned_to",
	)
	assert r.status_code in (200, 403)
	assert r.status_code == 403 or r.json()["message"] == []
	# the secretary of branch B sees his own visit's assignment counted
	s = login(world.users.sec_b)
	r = call(
		s,
		"frappe.desk.listview.get_group_by_count",
		doctype="Visit",
		current_filters=[["Visit", "notes", "like", f"%{marker('NOTE')}%"]],
		field="assigned_to",
	)
	assert r.status_code == 200 and r.json()["message"][0]["count"] >= 1


@pytest.mark.parametrize("who", ["committee", "auditor"])
@pytest.mark.parametrize(
	"method",
	[
		"frappe.client.get_count",
		"frappe.desk.reportview.get_count",
		"frappe.client.get_list",
		"frappe.desk.reportview.get",
	],
)
def test_id_number_cannot_be_rebuilt_from_counts(world, login, planted, who, method):
	s = login(world.users[who])
	prefix = planted.id_number[:10] + "%"
	r = call(s, method, doctype="Member", filters=[["Member", "id_number", "like", prefix]], fields=["name"])
	assert r.status_code == 403, r.text[:300]


@pytest.mark.parametrize("who", ["committee", "auditor"])
def test_no_grouping_or_sorting_on_an_unreadable_field(world, login, planted, who):
	s = login(world.users[who])
	r = call(
		s, "frappe.desk.listview.get_group_by_count", doctype="Member", current_filters=[], field="id_number"
	)
	assert r.status_code == 403
	r = call(s, "frappe.client.get_list", doctype="Member", fields=["name"], order_by="id_number asc")
	assert r.status_code == 403


def test_reader_of_the_level_still_filters_on_it(world, login, planted):
	s = login(world.users.officer)
	r = call(
		s,
		"frappe.client.get_count",
		doctype="Member",
		filters=[["Member", "id_number", "=", planted.id_number]],
	)
	assert r.status_code == 200 and r.json()["message"] == 1, r.text[:600]


# 4. document history ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["committee", "auditor"])
@pytest.mark.parametrize("method", ["frappe.desk.form.load.getdoc", "frappe.desk.form.load.get_docinfo"])
def test_history_does_not_show_id_numbers_to_roles_that_see_them_masked(world, login, planted, who, method):
	assert planted.old_ids, "the planted member has an ID correction in his history"
	s = login(world.users[who])
	r = call(s, method, doctype="Member", name=planted.person)
	assert r.status_code == 200, r.text[:300]
	assert "docinfo" in r.json()
	assert not leaks(r.text, [planted.id_number, *planted.old_ids])


def test_history_keeps_id_numbers_for_those_who_may_read_them(world, login, planted):
	s = login(world.users.officer)
	r = call(s, "frappe.desk.form.load.getdoc", doctype="Member", name=planted.person)
	assert leaks(r.text, planted.old_ids) == list(planted.old_ids)


def test_history_of_his_own_case_does_not_show_a_member_its_family(world, login, planted):
	"""The family table is on level 1: rows added to it stay out of the history he reads."""
	s = login(world.users.mem_b)
	r = call(s, "frappe.desk.form.load.getdoc", doctype="Hardship Case", name=planted.own_case)
	assert r.status_code == 200 and "docinfo" in r.json()
	assert not leaks(r.text, [marker("HVER"), marker("OWNS")])
	s = login(world.users.sec_b)  # his secretary reads the family, and its history
	r = call(s, "frappe.desk.form.load.getdoc", doctype="Hardship Case", name=planted.own_case)
	assert marker("HVER") in r.text


# 5. linked documents ---------------------------------------------------------------------------


def test_submitted_linked_docs_name_only_readable_records(world, login, planted):
	s = login(world.users.mem_a)
	r = call(
		s, "frappe.desk.form.linked_with.get_submitted_linked_docs", doctype="Care Fund", name=planted.fund
	)
	assert r.status_code == 200
	assert not leaks(r.text, planted.records["Fund Application"] + planted.records["Fund Ledger Entry"])
	s = login(world.users.officer)
	r = call(
		s, "frappe.desk.form.linked_with.get_submitted_linked_docs", doctype="Care Fund", name=planted.fund
	)
	assert set(planted.records["Fund Application"]) <= {d["name"] for d in r.json()["message"]["docs"]}


@pytest.mark.parametrize("who", ["mem_a", "sec_a"])
def test_submitted_linked_docs_of_an_unreadable_record_are_refused(world, login, planted, who):
	s = login(world.users[who])
	r = call(
		s, "frappe.desk.form.linked_with.get_submitted_linked_docs", doctype="Member", name=planted.person
	)
	assert r.status_code == 403
	assert not leaks(r.text, planted.records["Fund Application"] + planted.records["Fund Ledger Entry"])


@pytest.mark.parametrize("who", ["committee", "auditor"])
def test_a_field_after_an_unreadable_one_is_stripped_too(world, login, planted, who):
	"""Frappe 15 strips unreadable columns while popping from the list it walks: the column after
	a stripped one used to come back (["age", "id_number"] gave the full ID number)."""
	s = login(world.users[who])
	for fields in (["name", "age", "id_number"], ["name", "id_number", "id_number"]):
		r = call(s, "frappe.client.get_list", doctype="Member", fields=fields, limit_page_length=0)
		assert r.status_code == 200 and planted.person in r.text
		assert not leaks(r.text, [planted.id_number])
