"""The last side doors: Frappe's own endpoints that write something attached to a record of the app
(comments, likes, tags, assignments, follows, shares, files, e-mails, relinked communications) or
send its history out (the document-follow digest), over HTTP against the served site.

* The endpoints are enumerated from Frappe's whitelisted methods (`test_every_reference_endpoint_is_
  classified`): any that takes a reference doctype and name is probed here or set aside with a
  reason, so a Frappe upgrade adding one fails the suite until it is classified.
* Each role that may not write a record — the Care Auditor anywhere, the committee on records it
  only reads, a member or the other branch's secretary outside their scope — is refused with a 403
  and nothing is saved: the rows of Comment, ToDo, Tag Link, Document Follow, DocShare, File,
  Communication, Event and the record's own `_assign`/`_liked_by`/`_user_tags` stay as they were.
* Who may write the record still comments, assigns, tags, follows and attaches.
* A follower's digest never carries a level-1 value he may not read.
"""

import base64
import json

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from tests.support import sidedoors
from tests.support.factories import make_application
from tests.support.http import shown

MARK = "SDW-2291"  # in every value a probe writes
NEW_TAG = MARK + "-NEW"  # a Tag no test makes: the refusal must not depend on whether the Tag exists


@pytest.fixture(scope="module")
def planted(world, committed):
	return sidedoors.plant(world)


@pytest.fixture(scope="module")
def extra(world, planted):
	"""A private file on branch B's fund application, a Communication on its hardship case,
	mem_a's own draft application; every test user gets document-follow mails (else Frappe
	follows nothing and a follow probe proves nothing)."""
	frappe.set_user("Administrator")
	t = frappe._dict()
	t.application = planted.records["Fund Application"][0]
	t.file = frappe.get_doc(
		doctype="File",
		file_name="sdw-evidence.txt",
		is_private=1,
		attached_to_doctype="Fund Application",
		attached_to_name=t.application,
		content=f"{sidedoors.marker('FILE')}",
	).insert(ignore_permissions=True)
	t.file_url = t.file.file_url
	t.communication = (
		frappe.get_doc(
			doctype="Communication",
			communication_type="Communication",
			communication_medium="Email",
			sent_or_received="Sent",
			subject="困难情况",
			content=sidedoors.marker("COMM"),
			reference_doctype="Hardship Case",
			reference_name=planted.case,
		)
		.insert(ignore_permissions=True)
		.name
	)
	t.start = now_datetime()
	# the Tag of the REST probe exists (the other probe names one that does not): refused alike
	t.tag_existed = bool(frappe.db.exists("Tag", MARK))
	if not t.tag_existed:
		frappe.get_doc(doctype="Tag", name=MARK).insert(ignore_permissions=True)
	t.draft = make_application(world.members.mem_a, planted.fund, amount=100, user=world.users.mem_a).name
	users = list(world.users.values())
	t.follow_settings = {
		u: frappe.db.get_value("User", u, ["document_follow_notify", "document_follow_frequency"])
		for u in users
	}
	for u in users:
		frappe.db.set_value("User", u, {"document_follow_notify": 1, "document_follow_frequency": "Hourly"})
	frappe.db.commit()
	frappe.clear_cache()
	yield t
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for u, (notify, frequency) in t.follow_settings.items():
		frappe.db.set_value(
			"User", u, {"document_follow_notify": notify, "document_follow_frequency": frequency}
		)
	remove_written_rows(t.start)
	frappe.delete_doc("File", t.file.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Communication", t.communication, force=True, ignore_permissions=True)
	frappe.delete_doc("Fund Application", t.draft, force=True, ignore_permissions=True)
	for tag in {MARK, NEW_TAG} - ({MARK} if t.tag_existed else set()):
		frappe.delete_doc_if_exists("Tag", tag)
	frappe.db.commit()
	frappe.clear_cache()


def remove_written_rows(since):
	"""What a probe wrote before the guards were in place (a failing run commits it)."""
	for doctype in (
		"Comment",
		"ToDo",
		"Tag Link",
		"Document Follow",
		"DocShare",
		"File",
		"Communication",
		"Event",
	):
		for name in frappe.get_all(
			doctype, filters={"creation": [">=", since], "owner": ["like", "%@party-care.test"]}, pluck="name"
		):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, ignore_on_trash=True)


# --- what each probe sends -------------------------------------------------------------------------


def M(method, **params):
	return ("POST", f"/api/method/{method}", params)


def R(doctype, **values):
	return ("RESOURCE", f"/api/resource/{doctype}", values)


def upload(dt, dn, me, x):
	return (
		"UPLOAD",
		"/api/method/frappe.handler.upload_file",
		{"doctype": dt, "docname": dn, "is_private": 1},
	)


# endpoint → builder(dt, dn, me, extra) → request. Each writes something onto record dt/dn.
WRITE_PROBES = {
	"frappe.desk.form.utils.add_comment": lambda dt, dn, me, x: M(
		"frappe.desk.form.utils.add_comment",
		reference_doctype=dt,
		reference_name=dn,
		content=MARK,
		comment_email=me,
		comment_by=me,
	),
	"frappe.templates.includes.comments.comments.add_comment": lambda dt, dn, me, x: M(
		"frappe.templates.includes.comments.comments.add_comment",
		comment=MARK,
		comment_email=me,
		comment_by=me,
		reference_doctype=dt,
		reference_name=dn,
		route="",
	),
	"frappe.desk.like.toggle_like": lambda dt, dn, me, x: M(
		"frappe.desk.like.toggle_like", doctype=dt, name=dn, add="Yes"
	),
	"frappe.templates.includes.likes.likes.like": lambda dt, dn, me, x: M(
		"frappe.templates.includes.likes.likes.like",
		reference_doctype=dt,
		reference_name=dn,
		like=1,
		route="",
	),
	"frappe.desk.doctype.tag.tag.add_tag": lambda dt, dn, me, x: M(
		"frappe.desk.doctype.tag.tag.add_tag", tag=MARK, dt=dt, dn=dn
	),
	"frappe.desk.doctype.tag.tag.add_tags": lambda dt, dn, me, x: M(
		"frappe.desk.doctype.tag.tag.add_tags", tags=[MARK], dt=dt, docs=[dn]
	),
	"frappe.desk.form.assign_to.add": lambda dt, dn, me, x: M(
		"frappe.desk.form.assign_to.add", assign_to=[x.assignee], doctype=dt, name=dn, description=MARK
	),
	"frappe.desk.form.assign_to.add_multiple": lambda dt, dn, me, x: M(
		"frappe.desk.form.assign_to.add_multiple",
		assign_to=[x.assignee],
		doctype=dt,
		name=[dn],
		description=MARK,
	),
	"frappe.desk.form.document_follow.follow_document": lambda dt, dn, me, x: M(
		"frappe.desk.form.document_follow.follow_document", doctype=dt, doc_name=dn, user=me
	),
	"frappe.desk.form.document_follow.update_follow": lambda dt, dn, me, x: M(
		"frappe.desk.form.document_follow.update_follow", doctype=dt, doc_name=dn, following=1
	),
	"frappe.share.add": lambda dt, dn, me, x: M(
		"frappe.share.add", doctype=dt, name=dn, user=x.mem_b, read=1
	),
	"frappe.share.set_permission": lambda dt, dn, me, x: M(
		"frappe.share.set_permission", doctype=dt, name=dn, user=x.mem_b, permission_to="read", value=1
	),
	"frappe.handler.upload_file": upload,
	"frappe.client.attach_file": lambda dt, dn, me, x: M(
		"frappe.client.attach_file",
		filename="sdw.txt",
		filedata=base64.b64encode(MARK.encode()).decode(),
		doctype=dt,
		docname=dn,
		decode_base64=1,
		is_private=1,
	),
	"frappe.utils.file_manager.add_attachments": lambda dt, dn, me, x: M(
		"frappe.utils.file_manager.add_attachments", doctype=dt, name=dn, attachments=[x.file.name]
	),
	"frappe.core.doctype.communication.email.make": lambda dt, dn, me, x: M(
		"frappe.core.doctype.communication.email.make",
		doctype=dt,
		name=dn,
		content=MARK,
		subject=MARK,
		recipients=me,
		send_email=0,
	),
	"frappe.email.relink": lambda dt, dn, me, x: M(
		"frappe.email.relink", name=x.communication, reference_doctype=dt, reference_name=dn
	),
	"frappe.client.delete": lambda dt, dn, me, x: M("frappe.client.delete", doctype=dt, name=dn),
	"frappe.desk.reportview.delete_items": lambda dt, dn, me, x: M(
		"frappe.desk.reportview.delete_items", items=[dn], doctype=dt
	),
	"frappe.desk.form.save.cancel": lambda dt, dn, me, x: M(
		"frappe.desk.form.save.cancel", doctype=dt, name=dn
	),
	"frappe.client.cancel": lambda dt, dn, me, x: M("frappe.client.cancel", doctype=dt, name=dn),
	"frappe.desk.form.linked_with.cancel_all_linked_docs": lambda dt, dn, me, x: M(
		"frappe.desk.form.linked_with.cancel_all_linked_docs",
		docs=[{"doctype": dt, "name": dn, "docstatus": 1}],
	),
	"frappe.model.rename_doc.update_document_title": lambda dt, dn, me, x: M(
		"frappe.model.rename_doc.update_document_title", doctype=dt, docname=dn, title=MARK
	),
	# the same rows inserted directly over REST
	"/api/resource/ToDo": lambda dt, dn, me, x: R(
		"ToDo", reference_type=dt, reference_name=dn, allocated_to=me, description=MARK
	),
	"/api/resource/Tag Link": lambda dt, dn, me, x: R(
		"Tag Link", document_type=dt, document_name=dn, tag=MARK
	),
	"/api/resource/Tag Link (a new Tag)": lambda dt, dn, me, x: R(
		"Tag Link", document_type=dt, document_name=dn, tag=NEW_TAG
	),
	"/api/resource/Document Follow": lambda dt, dn, me, x: R(
		"Document Follow", ref_doctype=dt, ref_docname=dn, user=me
	),
	"/api/resource/File": lambda dt, dn, me, x: R(
		"File", file_name="sdw.txt", is_private=1, content=MARK, attached_to_doctype=dt, attached_to_name=dn
	),
	"/api/resource/Comment": lambda dt, dn, me, x: R(
		"Comment", comment_type="Comment", reference_doctype=dt, reference_name=dn, content=MARK
	),
	"/api/resource/DocShare": lambda dt, dn, me, x: R(
		"DocShare", share_doctype=dt, share_name=dn, user=me, read=1
	),
	"/api/resource/Event": lambda dt, dn, me, x: R(
		"Event",
		subject=MARK,
		starts_on=str(now_datetime()),
		event_type="Private",
		event_participants=[{"reference_doctype": dt, "reference_docname": dn}],
	),
	"/api/resource/Communication": lambda dt, dn, me, x: R(
		"Communication",
		subject=MARK,
		content=MARK,
		communication_type="Communication",
		reference_doctype=dt,
		reference_name=dn,
	),
}

# Enumerated endpoints that take a reference doctype and name but are not probed here, each with why.
READS = "reads only: probed for every role × DocType by tests/test_side_doors.py or answers metadata"
STANDARD_WRITE = (
	"a Document insert/save/submit/cancel/workflow with the user's own DocType permissions; "
	"the app's workflow and step rules are tests/test_writes*.py's"
)
ADMIN_ONLY = "System Manager / Administrator only (or no user session at all)"
NOT_APP = "works on Frappe's own DocTypes (dashboards, newsletters, web forms, discussions, tasks), never an app record"
SET_ASIDE = {
	**dict.fromkeys(
		[
			"frappe.client.get",
			"frappe.client.get_doc_permissions",
			"frappe.client.has_permission",
			"frappe.client.is_document_amended",
			"frappe.client.validate_link",
			"frappe.client.get_password",
			"frappe.contacts.doctype.address.address.get_default_address",
			"frappe.core.api.file.get_attached_images",
			"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions",
			"frappe.core.doctype.user_permission.user_permission.check_applicable_doc_perm",
			"frappe.desk.doctype.number_card.number_card.get_percentage_difference",
			"frappe.desk.doctype.number_card.number_card.get_result",
			"frappe.desk.form.document_follow.get_follow_users",
			"frappe.desk.form.linked_with.get",
			"frappe.desk.form.linked_with.get_submitted_linked_docs",
			"frappe.desk.form.load.get_communications",
			"frappe.desk.form.load.get_docinfo",
			"frappe.desk.form.load.getdoc",
			"frappe.desk.link_preview.get_preview_data",
			"frappe.desk.notifications.get_open_count",
			"frappe.desk.query_report.get_data_for_custom_field",
			"frappe.desk.search.get_link_title",
			"frappe.model.workflow.get_common_transition_actions",
			"frappe.model.workflow.get_transitions",
			"frappe.printing.page.print.print.get_print_settings_to_show",
			"frappe.realtime.can_subscribe_doc",
			"frappe.share.get_users",
			"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews",
			"frappe.utils.goal.get_monthly_goal_graph_data",
			"frappe.www.printview.get_html_and_style",
			"frappe.www.printview.get_rendered_raw_commands",
			"frappe.utils.print_format.download_multi_pdf",
			"frappe.utils.print_format.download_multi_pdf_async",
			"frappe.utils.print_format.download_pdf",
			"frappe.utils.weasyprint.download_pdf",
			"frappe.email.doctype.email_template.email_template.get_email_template",
			"frappe.email.email_body.get_email_html",
			"frappe.utils.csvutils.send_csv_to_client",
			"frappe.website.doctype.web_form.web_form.get_form_data",
			# Frappe 16
			"frappe.client.validate_link_and_fetch",
			"frappe.realtime.has_permission",
		],
		READS,
	),
	**dict.fromkeys(
		[
			"frappe.client.bulk_update",
			"frappe.client.insert",
			"frappe.client.insert_many",
			"frappe.client.save",
			"frappe.client.set_value",
			"frappe.client.submit",
			"frappe.desk.form.save.savedocs",
			"frappe.model.workflow.apply_workflow",
			"frappe.desk.calendar.update_event",
			"frappe.model.mapper.make_mapped_doc",
			"frappe.model.mapper.map_docs",
			"frappe.desk.form.save.discard",  # Frappe 16: a draft's docstatus to 2, with the user's write right
		],
		STANDARD_WRITE,
	),
	**dict.fromkeys(
		[
			"frappe.core.doctype.scheduled_job_type.scheduled_job_type.execute_event",
			"frappe.desk.doctype.system_console.system_console.execute_code",
			"frappe.desk.page.setup_wizard.setup_wizard.setup_complete",
			"frappe.utils.print_format.print_by_server",
			"frappe.recorder.delete",
			"frappe.recorder.export_data",
			"frappe.recorder.get",
			"frappe.recorder.start",
			"frappe.recorder.status",
			"frappe.recorder.stop",
			"frappe.integrations.oauth2.approve",
			"frappe.integrations.oauth2.get_token",
			"frappe.integrations.oauth2.openid_profile",
			"frappe.integrations.oauth2.revoke_token",
			"frappe.printing.page.print_format_builder.print_format_builder.create_custom_format",
			"frappe.core.doctype.scheduled_job_type.scheduled_job_type.skip_next_execution",  # Frappe 16
		],
		ADMIN_ONLY,
	),
	**dict.fromkeys(
		[
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.add_chart_to_dashboard",
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.create_dashboard_chart",
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.create_report_chart",
			"frappe.desk.doctype.number_card.number_card.add_card_to_dashboard",
			"frappe.desk.doctype.number_card.number_card.create_number_card",
			"frappe.desk.doctype.number_card.number_card.create_report_number_card",
			"frappe.email.doctype.email_group.email_group.import_from",
			"frappe.email.doctype.newsletter.newsletter.newsletter_email_read",
			"frappe.desk.gantt.update_task",
			"frappe.website.doctype.discussion_topic.discussion_topic.submit_discussion",
			"frappe.desk.reportview.save_report",
		],
		NOT_APP,
	),
	"frappe.automation.doctype.auto_repeat.auto_repeat.make_auto_repeat": "Auto Repeat refuses DocTypes without allow_auto_repeat: no app DocType allows it",
	"frappe.social.doctype.energy_point_log.energy_point_log.review": "needs review points the app never grants; an Energy Point Log is no record of the app",
	"frappe.utils.print_format.render_letterhead_for_print": "Frappe 16: renders a Letter Head with the values "
	"the client sends in `doc`; loads no record",
	"frappe.wrapper_fn": "Frappe 16's write_only() decorator drops the name of what it wraps: "
	"access_log.make_access_log, which writes an access-log entry and reads nothing",
	"frappe.desk.form.assign_to.remove": "cancels a ToDo: refused by the ToDo guard like any ToDo change "
	"(test_nobody_removes_anothers_assignment)",
	"frappe.desk.form.assign_to.close": "closes a ToDo: the same guard as remove",
	"frappe.desk.form.assign_to.remove_multiple": "cancels ToDos: the same guard as remove",
	"frappe.desk.form.document_follow.unfollow_document": "removes only a follow row; the follower's own choice",
	"frappe.desk.doctype.tag.tag.remove_tag": "the same check as add_tag before Frappe writes (party_care.guards.side_writes)",
	"frappe.model.document.unlock_document": "clears a save lock; checks write on the record itself",
	"frappe.email.queue.unsubscribe": "signed links only (verify_request); writes an Email Unsubscribe",
	"frappe.workflow.doctype.workflow_action.workflow_action.apply_action": "signed links only (verify_request)",
	"frappe.workflow.doctype.workflow_action.workflow_action.confirm_action": "signed links only (verify_request)",
}

DOCTYPE_ARGS = {
	"doctype",
	"dt",
	"ref_doctype",
	"reference_doctype",
	"document_type",
	"reference_type",
	"share_doctype",
	"doc",
	"docs",
	"args",
}
NAME_ARGS = {
	"name",
	"dn",
	"docname",
	"doc_name",
	"reference_name",
	"docs",
	"doc",
	"names",
	"items",
	"args",
	"share_name",
}


def reference_endpoints() -> set[str]:
	"""Frappe's whitelisted methods that take a document's doctype and name (or a doc / docs / args)."""
	return sidedoors.frappe_endpoints_taking(DOCTYPE_ARGS, NAME_ARGS)


def test_every_reference_endpoint_is_classified():
	endpoints = reference_endpoints()
	probed = {e for e in WRITE_PROBES if not e.startswith("/")} | {"frappe.desk.reportview.delete_items"}
	unclassified = endpoints - probed - set(SET_ASIDE)
	assert not unclassified, f"new endpoints to probe or set aside: {sorted(unclassified)}"
	assert len(endpoints) >= 80  # the enumeration found Frappe's endpoints at all


# --- sending and counting ----------------------------------------------------------------------------


def send(session, request):
	kind, path, params = request
	url = session.base_url + path
	if kind == "RESOURCE":
		return session.post(url, json=params, timeout=120)
	data = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
	if kind == "UPLOAD":
		return session.post(
			url, data=data, files={"file": ("sdw.txt", MARK.encode(), "text/plain")}, timeout=120
		)
	return session.post(url, data=data, timeout=120)


WATCHED = [
	"Comment",
	"ToDo",
	"Tag",
	"Tag Link",
	"Document Follow",
	"DocShare",
	"File",
	"Communication",
	"Event",
	"Event Participants",
	"Email Queue",
	"Notification Log",
]


def fingerprint(records: dict[str, list[str]]) -> dict:
	"""Rows of the tables these endpoints write, the links of every Communication, and each target
	record's own columns (its assignments, likes, tags, modified, docstatus, title)."""
	frappe.db.rollback()
	out = {dt: frappe.db.sql(f"select count(*), max(modified) from `tab{dt}`")[0] for dt in WATCHED}
	out["links"] = frappe.db.sql(
		"select md5(group_concat(concat_ws('|', name, reference_doctype, "
		"reference_name, status) order by name)) from `tabCommunication`"
	)[0][0]
	for dt, names in records.items():
		for name in names:
			out[(dt, name)] = frappe.db.get_value(dt, name, "*", as_dict=True)
	return out


def changes(before, after):
	return {
		k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)
	}


# Who may not write which of branch B's records (README "Permissions": the auditor writes nothing;
# the committee reads but does not write members, cases, visits and events; a member and the
# secretary of branch A do not reach branch B; a member reads the Care Fund but does not write it).
REFUSED = {
	"auditor": ["Member", "Hardship Case", "Visit", "Member Event", "Fund Application", "Care Fund"],
	"committee": ["Member", "Hardship Case", "Visit", "Member Event", "Care Fund"],
	"mem_a": ["Member", "Hardship Case", "Visit", "Member Event", "Fund Application", "Care Fund"],
	"sec_a": ["Member", "Hardship Case", "Visit", "Member Event", "Fund Application"],
}


def targets(planted) -> dict[str, str]:
	out = {
		dt: planted.records[dt][0]
		for dt in ("Member", "Hardship Case", "Visit", "Member Event", "Fund Application")
	}
	out["Care Fund"] = planted.fund
	return out


# Following is the follower's own subscription, not a write on the record: refused to who cannot
# read the record; a reader's digest leaves out what he may not read (test at the end).
FOLLOWS = {
	"frappe.desk.form.document_follow.follow_document",
	"frappe.desk.form.document_follow.update_follow",
	"/api/resource/Document Follow",
}
# Frappe answers these with 200 and reports each refused record in its messages
REFUSED_IN_MESSAGES = {
	"frappe.desk.reportview.delete_items",
	"frappe.desk.form.linked_with.cancel_all_linked_docs",
}
READS_ALL = {"auditor", "committee"}


@pytest.mark.parametrize("role", sorted(REFUSED))
def test_no_write_attached_to_a_record_the_role_may_not_write(role, world, login, planted, extra):
	s = login(world.users[role])
	x = frappe._dict(extra, assignee=world.users.officer, mem_b=world.users.mem_b)
	records = {dt: [name] for dt, name in targets(planted).items()}
	before = fingerprint(records)
	problems = []
	for dt in REFUSED[role]:
		dn = targets(planted)[dt]
		for endpoint, build in WRITE_PROBES.items():
			if endpoint in FOLLOWS and (role in READS_ALL or (role == "mem_a" and dt == "Care Fund")):
				continue
			r = send(s, build(dt, dn, world.users[role], x))
			if r.status_code != 403 and not (endpoint in REFUSED_IN_MESSAGES and r.status_code == 200):
				problems.append(f"{role} × {endpoint} × {dt}: {r.status_code} {r.text[:200]}")
			if diff := changes(before, fingerprint(records)):
				problems.append(f"{role} × {endpoint} × {dt} changed {sorted(map(str, diff))[:6]}")
				before = fingerprint(records)
	assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["mem_a", "sec_a"])
def test_a_private_attachment_is_not_copied_by_who_cannot_read_its_record(role, world, login, planted, extra):
	"""The e-mail dialog's `attachments` name File records, and a File may be made from another's
	URL: a copy of branch B's evidence would be a File the copier owns, and downloads."""
	s = login(world.users[role])
	own = {"mem_a": ("Fund Application", extra.draft), "sec_a": ("Member", world.members.other_a)}[role]
	before = fingerprint({})
	for request in (
		M(
			"frappe.core.doctype.communication.email.make",
			doctype=own[0],
			name=own[1],
			content=MARK,
			subject=MARK,
			recipients=world.users[role],
			send_email=0,
			attachments=[extra.file.name],
		),
		R("File", file_url=extra.file_url, is_private=1, file_name="copy.txt"),
	):
		r = send(s, request)
		assert r.status_code == 403, r.text[:300]
	assert not changes(before, fingerprint({}))
	r = s.get(s.base_url + extra.file_url, timeout=60)
	assert r.status_code == 403 and sidedoors.marker("FILE") not in shown(r)


# --- what stays possible ----------------------------------------------------------------------------


def _cleanup(doctype, filters):
	frappe.db.rollback()
	for name in frappe.get_all(doctype, filters=filters, pluck="name"):
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_who_writes_the_record_still_comments_assigns_tags_follows_and_attaches(world, login, planted, extra):
	visit = planted.visit
	s = login(world.users.sec_b)
	x = frappe._dict(extra, assignee=world.users.officer, mem_b=world.users.mem_b)
	try:
		for endpoint in (
			"frappe.desk.form.utils.add_comment",
			"frappe.desk.doctype.tag.tag.add_tag",
			"frappe.desk.form.assign_to.add",
			"frappe.desk.form.document_follow.follow_document",
			"frappe.client.attach_file",
			"frappe.handler.upload_file",
			"frappe.desk.like.toggle_like",
		):
			r = send(s, WRITE_PROBES[endpoint]("Visit", visit, world.users.sec_b, x))
			assert r.status_code == 200, (endpoint, r.status_code, r.text[:300])
		frappe.db.rollback()
		assert frappe.db.exists(
			"Comment", {"reference_name": visit, "comment_type": "Comment", "content": MARK}
		)
		# the author is who is logged in, not the name the client sent
		r = send(
			s,
			M(
				"frappe.desk.form.utils.add_comment",
				reference_doctype="Visit",
				reference_name=visit,
				content=MARK + "-as",
				comment_email=world.users.officer,
				comment_by="组织部",
			),
		)
		assert r.status_code == 200, r.text[:300]
		frappe.db.rollback()
		author = frappe.db.get_value(
			"Comment",
			{"reference_name": visit, "content": MARK + "-as"},
			["comment_email", "comment_by", "owner"],
			as_dict=True,
		)
		assert author.comment_email == world.users.sec_b and author.comment_by != "组织部", author
		assert frappe.db.exists(
			"ToDo", {"reference_name": visit, "allocated_to": world.users.officer, "status": "Open"}
		)
		assert frappe.db.exists("Tag Link", {"document_name": visit, "tag": MARK})
		assert frappe.db.exists("Document Follow", {"ref_docname": visit, "user": world.users.sec_b})
		assert frappe.db.count("File", {"attached_to_name": visit}) == 2
		# a member attaches to his own draft application
		r = send(login(world.users.mem_a), upload("Fund Application", extra.draft, None, None))
		assert r.status_code == 200, r.text[:300]
	finally:
		for doctype, field in (
			("Comment", "reference_name"),
			("ToDo", "reference_name"),
			("Tag Link", "document_name"),
			("Document Follow", "ref_docname"),
			("File", "attached_to_name"),
		):
			_cleanup(doctype, {field: ["in", [visit, extra.draft]], "owner": ["!=", "Administrator"]})
		frappe.db.set_value("Visit", visit, {"_liked_by": None, "_user_tags": None}, update_modified=False)
		frappe.db.set_value("Visit", visit, "_assign", json.dumps([world.users.sec_b]), update_modified=False)
		frappe.db.commit()


def test_nobody_removes_anothers_assignment(world, login, planted):
	"""sec_b's to-do on branch B's visit stays open whoever else asks to remove it."""
	for role in ("auditor", "committee", "sec_a", "mem_a"):
		r = send(
			login(world.users[role]),
			M(
				"frappe.desk.form.assign_to.remove",
				doctype="Visit",
				name=planted.visit,
				assign_to=world.users.sec_b,
			),
		)
		frappe.db.rollback()
		assert r.status_code == 403, (role, r.status_code, r.text[:200])
		assert (
			frappe.db.get_value(
				"ToDo", {"reference_name": planted.visit, "allocated_to": world.users.sec_b}, "status"
			)
			== "Open"
		)


# --- the document-follow digest -----------------------------------------------------------------------


def test_a_followers_digest_never_carries_a_level1_value_he_may_not_read(world, planted, extra):
	"""Frappe's hourly/daily digest of a followed record lists its Version diffs. The committee
	reads a Member but not his ID number; branch B's secretary reads both."""
	from frappe.desk.form import document_follow

	frappe.set_user("Administrator")
	person = planted.person
	old, new = sorted(planted.old_ids)[0], planted.id_number
	frappe.get_doc(
		doctype="Version",
		ref_doctype="Member",
		docname=person,
		data=json.dumps({"changed": [["id_number", old, new], ["phone", "1", "2"]]}),
	).insert(ignore_permissions=True)
	frappe.db.sql(
		"update `tabVersion` set modified=%s, modified_by='Administrator' where docname=%s",
		(add_to_date(now_datetime(), minutes=-10), person),
	)
	for key in ("committee", "sec_b"):
		frappe.get_doc(
			doctype="Document Follow", ref_doctype="Member", ref_docname=person, user=world.users[key]
		).insert(ignore_permissions=True)
	for method in frappe.get_hooks("before_job"):  # as the scheduler's job runner does
		frappe.call(
			method,
			method="frappe.desk.form.document_follow.send_hourly_updates",
			kwargs={},
			transaction_type="job",
		)
	committee = json.dumps(document_follow.get_message_for_user("Hourly", world.users.committee), default=str)
	secretary = json.dumps(document_follow.get_message_for_user("Hourly", world.users.sec_b), default=str)
	assert new in secretary  # the digest is there …
	assert "phone" in committee  # … and the committee gets what it may read of it
	assert not sidedoors.leaks(committee, [new, old, *planted.old_ids])
