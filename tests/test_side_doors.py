"""The side-door suite (issue 10): every role × every app DocType and child table × every generic
endpoint of Frappe 15 that takes a doctype with filters, fields or a search field, over HTTP.

* The endpoints are enumerated from Frappe's whitelisted methods (`test_every_generic_endpoint_
  is_classified`): a new one fails the suite until it is probed here or set aside with a reason.
* The expected allow/deny is the README's permission model table, read from the README itself.
* Branch B holds records with marker strings (tests/sidedoors.py); no response body may carry a
  level-1 marker to a role that may not read that level, nor anything of branch B to a role whose
  scope does not reach it — whatever the endpoint, status or format.
* Filtering, grouping or sorting on a level-1 field is refused to roles that may not read it.
"""

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
import requests
from frappe.model import no_value_fields, table_fields

from party_care import compat
from tests.support import sidedoors
from tests.support.probes import PARENTLESS, PROBES, M, columns, record, route_forms, send  # noqa: F401
from tests.support.site import SITE
from tests.support.world import app_doctypes

README = os.path.join(os.path.dirname(__file__), "..", "README.md")

ROLES = ["member", "sec_a", "sec_b", "officer", "committee", "auditor", "guest"]
USERS = {
	"member": "mem_a",
	"sec_a": "sec_a",
	"sec_b": "sec_b",
	"officer": "officer",
	"committee": "committee",
	"auditor": "auditor",
}
COLUMNS = {
	"member": "Party Member",
	"sec_a": "Branch Secretary",
	"sec_b": "Branch Secretary",
	"officer": "Organization Officer",
	"committee": "Party Committee Member",
	"auditor": "Care Auditor",
}
# whose scope reaches branch B (the secretary of A's subtree and a member of A's own records do not)
REACHES_B = {"sec_b", "officer", "committee", "auditor"}


def permission_model() -> dict[str, dict[str, str]]:
	with open(README, encoding="utf-8") as f:
		text = f.read().split("### Permission model", 1)[1].split("\n### ", 1)[0]
	rows = [
		[c.strip() for c in line.strip().strip("|").split("|")]
		for line in text.splitlines()
		if line.startswith("|")
	]
	header = rows[0]
	return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows[2:]}


MODEL = permission_model()


def reads(role: str, doctype: str) -> bool:
	return role != "guest" and MODEL[doctype][COLUMNS[role]] != "—"


def reads_level1(role: str, doctype: str) -> bool:
	return reads(role, doctype) and "L1" in MODEL[doctype][COLUMNS[role]]


# --- the world the probes run against ----------------------------------------------------------


@pytest.fixture(scope="module")
def planted(world, committed):
	return sidedoors.plant(world)


@pytest.fixture(scope="module")
def sessions(world, login, server):
	out = {role: login(world.users[user]) for role, user in USERS.items()}
	guest = requests.Session()
	guest.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
	guest.base_url = server
	out["guest"] = guest
	return out


@pytest.fixture(scope="module")
def doctypes(world):
	"""Context per app DocType (non-single), child tables with their parent."""
	out = {}
	for dt in sorted(app_doctypes()):
		meta = frappe.get_meta(dt)
		parent = None
		if meta.istable:
			parent = frappe.get_all(
				"DocField", filters={"options": dt, "fieldtype": ["in", table_fields]}, pluck="parent"
			)[0]
		fields = [df.fieldname for df in meta.fields if df.fieldtype not in (*no_value_fields, *table_fields)]
		if meta.istable:
			pdf = next(df for df in frappe.get_meta(parent).get_table_fields() if df.options == dt)
			level1 = fields if pdf.permlevel else []
		else:
			level1 = [df.fieldname for df in meta.fields if df.permlevel and df.fieldname in fields]
		out[dt] = frappe._dict(
			doctype=dt,
			parent=parent,
			fields=["name", *fields],
			level1=level1,
			level0=[f for f in fields if f not in level1],
			is_tree=meta.is_tree,
			child=bool(meta.istable),
		)
	return out


def secrets_for(role: str, planted) -> list[str]:
	secrets = [m for m, dt in planted.level1.items() if role not in REACHES_B or not reads_level1(role, dt)]
	if role not in REACHES_B:
		secrets += [*planted.row_markers, planted.id_masked]
	return secrets


def names_for(role: str, planted, request) -> list[str]:
	"""Branch B's record names, but those the request itself carries (an echo is not a leak)."""
	sent = json.dumps(request, default=str)
	return (
		[] if role in REACHES_B else [n for names in planted.records.values() for n in names if n not in sent]
	)


def found(body: str, secrets, names) -> list[str]:
	out = sidedoors.leaks(body, secrets)
	out += [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", body)]
	return out


# Enumerated endpoints that are not probed, each with the reason.
NOT_PROBED = {
	"frappe.client.get_single_value": "Singles only; the app's one Single, Party Care Settings, holds no personal "
	"data and every role of the app reads it",
	"frappe.client.get_password": "reads a Password field of a record the user may write; the app has none",
	"frappe.client.set_value": "a write: who may change what is the writes suite's (issue 10, items 6–9)",
	"frappe.core.doctype.access_log.access_log.make_access_log": "writes an access-log entry, reads nothing",
	"frappe.custom.doctype.customize_form.customize_form.get_link_filters_from_doc_without_customisations": "DocType metadata (a field's link filters), no records",
}
# Link-query functions of Frappe's own DocTypes: `doctype` is the DocType being searched, which
# each of them fixes (DocType, User, Role, Address, Contact, Version, Dashboard Chart, …); none
# reads an app DocType.
LINK_QUERIES = {
	"frappe.automation.doctype.auto_repeat.auto_repeat.get_auto_repeat_doctypes",
	"frappe.contacts.address_and_contact.filter_dynamic_link_doctypes",
	"frappe.contacts.doctype.address.address.address_query",
	"frappe.contacts.doctype.contact.contact.contact_query",
	"frappe.core.doctype.log_settings.log_settings.get_log_doctypes",
	"frappe.core.doctype.role.role.role_query",
	"frappe.core.doctype.user.user.user_query",
	"frappe.core.doctype.user_permission.user_permission.get_applicable_for_doctype_list",
	"frappe.core.doctype.user_type.user_type.get_user_linked_doctypes",
	"frappe.core.report.permitted_documents_for_user.permitted_documents_for_user.query_doctypes",
	"frappe.desk.doctype.custom_html_block.custom_html_block.get_custom_blocks_for_user",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get_charts_for_user",
	"frappe.desk.doctype.number_card.number_card.get_cards_for_user",
	"frappe.email.doctype.email_account.email_account.get_append_to",
	"frappe.email.get_communication_doctype",
	"frappe.utils.diff.version_query",
}

DOCTYPE_ARGS = {"doctype", "dt", "ref_doctype", "reference_doctype", "document_type"}
QUERY_ARGS = {
	"filters",
	"or_filters",
	"current_filters",
	"fields",
	"fieldname",
	"field",
	"fieldnames",
	"filter_fields",
	"select_columns",
	"export_fields",
	"export_filters",
	"stats",
	"txt",
	"searchfield",
	"order_by",
	"group_by",
	"sort_field",
}


def generic_endpoints() -> set[str]:
	"""Frappe's whitelisted methods taking a doctype together with filters, fields or a search field."""
	return sidedoors.frappe_endpoints_taking(DOCTYPE_ARGS, QUERY_ARGS)


def test_every_generic_endpoint_is_classified():
	endpoints = generic_endpoints()
	classified = {e.split("#")[0] for e in PROBES} | set(NOT_PROBED) | LINK_QUERIES
	unclassified = endpoints - classified
	assert not unclassified, f"new generic endpoints to probe or set aside: {sorted(unclassified)}"
	assert len(endpoints) >= 40  # the enumeration found Frappe's endpoints at all


def test_model_covers_every_app_doctype(world):
	assert set(MODEL) == set(app_doctypes())
	for row in MODEL.values():
		assert set(row) == set(COLUMNS.values())


# --- the suite ------------------------------------------------------------------------------------


# Frappe 15.75's get_filter_dashboard_data adds a string condition that its own filter parser then
# rejects (ValidationError), so the endpoint answers nobody there.
FRAPPE_STRING_FILTER_REFUSED = "Filter must be a tuple or list"
# Frappe 16's query engine refuses an expression such as ifnull(`field`, '') as a filter's field
FRAPPE16_EXPRESSION_REFUSED = "Filter fields have invalid backtick"


def probe_role(role, session, endpoint, doctypes, planted) -> list[str]:
	build, strict = PROBES[endpoint]
	problems = []
	for dt, ctx in doctypes.items():
		# an endpoint with no allow/deny to check only matters where branch B has something to leak
		if not strict and not (planted.records.get(dt) or ctx.level1 or dt == "Care Fund"):
			continue
		request = build(ctx, planted)
		if request is None:
			continue
		r = send(session, request)
		if (
			endpoint == "frappe.desk.reportview.get_filter_dashboard_data"
			and r.status_code == 417
			and FRAPPE_STRING_FILTER_REFUSED in r.text
		):
			continue  # Frappe ≥ 15.7x refuses its own string filter here, for every caller
		where = f"{role} × {dt}: {r.status_code}"
		if r.status_code >= 500:
			problems.append(f"{where} server error {r.text[:300]}")
		if strict:
			allowed = reads(role, dt) and not (strict == PARENTLESS and ctx.child)
			if allowed and r.status_code != 200:
				problems.append(f"{where}, expected 200 (README: {MODEL[dt][COLUMNS[role]]}) {r.text[:300]}")
			if not allowed and r.status_code != 403:
				problems.append(f"{where}, expected 403")
		if leaked := found(r.text, secrets_for(role, planted), names_for(role, planted, request)):
			problems.append(f"{where} leaks {leaked}")
	return problems


@pytest.mark.parametrize("endpoint", sorted(PROBES))
def test_side_door(endpoint, sessions, doctypes, planted):
	with ThreadPoolExecutor(max_workers=len(ROLES)) as pool:
		results = pool.map(lambda role: probe_role(role, sessions[role], endpoint, doctypes, planted), ROLES)
	problems = [p for result in results for p in result]
	assert not problems, "\n".join(problems)


def test_the_probes_see_what_they_should(sessions, doctypes, planted):
	"""The suite's own check: the same probes show the planted markers to branch B's secretary."""
	build, _ = PROBES["frappe.client.get_list"]
	seen = ""
	for ctx in doctypes.values():
		seen += send(sessions["sec_b"], build(ctx, planted)).text
	assert set(sidedoors.leaks(seen, planted.level1)) >= {
		planted.id_number,
		sidedoors.marker("SITU"),
		sidedoors.marker("HLTH"),
		sidedoors.marker("NOTE"),
		sidedoors.marker("DETL"),
	}


# --- filters, groups and sorts on level-1 fields ----------------------------------------------------


def oracle_requests(ctx, field):
	like = [[ctx.doctype, field, "like", "%SDMK%"]]
	if ctx.child:
		return {
			"get_list": M("frappe.client.get_list", doctype=ctx.doctype, parent=ctx.parent, filters=like),
			"get_value": M(
				"frappe.client.get_value",
				doctype=ctx.doctype,
				parent=ctx.parent,
				fieldname="name",
				filters=like,
			),
			"parent report filter": M("frappe.client.get_list", doctype=ctx.parent, filters=like),
		}
	dt = ctx.doctype
	return {
		"get_list": M("frappe.client.get_list", doctype=dt, filters=like),
		"get_list order_by": M("frappe.client.get_list", doctype=dt, order_by=f"{field} desc"),
		"get_list group_by": M("frappe.client.get_list", doctype=dt, fields=["name"], group_by=field),
		"get_count": M("frappe.client.get_count", doctype=dt, filters=like),
		"get_value": M("frappe.client.get_value", doctype=dt, fieldname="name", filters=like),
		"reportview.get": M(
			"frappe.desk.reportview.get", doctype=dt, fields=[f"`tab{dt}`.`name`"], filters=like
		),
		"reportview.get_count": M("frappe.desk.reportview.get_count", doctype=dt, filters=like),
		"group_by_count assigned_to": M(
			"frappe.desk.listview.get_group_by_count", doctype=dt, current_filters=like, field="assigned_to"
		),
		"group_by_count field": M(
			"frappe.desk.listview.get_group_by_count", doctype=dt, current_filters=[], field=field
		),
		"sidebar stats": M(
			"frappe.desk.reportview.get_sidebar_stats", doctype=dt, stats=["owner"], filters=like
		),
		"filter dashboard": M(
			"frappe.desk.reportview.get_filter_dashboard_data",
			doctype=dt,
			filters=[],
			stats=[{"name": field, "type": "Data"}],
		),
		"search filters": M("frappe.desk.search.search_widget", doctype=dt, txt="", filters=like),
		"calendar": M(
			"frappe.desk.calendar.get_events",
			doctype=dt,
			start="2000-01-01",
			end="2100-01-01",
			field_map={"start": "creation", "end": "creation"},
			filters=like,
		),
		"number card": M(
			"frappe.desk.doctype.number_card.number_card.get_result",
			doc={"document_type": dt, "function": "Count"},
			filters=like,
		),
		"filter expression": M(
			"frappe.client.get_count", doctype=dt, filters=[[dt, f"ifnull(`{field}`, '')", "like", "%SDMK%"]]
		),
	}


@pytest.mark.parametrize("role", ROLES)
def test_level1_fields_are_no_filter_or_count_oracle(role, sessions, doctypes, planted):
	problems = []
	for dt, ctx in doctypes.items():
		model_dt = ctx.parent if ctx.child else dt
		for field in ctx.level1[:1]:
			for name, request in oracle_requests(ctx, field).items():
				r = send(sessions[role], request)
				if (
					name == "filter dashboard"
					and r.status_code == 417
					and FRAPPE_STRING_FILTER_REFUSED in r.text
				):
					continue  # Frappe ≥ 15.7x refuses its own string filter here, for every caller: no answer, no leak
				if (
					name == "filter expression"
					and compat.V16
					and r.status_code == 417
					and FRAPPE16_EXPRESSION_REFUSED in r.text
				):
					continue  # Frappe 16 takes no SQL expression as a filter field, for every caller: no answer, no leak
				may = reads_level1(role, model_dt)
				where = f"{role} × {dt}.{field} × {name}: {r.status_code}"
				if may and r.status_code != 200:
					problems.append(f"{where}, expected 200 {r.text[:200]}")
				if not may and r.status_code != 403:
					problems.append(f"{where}, expected 403 {r.text[:200]}")
	assert not problems, "\n".join(problems)


# --- every route form (issue 18, item 4) --------------------------------------------------------------

# Frappe serves its REST API under /api/, /api/v1/ and /api/v2/; a sample of the probes and of the
# level-1 oracles, sent through each form, answers as through /api/method/ (or /api/resource/).
ROUTE_DOCTYPES = ("Member", "Visit", "Hardship Case", "Fund Application")
ROUTE_PROBES = (
	"frappe.client.get_list",
	"frappe.client.get_count",
	"frappe.client.get_value",
	"frappe.desk.reportview.get",
	"frappe.desk.search.search_link",
	"/api/resource",
)
ROUTE_ORACLES = ("get_list", "get_count", "get_value", "reportview.get", "reportview.get_count")


@pytest.mark.parametrize("role", ROLES)
def test_every_route_form_answers_as_api_method(role, sessions, doctypes, planted):
	problems, plain_statuses = [], set()
	for dt in ROUTE_DOCTYPES:
		ctx = doctypes[dt]
		requests_ = {name: PROBES[name][0](ctx, planted) for name in ROUTE_PROBES}
		for field in ctx.level1[:1]:
			requests_.update(
				{
					f"{name} on {field}": request
					for name, request in oracle_requests(ctx, field).items()
					if name in ROUTE_ORACLES
				}
			)
		for name, request in requests_.items():
			if request is None:
				continue
			answers = {form: send(sessions[role], sent) for form, sent in route_forms(request).items()}
			plain = next(iter(answers.values())).status_code
			plain_statuses.add(plain)
			for form, r in answers.items():
				where = f"{role} × {dt} × {name} via {form}: {r.status_code}"
				if r.status_code != plain:
					problems.append(f"{where}, {plain} by the plain route {r.text[:200]}")
				if leaked := found(r.text, secrets_for(role, planted), names_for(role, planted, request)):
					problems.append(f"{where} leaks {leaked}")
	assert not problems, "\n".join(problems)
	# where the README's model refuses the role something of the sample, the sample holds refusals
	if any(
		not reads(role, dt) or (doctypes[dt].level1 and not reads_level1(role, dt)) for dt in ROUTE_DOCTYPES
	):
		assert 403 in plain_statuses, f"{role}: nothing in the sample was refused {plain_statuses}"
