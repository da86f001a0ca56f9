"""The REST load generator: the bench's gunicorn on loopback (the tests' launcher,
tests/support/server.py), logged-in sessions with their CSRF token, N concurrent clients with
p50/p95 latencies, and the REST measure (list, get, insert, one workflow step) against the same
calls on ToDo."""

import json
import os
import sys
import time

from fixtures import OFFICER, SECRETARY, drop_workflow_fixtures, workflow_fixtures
from harness import BENCH, HERE, SITE, measure

sys.path.insert(0, os.path.dirname(HERE))  # the app's checkout: tests/support/server.py
from tests.support import server as launcher


def serve(workers: int):
	"""The bench's gunicorn on a free loopback port (Frappe's bare application, no static files);
	returns (process, url). Stop it with stop(process)."""
	return launcher.start(
		BENCH, SITE, workers=workers, log_name="party_care_bench_gunicorn.log", statics=False
	)


def stop(proc) -> None:
	launcher.stop(proc, timeout=30)


def session(url, user, password="Bench@2026-pc"):
	import requests

	session = requests.Session()
	session.headers["X-Frappe-Site-Name"] = SITE
	response = session.post(url + "/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	response.raise_for_status()
	# as the site's pages do: every session's writes carry its CSRF token (party_care/guards/request.py)
	import re

	found = re.search(r'frappe\.csrf_token = "([0-9a-f]+)"', session.get(url + "/me", timeout=30).text)
	if found:
		session.headers["X-Frappe-CSRF-Token"] = found.group(1)
	return session


def run_clients(sessions, call, requests_per_client: int):
	"""Every session (one client each, all at once) makes `call` that many times; latencies in s."""
	from concurrent.futures import ThreadPoolExecutor

	def client(i_session):
		i, session = i_session
		out = []
		for k in range(requests_per_client):
			start = time.perf_counter()
			response = call(session, i * requests_per_client + k)
			out.append(time.perf_counter() - start)
			if response.status_code >= 400:
				raise RuntimeError(f"{response.status_code}: {response.text[:300]}")
		return out

	with ThreadPoolExecutor(len(sessions)) as pool:
		latencies = [x for chunk in pool.map(client, enumerate(sessions)) for x in chunk]
	latencies.sort()
	return latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95) - 1]


@measure("rest")
def rest(frappe, ctx, args):
	"""16 concurrent clients over loopback: list (20 rows of one organisation), get, insert Visit, one
	workflow step, as a Branch Secretary and as an officer, against the same calls on ToDo (as
	Administrator)."""
	clients, per_client = args.clients, args.requests
	proc, url = serve(args.workers)
	branch = ctx["branch"]
	member = frappe.db.get_value("Member", {"party_organization": branch, "member_status": "Full"}, "name")
	todo = frappe.db.get_value("ToDo", {"reference_name": branch}, "name")
	list_member = {
		"filters": json.dumps([["party_organization", "=", branch]]),
		"fields": '["name", "full_name"]',
		"limit_page_length": 20,
	}
	list_todo = {
		"filters": json.dumps(
			[["reference_type", "=", "Party Organization"], ["reference_name", "=", branch]]
		),
		"fields": '["name", "description"]',
		"limit_page_length": 20,
	}
	calls = {
		"list": (
			lambda s, i: s.get(url + "/api/resource/Member", params=list_member),
			lambda s, i: s.get(url + "/api/resource/ToDo", params=list_todo),
		),
		"get": (
			lambda s, i: s.get(url + f"/api/resource/Member/{member}"),
			lambda s, i: s.get(url + f"/api/resource/ToDo/{todo}"),
		),
		"insert": (
			lambda s, i: s.post(
				url + "/api/resource/Visit",
				json={
					"member": member,
					"visit_reason": "Routine Visit",
					"due_date": str(frappe.utils.getdate()),
					"place": "bench-rest",
				},
			),
			lambda s, i: s.post(
				url + "/api/resource/ToDo",
				json={"description": f"bench-rest-{i}", "allocated_to": "Administrator"},
			),
		),
	}
	wanted = [c for c in (args.rest_calls or "").split(",") if c]
	who_wanted = [w for w in (args.rest_who or "").split(",") if w]
	# one workflow step: the secretary passes the branch review, the officer accepts at the
	# department; the baseline closes ToDos through Frappe's workflow (a two-state workflow on
	# ToDo's own status field, active only during this measure)
	steps = None
	if not wanted or "workflow step" in wanted:
		steps = workflow_fixtures(frappe, ctx, clients * per_client + 4)
		steps.url_of["url"] = url
	out = []
	try:
		admin = [session(url, "Administrator", args.admin_password) for _ in range(clients)]
		for who, user in (("secretary", SECRETARY), ("officer", OFFICER)):
			if who_wanted and who not in who_wanted:
				continue
			sessions = [session(url, user) for _ in range(clients)]
			if steps:
				calls["workflow step"] = steps[who]
			for name, (app_call, base_call) in calls.items():
				if wanted and name not in wanted:
					continue
				run_clients(sessions[:2], app_call, 2)  # warm the workers
				app = run_clients(sessions, app_call, per_client)
				base = run_clients(admin, base_call, per_client)
				out.append(
					{
						"name": f"REST {name} ({who}) p50",
						"app_s": round(app[0], 4),
						"base_s": round(base[0], 4),
						"ratio": round(app[0] / base[0], 2),
						"app_mib": 0.0,
						"rows": clients * per_client,
					}
				)
				out.append(
					{
						"name": f"REST {name} ({who}) p95",
						"app_s": round(app[1], 4),
						"base_s": round(base[1], 4),
						"ratio": round(app[1] / base[1], 2),
						"app_mib": 0.0,
						"rows": clients * per_client,
						"clients": clients,
					}
				)
				if ctx.get("one_committee") and who == "secretary" and name in ("list", "get"):
					out[-1].update(limit_ratio=1.5, within=out[-1]["ratio"] <= 1.5)
	finally:
		stop(proc)
		frappe.db.sql(
			"delete from `tabToDo` where description like 'bench-rest-%%' or reference_name in "
			"(select name from `tabVisit` where place = 'bench-rest')"
		)
		frappe.db.sql("delete from `tabVisit` where place = 'bench-rest'")
		drop_workflow_fixtures(frappe)
		from party_care.care_visits.visit_months import rebuild

		rebuild(organizations=[branch])  # the visits deleted by SQL above: recount their organisation
		frappe.db.commit()
	return out
