"""Sessions against the served site (the `server` fixture in tests/conftest.py)."""

import json
import re

import requests

from tests.support.site import SITE
from tests.support.world import PASSWORD


def shown(response) -> str:
	"""What a response shows its reader, as text to search: a JSON body decoded (Frappe 15 writes
	every non-ASCII character of its JSON as a \\u escape, so a Chinese value is never "in
	r.text" there, whether sent or not; 16 writes UTF-8), any other body as it is."""
	try:
		return json.dumps(response.json(), ensure_ascii=False)
	except ValueError:
		return response.text


def error_text(response) -> str:
	"""What a refused call tells the user: the messages Frappe shows (`_server_messages`), its
	`_error_message` and the exception line (Frappe 15 sends it with every error, 16 only in
	developer mode)."""
	try:
		body = response.json()
	except ValueError:
		return response.text
	messages = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		try:
			messages.append(json.loads(raw).get("message", ""))
		except (ValueError, AttributeError):
			messages.append(str(raw))
	return " ".join([*messages, body.get("_error_message", ""), body.get("exception", "")])


def use_csrf_token(session) -> str:
	"""Send the session's CSRF token with every request, as the site's own pages do: read it from
	a page (every login gets one, party_care/guards/request.py)."""
	html = session.get(session.base_url + "/me", timeout=30).text
	found = re.search(r'frappe\.csrf_token = "([0-9a-f]+)"', html)
	assert found, "no CSRF token on /me"
	session.headers["X-Frappe-CSRF-Token"] = found.group(1)
	return found.group(1)


def fresh_session(server: str, user: str):
	"""A new logged-in session of `user` (its own cookie: e.g. two workers paying at once)."""
	s = requests.Session()
	s.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
	r = s.post(server + "/api/method/login", json={"usr": user, "pwd": PASSWORD}, timeout=30)
	assert r.status_code == 200, f"login as {user} failed: {r.status_code} {r.text[:300]}"
	s.base_url = server
	use_csrf_token(s)
	return s


def call(session, method: str, **params):
	"""POST a whitelisted method as the desk does (form-encoded; lists and dicts as JSON)."""
	data = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
	return session.post(f"{session.base_url}/api/method/{method}", data=data, timeout=120)


def apply_workflow(session, doctype: str, name: str, action: str):
	"""A workflow action on a record, as the desk's action menu sends it."""
	return session.post(
		session.base_url + "/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": json.dumps({"doctype": doctype, "name": name}), "action": action},
		timeout=120,
	)
