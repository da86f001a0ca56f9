"""A confidential letter's text (and a psychological care plan) leaks through no generic
endpoint (issue 24): every probe of the side-door suite (tests/test_side_doors.py — lists,
counts, report views, group-by counts, sidebar stats, search, exports, history, linked docs,
previews, number cards, calendars, /api/resource) and the rest a user can reach — the form, the
print view and PDF, global search, Frappe's Version, Comment, ToDo and Notification Log lists —
is tried as every other role: a fellow member of the writer's branch, his branch secretary (for
a letter to the committee), the other secretaries, the officer, the committee member, the Care
Auditor, Guest. Filters on the text are no oracle either: a filter that matches the letter and
one that matches nothing give the same answer to whoever may not read it.
"""

import json
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
import requests

from tests.support import sidedoors
from tests.support.openness import fellow_b, reader_user, write
from tests.support.probes import PROBES, M, send
from tests.support.site import SITE

LETTER, PLAN = "Confidential Letter", "Psychological Care Plan"
TAG = "CLMK"


def mark(kind: str) -> str:
	return f"{TAG}-{kind}-8812"


@pytest.fixture(scope="module")
def planted(world, committed):
	"""The writer is a plain member of branch B; one letter to his secretary, one to the committee,
	each read, answered, with a talk record; a care plan about him after a bereavement."""
	from party_care.openness import letters

	frappe.set_user("Administrator")
	reader = reader_user()
	writer, writer_user = fellow_b(world)
	if not frappe.db.get_value("Member", writer, "creation") or not any(
		name == writer for _, name in committed.made
	):
		committed.made.append(("Member", writer))
	to_secretary = write(writer_user, mark("TEXT1"), subject=mark("SUBJ1"))
	to_committee = write(writer_user, mark("TEXT2"), "Party Committee", subject=mark("SUBJ2"))
	for letter, handler in ((to_secretary, world.users.sec_b), (to_committee, reader)):
		committed.made.append((LETTER, letter.name))
		frappe.set_user(handler)
		visit = letters.arrange_talk(letter.name)
		committed.made.append(("Visit", visit))
		doc = frappe.get_doc(LETTER, letter.name)
		doc.reply = mark("REPLY") + letter.name[-4:]
		doc.talk_summary = mark("TALK") + letter.name[-4:]
		doc.save()
		frappe.set_user("Administrator")
	event = frappe.get_doc(
		doctype="Member Event",
		member=writer,
		event_type="Death in the Family",
		event_date=frappe.utils.today(),
		details="家中老人去世",
	).insert()
	committed.made.append(("Member Event", event.name))
	if event.visit:
		committed.made.append(("Visit", event.visit))
	plan = frappe.get_doc(PLAN, {"member_event": event.name})
	committed.made.append((PLAN, plan.name))
	plan.db_set({"assessment": mark("ASSESS"), "plan_notes": mark("PLANN"), "referral_to": mark("REFER")})
	frappe.db.commit()
	s_letter, c_letter = frappe.get_doc(LETTER, to_secretary.name), frappe.get_doc(LETTER, to_committee.name)
	return frappe._dict(
		reader=reader,
		writer=writer,
		writer_user=writer_user,
		to_secretary=s_letter.name,
		to_committee=c_letter.name,
		plan=plan.name,
		letter1=[mark("TEXT1"), mark("SUBJ1"), s_letter.reply],
		talk1=[s_letter.talk_summary],
		letter2=[mark("TEXT2"), mark("SUBJ2"), c_letter.reply],
		talk2=[c_letter.talk_summary],
		plan_secrets=[mark("ASSESS"), mark("PLANN"), mark("REFER")],
	)


# who may read what (the README's "Who reads what"): everyone else is probed
ROLES = ["fellow", "sec_b", "sec_a", "gb_sec", "mem_a", "officer", "committee", "auditor", "writer", "guest"]


def secrets_for(role: str, p) -> list[str]:
	if role == "writer":  # his own letters' text and reply, never a talk record or a care plan
		return [*p.talk1, *p.talk2, *p.plan_secrets, p.plan]
	out = [*p.letter2, *p.talk2, *p.plan_secrets, p.plan, p.to_committee]
	if role != "sec_b":
		out += [*p.letter1, *p.talk1, p.to_secretary]
	return out


@pytest.fixture(scope="module")
def sessions(world, login, server, planted):
	users = {
		"fellow": world.users.mem_b,
		"sec_b": world.users.sec_b,
		"sec_a": world.users.sec_a,
		"gb_sec": world.users.gb_sec,
		"mem_a": world.users.mem_a,
		"officer": world.users.officer,
		"committee": world.users.committee,
		"auditor": world.users.auditor,
		"writer": planted.writer_user,
		"reader": planted.reader,
	}
	out = {role: login(user) for role, user in users.items()}
	guest = requests.Session()
	guest.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
	guest.base_url = server
	out["guest"] = guest
	return out


def contexts():
	out = {}
	for dt in (LETTER, PLAN):
		meta = frappe.get_meta(dt)
		fields = [df.fieldname for df in meta.fields if df.fieldtype not in frappe.model.no_value_fields]
		out[dt] = frappe._dict(
			doctype=dt,
			parent=None,
			fields=["name", *fields],
			level1=[df.fieldname for df in meta.fields if df.permlevel],
			level0=[],
			is_tree=False,
			child=False,
		)
	return out


def extra_requests(p) -> dict:
	"""What the side-door suite's probes do not cover: forms, prints, global search, Frappe's own
	logs that could carry a copy."""
	out = {}
	for dt, name in ((LETTER, p.to_secretary), (LETTER, p.to_committee), (PLAN, p.plan)):
		out[f"resource {name}"] = ("GET", f"/api/resource/{dt}/{name}", {})
		out[f"printview {name}"] = ("GET", "/printview", {"doctype": dt, "name": name})
		out[f"pdf {name}"] = (
			"GET",
			"/api/method/frappe.utils.print_format.download_pdf",
			{"doctype": dt, "name": name},
		)
		out[f"getdoctype {name}"] = M("frappe.desk.form.load.getdoctype", doctype=dt)
	for text in (mark("TEXT1"), mark("TEXT2"), mark("ASSESS")):
		out[f"global search {text}"] = M("frappe.utils.global_search.search", text=text)
		out[f"awesome bar {text}"] = M("frappe.desk.search.search_widget", doctype="", txt=text)
	for dt in (
		"Version",
		"Comment",
		"ToDo",
		"Notification Log",
		"Communication",
		"Email Queue",
		"Visit",
		"Member Event",
		"Deleted Document",
		"Access Log",
	):
		out[f"list {dt}"] = M("frappe.client.get_list", doctype=dt, fields=["*"], limit_page_length=0)
	out["my pages"] = ("GET", "/my-care/letters", {})
	return out


def probe(role, session, p, ctxs) -> list[str]:
	"""Runs in a worker thread: no Frappe calls here (frappe.local is the main thread's)."""
	secrets, problems = secrets_for(role, p), []
	records = frappe._dict(records={LETTER: [p.to_committee], PLAN: [p.plan]})
	requests_ = {}
	for endpoint, (build, _strict) in PROBES.items():
		for ctx in ctxs.values():
			if request := build(ctx, records):
				requests_[f"{endpoint} × {ctx.doctype}"] = request
	requests_.update(extra_requests(p))
	names = {p.to_secretary, p.to_committee, p.plan}
	for what, request in requests_.items():
		r = send(session, request)
		if r.status_code >= 500:
			problems.append(f"{role} × {what}: server error {r.status_code} {r.text[:200]}")
		# a record name the request itself carries is an echo, not a leak (as in the side-door suite;
		# the names are random, so knowing one means having been shown it)
		sent = json.dumps(request, default=str)
		if leaked := sidedoors.leaks(r.text, [x for x in secrets if not (x in names and x in sent)]):
			problems.append(f"{role} × {what}: {r.status_code} leaks {leaked}")
	return problems


def test_no_generic_endpoint_shows_a_letter_or_plan_to_anyone_else(sessions, planted):
	ctxs = contexts()
	with ThreadPoolExecutor(max_workers=4) as pool:
		results = pool.map(lambda role: probe(role, sessions[role], planted, ctxs), ROLES)
	problems = [p for result in results for p in result]
	assert not problems, "\n".join(problems)


def test_the_probes_see_what_they_should(sessions, planted):
	"""The check of the check: the designated reader reads both letters and the plan, the branch
	secretary the letter to him, the writer his own texts — through the same probes."""

	def seen(role, dt, name):
		r = send(sessions[role], M("frappe.desk.form.load.getdoc", doctype=dt, name=name))
		return r.text

	assert set(
		sidedoors.leaks(seen("reader", LETTER, planted.to_committee), planted.letter2 + planted.talk2)
	) == set(planted.letter2 + planted.talk2)
	assert set(sidedoors.leaks(seen("reader", PLAN, planted.plan), planted.plan_secrets)) == set(
		planted.plan_secrets
	)
	assert set(
		sidedoors.leaks(seen("sec_b", LETTER, planted.to_secretary), planted.letter1 + planted.talk1)
	) == set(planted.letter1 + planted.talk1)
	page = sessions["writer"].get(sessions["writer"].base_url + "/my-care/letters", timeout=60).text
	assert set(sidedoors.leaks(page, planted.letter1 + planted.letter2)) == set(
		planted.letter1 + planted.letter2
	)
	assert not sidedoors.leaks(page, planted.talk1 + planted.talk2)


def oracle(field, pattern):
	like = [[LETTER, field, "like", f"%{pattern}%"]]
	return {
		"get_count": M("frappe.client.get_count", doctype=LETTER, filters=like),
		"get_list": M("frappe.client.get_list", doctype=LETTER, filters=like),
		"reportview.get_count": M("frappe.desk.reportview.get_count", doctype=LETTER, filters=like),
		"group_by_count": M(
			"frappe.desk.listview.get_group_by_count", doctype=LETTER, current_filters=like, field="status"
		),
		"sidebar stats": M(
			"frappe.desk.reportview.get_sidebar_stats", doctype=LETTER, stats=["status"], filters=like
		),
		"search filters": M("frappe.desk.search.search_widget", doctype=LETTER, txt="", filters=like),
		"number card": M(
			"frappe.desk.doctype.number_card.number_card.get_result",
			doc={"document_type": LETTER, "function": "Count"},
			filters=like,
		),
		"get_value": M("frappe.client.get_value", doctype=LETTER, fieldname="name", filters=like),
		"expression": M(
			"frappe.client.get_count",
			doctype=LETTER,
			filters=[[LETTER, f"ifnull(`{field}`, '')", "like", f"%{pattern}%"]],
		),
	}


@pytest.mark.parametrize("field", ["letter_text", "subject", "talk_summary"])
def test_filters_on_the_text_are_no_oracle(sessions, planted, field):
	problems = []
	for role in ["fellow", "sec_b", "sec_a", "gb_sec", "officer", "committee", "auditor", "writer"]:
		if role == "writer" and field != "talk_summary":
			continue  # his own words
		# the letter to the committee: read by none of these roles
		words = {"letter_text": mark("TEXT2"), "subject": mark("SUBJ2"), "talk_summary": planted.talk2[0]}[
			field
		]
		hit, miss = oracle(field, words), oracle(field, "NO-SUCH-WORDS-0000")
		for name in hit:
			a, b = send(sessions[role], hit[name]), send(sessions[role], miss[name])
			if a.status_code >= 500:
				problems.append(f"{role} × {field} × {name}: {a.status_code}")
			if (a.status_code, _answer(a)) != (b.status_code, _answer(b)):
				problems.append(
					f"{role} × {field} × {name}: {a.status_code} {a.text[:150]} vs {b.status_code} {b.text[:150]}"
				)
	assert not problems, "\n".join(problems)


def _answer(r):
	try:
		return json.dumps(r.json().get("message"), sort_keys=True)
	except ValueError:
		return r.text
