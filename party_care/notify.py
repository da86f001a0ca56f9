"""Tell people what needs them: a system notification (the bell) that Frappe also emails."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.utils import escape_html

from party_care import roles as app_roles


def notify(users, subject: str, doc, email_content: str | None = None) -> None:
	"""subject and email_content are plain text (they carry names users typed): the bell and the
	e-mail render them as HTML, so they are escaped here."""
	users = sorted({u for u in users if u and u not in ("Guest", frappe.session.user)})
	if not users:
		return
	enqueue_create_notification(
		users,
		{
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": escape_html(subject),
			"email_content": escape_html(email_content or subject),
			"from_user": frappe.session.user,
		},
	)


def notify_many(notes: list[dict]) -> int:
	"""Many bell notifications at once, for daily jobs that tell hundreds of people: each note is
	{user, subject, document_type?, document_name?, link?, email_content?} (plain text, escaped
	here). What Frappe does per notification (`make_notification_logs` and the log's after_insert)
	is done set-based: only enabled users whose notifications are on, one multi-row INSERT of the
	Alert logs (named by a 20-character hash: no collision among thousands), one UPDATE marking
	them unseen, and the realtime signal to each after the commit. (Frappe e-mails no Alert.)
	Returns the number of notifications made."""
	from party_care.utils.bulk import STANDARD_FIELDS, insert_rows

	notes = [n for n in notes if n.get("user") and n["user"] not in ("Guest", frappe.session.user)]
	if not notes:
		return 0
	user = frappe.qb.DocType("User")
	settings = frappe.qb.DocType("Notification Settings")
	receiving = set(
		frappe.qb.from_(user)
		.left_join(settings)
		.on(settings.name == user.name)
		.select(user.name)
		.where(user.name.isin(sorted({n["user"] for n in notes})) & (user.enabled == 1))
		.where(settings.enabled.isnull() | (settings.enabled == 1))
		.run(pluck=True)
	)
	notes = [n for n in notes if n["user"] in receiving]
	if not notes:
		return 0
	sender, stamp = frappe.session.user, frappe.utils.now()
	insert_rows(
		"Notification Log",
		[
			*STANDARD_FIELDS,
			"type",
			"for_user",
			"from_user",
			"subject",
			"email_content",
			"document_type",
			"document_name",
			"link",
			"read",
		],
		[
			(
				frappe.generate_hash(length=20),
				sender,
				sender,
				stamp,
				stamp,
				0,
				0,
				"Alert",
				n["user"],
				sender,
				escape_html(n["subject"]),
				escape_html(n.get("email_content") or n["subject"]),
				n.get("document_type"),
				n.get("document_name"),
				n.get("link"),
				0,
			)
			for n in notes
		],
	)
	users = sorted({n["user"] for n in notes})
	frappe.qb.update(settings).set(settings.seen, 0).where(settings.name.isin(users)).run()
	for for_user in users:
		frappe.publish_realtime("notification", after_commit=True, user=for_user)
	return len(notes)


def users_with_role(role: str) -> list[str]:
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.where((has_role.role == role) & (has_role.parenttype == "User") & (user.enabled == 1))
		.distinct()
		.run(pluck=True)
	)


def _secretary_users_above(party_organization: str):
	"""Query: users of the secretaries of this organisation and of every one above it,
	nearest first."""
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"])
	org = frappe.qb.DocType("Party Organization")
	member = frappe.qb.DocType("Member")
	return (
		frappe.qb.from_(org)
		.join(member)
		.on(member.name == org.secretary)
		.select(member.user)
		.where((org.lft <= lft) & (org.rgt >= rgt) & member.user.isnotnull() & (member.user != ""))
		.orderby(org.lft, order=frappe.qb.desc)
	)


def secretaries_over(party_organization: str) -> list[str]:
	"""Users of the secretaries of this organisation and every organisation above it."""
	secretaries = set(users_with_role(app_roles.BRANCH_SECRETARY))
	return [u for u in _secretary_users_above(party_organization).run(pluck=True) if u in secretaries]


def nearest_secretary_user(party_organization: str) -> str | None:
	"""The user of the secretary of the organisation, or of the nearest one above it."""
	users = _secretary_users_above(party_organization).limit(1).run(pluck=True)
	return users[0] if users else None


def nearest_secretary_users(organizations) -> dict[str, str | None]:
	"""nearest_secretary_user for many organisations (daily jobs over a whole province): up the
	parent chain one level a query, each by primary key, so the cost is the tree's depth, not its
	size (a range on `lft` from each organisation could cross tens of thousands of them where
	secretaries have no login)."""
	organizations = sorted(set(filter(None, organizations)))
	found: dict[str, str | None] = dict.fromkeys(organizations)
	asking = {org: org for org in organizations}  # where each organisation's walk stands
	for _depth in range(64):  # deeper than any party tree; a cycle cannot hold the job
		if not asking:
			break
		rows = frappe.db.sql(
			"""select o.name, o.parent_party_organization, m.user
			from `tabParty Organization` o left join `tabMember` m on m.name = o.secretary
			where o.name in %(orgs)s""",
			{"orgs": sorted(set(asking.values()))},
		)
		step = {name: (parent, user) for name, parent, user in rows}
		for org, at in list(asking.items()):
			parent, user = step.get(at, (None, None))
			if user:
				found[org] = user
				del asking[org]
			elif parent:
				asking[org] = parent
			else:
				del asking[org]
	return found


def progress(done: int, total: int, title: str, doctype: str | None = None, name: str | None = None):
	"""Realtime progress of a long job, shown by the desk's own progress bar: on the document's
	form when a document is given, else to the user who started the job."""
	percent = 100.0 * done / total if total else 100.0
	description = _("{0} of {1}").format(done, total)
	if doctype and name:
		frappe.publish_progress(percent, title=title, doctype=doctype, docname=name, description=description)
	else:
		frappe.publish_realtime(
			"progress",
			{"percent": percent, "title": title, "description": description},
			user=frappe.session.user,
		)
