"""Every whitelisted method of the app, called over HTTP with malformed arguments, answers with a
4xx — never a 500 — and saves nothing (issue 19, item 5).

* The methods are enumerated, not listed: every function of party_care's modules that
  `frappe.whitelist` registered (`frappe.whitelisted`), each called by the name a client uses —
  Frappe's own name for the ones hooks' `override_whitelisted_methods` replaces, and its own
  path too. A new method is fuzzed the day it is written.
* Each argument in turn, the others as in a real call (`BASE`, by parameter name), gets each
  malformed value that is wrong for its kind (`malformed_values`): a JSON object, a list, a
  number, null, an empty text, 100,000 characters, JSON garbage (`{`, `[1,`, `null`, nested
  objects) and a name nothing has; and each required argument is left out once.
* As a logged-in user (the organisation department's officer, who may do most; a member for the
  member's own pages), and as Guest for the methods open to guests; through `/api/method/`, and
  a smaller set through `/api/v1/method/` and `/api/v2/method/`.
* Every answer is < 500 and nothing anywhere changed (every table the app's methods write).
"""

import importlib
import inspect
import json
import pkgutil
import threading
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
from frappe.utils import getdate, today

import party_care
from tests.support.factories import make_application
from tests.support.http import fresh_session
from tests.support.site import SITE
from tests.support.targets import make_targets
from tests.support.world import app_doctypes

Y = getdate(today()).year
HUGE = "党" * 100_000
UNKNOWN = "不存在-no-such-name-0"
NESTED = {"a": {"b": [1, {"c": None, "d": {"e": ["f"]}}]}}
VALUES = {
	"object": NESTED,
	"list": [1, [2, {"x": "y"}], None],
	"number": 12345,
	"empty": "",
	"huge": HUGE,
	"garbage {": "{",
	"garbage [1,": "[1,",
	"garbage null": "null",
	"nested json": json.dumps(NESTED),
	"unknown": UNKNOWN,
}
# what is wrong for each kind of argument (one value of each class: a broken JSON text is one
# class, so is a name nothing has)
WRONG = {
	"name": ("object", "list", "number", "huge", "garbage [1,", "unknown"),
	"json": ("object", "list", "number", "huge", "garbage [1,", "garbage null", "nested json"),
	"text": ("object", "list", "number", "huge"),
	"number": ("object", "list", "huge", "garbage {"),
}
# text a user types: any string is a value (JSON-looking text and unknown words included)
FREE_TEXT = {
	"reason",
	"action",
	"details",
	"content",
	"subject",
	"comment",
	"comment_by",
	"title",
	"txt",
	"tag",
	"citation",
	"department_opinion",
	"remarks",
	"message",
	"sender_full_name",
	"print_html",
}
# texts for which 100,000 characters are a value (an e-mail's body)
LONG_TEXT = {"content", "print_html"}
NUMBERS = {
	"amount",
	"amount_requested",
	"year",
	"limit",
	"start",
	"page_length",
	"page_len",
	"send_email",
	"like",
	"debug",
	"cache",
	"as_dict",
	"ignore_user_permissions",
	"is_private",
	"optimize",
	"read_receipt",
	"now",
	"send_me_a_copy",
	"print_letterhead",
	"is_root",
}
# arguments a method reads as JSON (a text that is JSON of the right shape is fine)
JSON_ARGS = {
	"filters",
	"current_filters",
	"or_filters",
	"fields",
	"lines",
	"tags",
	"docs",
	"members",
	"employees",
	"attachments",
	"doc",
	"filter_fields",
	"args",
}


def app_methods() -> dict[str, object]:
	"""{dotted name: function} of every whitelisted function of the app (every module imported)."""
	for module in pkgutil.walk_packages(party_care.__path__, "party_care."):
		if ".patches." not in module.name and not module.name.rsplit(".", 1)[-1].startswith("test_"):
			importlib.import_module(module.name)
	return {
		f"{fn.__module__}.{fn.__name__}": fn
		for fn in frappe.whitelisted
		if fn.__module__.startswith("party_care.")
	}


def overridden() -> dict[str, str]:
	"""{app function: Frappe's name it answers for} (hooks' override_whitelisted_methods)."""
	return {targets[-1]: name for name, targets in frappe.get_hooks("override_whitelisted_methods").items()}


METHODS = app_methods()
CALLED_AS = overridden()
GUEST = {name for name, fn in METHODS.items() if fn in frappe.guest_methods}
# the member's own pages: called by a member (the officer has no member record); the ones that take
# no argument ignore what a client sends, and go as the officer (the member's birthday card is a PDF
# that wkhtmltopdf takes a minute to make on a busy machine)
AS_MEMBER = {
	"party_care.portal.apply",
	"party_care.care_fund.notice.raise_objection",
	"party_care.honours.notice.raise_objection",
}
# what a real call of a `**kwargs` method passes besides its named arguments
EXTRA_ARGS = {
	"party_care.overrides.communication.make_communication": (
		"content",
		"subject",
		"recipients",
		"send_email",
		"cc",
		"bcc",
		"sender",
		"print_format",
		"read_receipt",
	),
	"party_care.overrides.files.upload_file": (
		"doctype",
		"docname",
		"fieldname",
		"file_url",
		"folder",
		"is_private",
		"file_name",
	),
	"party_care.organization.doctype.party_organization.party_organization.get_children": ("is_root",),
}


def http_verb(fn) -> str:
	allowed = frappe.allowed_http_methods_for_whitelisted_func.get(fn) or ["GET", "POST"]
	return "POST" if "POST" in allowed else allowed[0]


# --- the world the calls act on --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def t(world, committed):
	"""One real record for each kind of argument, committed so the server sees them."""
	frappe.set_user("Administrator")
	tables = (*app_doctypes(), *TRACKED)
	made_before = {dt: set(frappe.get_all(dt, pluck="name")) for dt in tables}
	x = make_targets(world, "模糊", "测试模糊资金")
	x.application = make_application(world.members.mem_a, x.fund, amount=300, user=world.users.mem_a).name
	frappe.db.commit()
	# everything made on the way (ledger rows, lines, members, …) goes at the end, newest first
	made = []
	for dt in tables:
		made += [
			(r.creation, dt, r.name)
			for r in frappe.get_all(dt, fields=["name", "creation"])
			if r.name not in made_before[dt]
		]
	committed.made += [(dt, name) for _creation, dt, name in sorted(made)]
	return x


# By parameter name, the value of a real call (`t`: the records above). A parameter not here gets
# "x"; BY_METHOD gives what one method needs where a name means something else.
BASE = {
	"batch": lambda t: t.batch,
	"line": lambda t: t.line,
	"lines": lambda t: json.dumps([t.line]),
	"organization": lambda t: t.org,
	"party_organization": lambda t: t.org,
	"member": lambda t: t.member,
	"members": lambda t: json.dumps([t.member]),
	"reason": lambda t: "测试模糊原因，请核实情况",
	"amount": lambda t: 100,
	"plan": lambda t: t.plan,
	"file_format": lambda t: "CSV",
	"file_format_type": lambda t: "CSV",
	"application": lambda t: t.application,
	"commendation": lambda t: t.commendation,
	"event_type": lambda t: "Hospitalisation or Serious Illness",
	"event_date": lambda t: today(),
	"details": lambda t: "住院",
	"campaign": lambda t: t.campaign,
	"visit": lambda t: t.visit,
	"care_fund": lambda t: t.fund,
	"case": lambda t: t.case,
	"action": lambda t: "送去米面油",
	"kind": lambda t: "50-Year Medal",
	"year": lambda t: Y,
	"limit": lambda t: 10,
	"award_type": lambda t: "Excellent Party Member",
	"employee": lambda t: "HR-EMP-00001",
	"employees": lambda t: json.dumps(["HR-EMP-00001"]),
	"date_joined": lambda t: "2020-07-01",
	"member_status": lambda t: "Full",
	"date_full_member": lambda t: "2021-07-01",
	"id_number": lambda t: "110101199003077777",
	"purpose": lambda t: "Living Subsidy",
	"amount_requested": lambda t: 100,
	"send_email": lambda t: 0,
	"doctype": lambda t: "Member",
	"dt": lambda t: "Member",
	"reference_doctype": lambda t: "Member",
	"name": lambda t: t.member,
	"dn": lambda t: t.member,
	"docname": lambda t: t.member,
	"reference_name": lambda t: t.member,
	"docs": lambda t: json.dumps([t.member]),
	"parent": lambda t: t.world.orgs.committee,
	"is_root": lambda t: 0,
	"filters": lambda t: "[]",
	"current_filters": lambda t: "[]",
	"field": lambda t: "member_status",
	"txt": lambda t: "",
	"searchfield": lambda t: "name",
	"start": lambda t: 0,
	"page_length": lambda t: 10,
	"page_len": lambda t: 10,
	"tag": lambda t: "测试模糊标签",
	"tags": lambda t: json.dumps(["测试模糊标签"]),
	"attachments": lambda t: "[]",
	"content": lambda t: "测试",
	"subject": lambda t: "测试",
	"recipients": lambda t: "officer@party-care.test",
	"comment": lambda t: "测试",
	"comment_email": lambda t: "officer@party-care.test",
	"comment_by": lambda t: "officer",
	"route": lambda t: "",
	"like": lambda t: 1,
	"title": lambda t: "x",
	"type": lambda t: "location_field",
	"goal_value_field": lambda t: "age",
	"goal_total_field": lambda t: "age",
	"goal_history_field": lambda t: "age",
	"goal_doctype": lambda t: "Fund Application",
	"goal_doctype_link": lambda t: "member",
	"goal_field": lambda t: "amount_requested",
	"date_field": lambda t: "creation",
	"doc": lambda t: json.dumps({"document_type": "Member", "function": "Count"}),
	"fieldname": lambda t: "photo",
	"file_url": lambda t: "/files/no-such-file.png",
	"folder": lambda t: "Home",
	"is_private": lambda t: 1,
	"file_name": lambda t: "x.png",
}
BY_METHOD = {
	"party_care.overrides.form_load.get_docinfo": {"doc": lambda t: None},
	"party_care.overrides.client.get_count": {"filters": lambda t: "{}"},
	"party_care.care_batches.batches.add_line": {"member": lambda t: t.member},
	"party_care.care_batches.care_record.get_care_record": {"member": lambda t: t.batch_member},
	"party_care.care_fund.notice.raise_objection": {"application": lambda t: t.application},
	"party_care.desk.search.translated_search": {"filters": lambda t: "{}"},
	"party_care.overrides.communication.relink": {"name": lambda t: "no-such-communication"},
	"party_care.overrides.files.add_attachments": {"name": lambda t: t.member},
	"party_care.overrides.files.upload_file": {"doctype": lambda t: "Member", "docname": lambda t: t.member},
}
# the tables a method of the app could write (the app's, and what Frappe attaches to a record)
TRACKED = [
	"ToDo",
	"Notification Log",
	"Comment",
	"Version",
	"User Permission",
	"Tag Link",
	"Tag",
	"File",
	"Communication",
	"Communication Link",
	"Document Follow",
	"Event",
	"Email Queue",
	"Fund Ledger Entry",
]


def params_of(method: str) -> list[inspect.Parameter]:
	fn = METHODS[method]
	out = [
		p
		for p in inspect.signature(fn).parameters.values()
		if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
	]
	out += [
		inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None) for n in EXTRA_ARGS.get(method, ())
	]
	return out


def base_args(method: str, t) -> dict:
	values = {}
	for p in params_of(method):
		make = BY_METHOD.get(method, {}).get(p.name) or BASE.get(p.name)
		if make:
			values[p.name] = make(t)
		elif p.default is inspect.Parameter.empty:
			values[p.name] = "x"
	return {k: v for k, v in values.items() if v is not None}


def kind_of(param: inspect.Parameter) -> str:
	hint = param.annotation
	if param.name in FREE_TEXT:
		return "text"
	if param.name in NUMBERS or hint in (int, float, bool) or hint in (int | None, float | None, bool | None):
		return "number"
	if param.name in JSON_ARGS:
		return "json"
	return "name"


def malformed_values(param: inspect.Parameter) -> dict:
	"""The values wrong for this argument: for a text, what is not a text or too long; for a
	number, what is not a number; for a name or a JSON argument, anything but a real one; an
	empty value where one is required ("" of an optional argument means "not given")."""
	names = WRONG[kind_of(param)]
	if param.name in LONG_TEXT:
		names = tuple(n for n in names if n != "huge")
	if param.default is inspect.Parameter.empty:
		names = (*names, "empty")
	return {label: VALUES[label] for label in names}


def calls(method: str, t) -> list[tuple[str, dict]]:
	"""(what, arguments) for each malformed call of the method: each argument in turn given each
	wrong value (the others as in a real call), each required one left out."""
	base = base_args(method, t)
	out = []
	for p in params_of(method):
		if p.default is inspect.Parameter.empty:
			out.append((f"{p.name} missing", {k: v for k, v in base.items() if k != p.name}))
		for label, value in malformed_values(p).items():
			out.append((f"{p.name}={label}", {**base, p.name: value}))
	if not params_of(method):  # it takes nothing: what a client sends anyway is ignored
		out += [(f"unexpected {label}", {"unexpected": VALUES[label]}) for label in ("object", "garbage [1,")]
	return out


# --- sending -------------------------------------------------------------------------------------------------

_local = threading.local()


@pytest.fixture(scope="module")
def pool():
	"""Three client threads for the module (each keeps its logged-in sessions: logging in costs more
	than a call); the server has two workers."""
	with ThreadPoolExecutor(max_workers=3) as executor:
		yield executor


def session_of(server: str, user: str | None):
	"""One session per thread and user (a requests.Session is not shared across threads)."""
	import requests

	sessions = _local.__dict__.setdefault("sessions", {})
	if user not in sessions:
		if user is None:
			s = requests.Session()
			s.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
		else:
			s = fresh_session(server, user)
		s.headers["Accept-Language"] = "zh-CN"
		sessions[user] = s
	return sessions[user]


def describe(response) -> str:
	try:
		body = response.json()
	except ValueError:
		return response.text[:200]
	return f"{body.get('exc_type')}: {(body.get('exception') or body.get('errors') or '')!s:.200}"


def fingerprint() -> dict:
	"""Rows and last change of every table the app's methods could write."""
	frappe.db.rollback()  # a fresh snapshot
	return {
		dt: frappe.db.sql(f"select count(*), max(modified) from `tab{dt}`")[0]
		for dt in (*app_doctypes(), *TRACKED)
		if dt
		!= "Sensitive Read Log"  # what an accepted read writes by design (party_care/guards/read_log.py)
	}


def send_all(pool, server: str, jobs) -> list[tuple[int, str]]:
	"""Send (user, verb, path, what, args) jobs; return (status, description) of each answer."""

	def one(job):
		user, verb, path, what, args = job
		r = session_of(server, user).request(
			verb,
			server + path,
			data=json.dumps(args, default=str),
			timeout=120,
			headers={"Content-Type": "application/json"},
		)
		return r.status_code, f"{path} {what}: {r.status_code} {describe(r) if r.status_code >= 400 else ''}"

	return list(pool.map(one, jobs))


def jobs_for(method: str, t, user, path: str, only=None) -> list[tuple]:
	verb = http_verb(METHODS[method])
	return [(user, verb, path, what, args) for what, args in calls(method, t) if only is None or only(what)]


def user_for(method: str, t) -> str:
	return t.world.users.mem_a if method in AS_MEMBER else t.world.users.officer


def check(pool, server, jobs):
	"""Every answer < 500, and nothing saved (the calls that were answered 2xx are named if
	something was)."""
	before = fingerprint()
	answers = send_all(pool, server, jobs)
	failures = [text for status, text in answers if status >= 500]
	assert not failures, f"{len(failures)} of {len(jobs)} answers >= 500:\n" + "\n".join(failures)
	after = fingerprint()
	changed = {dt: (before[dt], after[dt]) for dt in before if before[dt] != after[dt]}
	accepted = [text for status, text in answers if status < 400]
	assert not changed, f"saved: {changed}; accepted: " + "\n".join(accepted)


# --- the tests ---------------------------------------------------------------------------------------------


def test_the_enumeration_finds_every_method():
	"""Every whitelisted function of the app and every override of the app in the hooks is fuzzed."""
	assert len(METHODS) >= 51, sorted(METHODS)
	for name, targets in frappe.get_hooks("override_whitelisted_methods").items():
		if targets[-1].startswith("party_care."):
			assert targets[-1] in METHODS, (
				f"{name} is overridden by {targets[-1]}, not a whitelisted function of the app"
			)
	# the enumeration reaches a function wherever it sits in the package
	assert "party_care.care_batches.batches.confirm_lines" in METHODS
	assert "party_care.organization.doctype.party_organization.party_organization.get_children" in METHODS
	assert CALLED_AS["party_care.overrides.client.get_count"] == "frappe.client.get_count"


@pytest.mark.parametrize("method", sorted(METHODS))
def test_malformed_arguments_are_a_4xx_and_save_nothing(server, pool, t, method):
	"""As a client calls it: by Frappe's name for an override."""
	check(
		pool, server, jobs_for(method, t, user_for(method, t), f"/api/method/{CALLED_AS.get(method, method)}")
	)


@pytest.mark.parametrize("method", sorted(GUEST))
def test_guest_methods_with_malformed_arguments_are_a_4xx(server, pool, t, method):
	check(pool, server, jobs_for(method, t, None, f"/api/method/{CALLED_AS.get(method, method)}"))


def first_of_each(method: str, t) -> set[str]:
	"""A wrong value of the first argument and the first required one left out: what tells whether
	a route reaches the same checks (the checks themselves are the same function's)."""
	whats = [what for what, _args in calls(method, t)]
	return {
		next((w for w in whats if w.endswith(end)), None)
		for end in ("=object", " missing", "unexpected object")
	}


def test_malformed_arguments_through_the_other_routes(server, pool, t):
	"""An override by its own path, and Frappe 15's versioned routes (frappe/api/v1.py, v2.py)."""
	jobs = []
	for method in sorted(METHODS):
		user, some = user_for(method, t), first_of_each(method, t)
		if method in CALLED_AS:
			jobs += jobs_for(method, t, user, f"/api/method/{method}", only=some.__contains__)
		for version in ("v1", "v2"):
			path = f"/api/{version}/method/{CALLED_AS.get(method, method)}"
			jobs += jobs_for(method, t, user, path, only=some.__contains__)
	check(pool, server, jobs)


def test_a_controller_method_through_v2(server, pool, t):
	"""v2's /method/<doctype>/<method> reaches a function of a DocType's controller module."""
	method = "party_care.care_visits.doctype.visit.visit.request_fund_payment"
	jobs = jobs_for(method, t, user_for(method, t), "/api/v2/method/Visit/request_fund_payment")
	jobs += [
		(
			t.world.users.officer,
			"POST",
			"/api/v2/method/不存在的类型/request_fund_payment",
			"unknown DocType",
			{},
		)
	]
	check(pool, server, jobs)


RECORD_CALLS = [
	("GET", "", {"fields": "[name"}),
	("GET", "", {"fields": HUGE}),
	("GET", "", {"filters": "[["}),
	("GET", "", {"filters": json.dumps({"no_such_field": 1})}),
	("GET", "", {"filters": json.dumps(NESTED)}),
	("GET", "", {"order_by": "no_such_field desc"}),
	("GET", "", {"limit_start": -5}),
	("POST", "", [1, 2]),
	("POST", "", {"full_name": NESTED}),
	("PUT", "/{name}", {"member_status": ["Full"]}),
	("PUT", "/{name}", {"work_unit": HUGE}),
	("GET", "/" + UNKNOWN, {}),
]


@pytest.mark.parametrize("prefix", ["/api/resource/", "/api/v1/resource/", "/api/v2/document/"])
def test_malformed_record_calls_through_every_route(server, pool, t, prefix):
	jobs = [
		(
			t.world.users.officer,
			verb,
			prefix + "Member" + tail.format(name=t.member),
			f"{verb} {args!s:.40}",
			args,
		)
		for verb, tail, args in RECORD_CALLS
	]
	if prefix.startswith("/api/v2/"):
		jobs += [
			(t.world.users.officer, "GET", "/api/v2/doctype/Member/count", f"count {args!s:.40}", args)
			for args in (
				{"filters": "[["},
				{"filters": json.dumps(NESTED)},
				{"filters": json.dumps({"no_such": 1})},
			)
		]
		jobs += [(t.world.users.officer, "PATCH", f"{prefix}Member/{t.member}", "patch list", [1, 2])]
	check(pool, server, jobs)
	frappe.db.rollback()
	assert frappe.db.get_value("Member", t.member, "member_status") == "Full"
