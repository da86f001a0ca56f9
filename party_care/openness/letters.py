"""向组织说说心里话 — a member's confidential word to the organisation (seed 003), and care for the
mind after a traumatic event (对遭受严重心理创伤的党员，及时开展心理疏导和干预).

Who reads what is in party_care/openness/permissions.py. Nothing here puts a letter's text, its
subject or a plan's assessment into anything else: notifications, e-mails, to-dos and the talk
(a Visit, which the branch and the auditors read) carry none of it.
"""

import frappe
from frappe import _, bold
from frappe.utils import cint, getdate, now_datetime, today

from party_care import roles
from party_care.notify import notify, users_with_role
from party_care.openness.permissions import LETTER, PLAN, is_reader, may_read_letter

ACTIVE_STATUSES = ("Probationary", "Full")
TALK_REASON = "Heart-to-heart Talk"


def my_member() -> str:
	member = frappe.db.get_value(
		"Member", {"user": frappe.session.user, "member_status": ["in", ACTIVE_STATUSES]}, "name"
	)
	if not member:
		frappe.throw(
			_("Only a party member with a member record can write to the organisation."),
			frappe.PermissionError,
			title=_("Not a Member"),
		)
	return member


def readers() -> list[str]:
	"""The committee's designated readers: enabled users with the Confidential Reader role."""
	return users_with_role(roles.CONFIDENTIAL_READER)


def addressee(member: str, addressed_to: str) -> tuple[str, str | None]:
	"""(organisation, user) a letter goes to: the secretary of the member's organisation or the
	nearest one above it who is not the writer himself; or the committee at the top of the tree,
	read by its designated readers."""
	org = frappe.db.get_value("Member", member, "party_organization")
	lft, rgt = frappe.db.get_value("Party Organization", org, ["lft", "rgt"])
	if addressed_to == "Party Committee":
		top = frappe.get_all(
			"Party Organization",
			filters={"lft": ["<=", lft], "rgt": [">=", rgt]},
			order_by="lft asc",
			limit=1,
			pluck="name",
		)[0]
		if not readers():
			frappe.throw(
				_(
					"The party committee has not yet named who reads letters to it; please write to your branch secretary or try later."
				),
				title=_("No Reader Yet"),
			)
		return top, None
	if addressed_to != "Branch Secretary":
		frappe.throw(_("Please choose whom you write to."), title=_("Missing Values"))
	writer_user = frappe.db.get_value("Member", member, "user")
	rows = frappe.db.sql(
		"""select o.name, m.user from `tabParty Organization` o join `tabMember` m on m.name = o.secretary
		where o.lft <= %(lft)s and o.rgt >= %(rgt)s and ifnull(m.user, '') not in ('', %(writer)s)
		order by o.lft desc limit 1""",
		{"lft": lft, "rgt": rgt, "writer": writer_user or ""},
	)
	if not rows:
		frappe.throw(
			_("Your organisation has no secretary to write to; please write to the party committee."),
			title=_("No Secretary"),
		)
	return rows[0][0], rows[0][1]


def letter_readers(doc) -> list[str]:
	users = set(readers())
	if doc.addressee_user:
		users.add(doc.addressee_user)
	writer = frappe.db.get_value("Member", doc.member, "user")
	return sorted(users - {writer, None})


def tell_readers(doc) -> None:
	"""The addressee (or the designated readers) learn that a letter waits: a bell notification
	and its e-mail name neither the writer nor a word of the letter."""
	subject = _("A confidential letter to the organisation is waiting for you to read.")
	notify([doc.addressee_user] if doc.addressee_user else letter_readers(doc), subject, doc)


# --- the member's pages ---------------------------------------------------------------------------

MY_LETTER_FIELDS = [
	"name",
	"letter_date",
	"addressed_to",
	"subject",
	"letter_text",
	"wants_talk",
	"status",
	"reply",
	"answered_on",
	"talk",
]


@frappe.whitelist(methods=["POST"])
def send_letter(
	letter_text: str, addressed_to: str = "Branch Secretary", subject: str | None = None, wants_talk=0
) -> dict:
	"""The member writes (from /my-care/letters): inserted as the member, with his own rights."""
	if not isinstance(letter_text, str) or not letter_text.strip():
		frappe.throw(_("Please write what you want to say."), title=_("Missing Values"))
	if addressed_to not in ("Branch Secretary", "Party Committee"):
		frappe.throw(_("Please choose whom you write to."), title=_("Missing Values"))
	doc = frappe.get_doc(
		doctype=LETTER,
		member=my_member(),
		addressed_to=addressed_to,
		subject=(subject or "").strip() if isinstance(subject, str) else None,
		letter_text=letter_text.strip(),
		wants_talk=cint(wants_talk) if str(wants_talk).isdigit() else 0,
	)
	doc.insert()
	return {"name": doc.name, "status": doc.status}


def my_letters(member: str) -> list[dict]:
	"""The writer's own letters with the reply, never the readers' talk record (level 2)."""
	rows = frappe.get_all(
		LETTER, filters={"member": member}, fields=MY_LETTER_FIELDS, order_by="creation desc"
	)
	for row in rows:
		row.status_label = _(row.status)
		row.addressed_label = _(row.addressed_to)
		row.talk_date = frappe.db.get_value("Visit", row.pop("talk"), "due_date") if row.talk else None
	return rows


# --- the readers ------------------------------------------------------------------------------------


def _letter_for(name, ptype: str = "read"):
	if not isinstance(name, str) or not frappe.db.exists(LETTER, name):
		frappe.throw(_("Letter not found."), frappe.DoesNotExistError)
	doc = frappe.get_doc(LETTER, name)
	if not frappe.has_permission(LETTER, ptype, doc=doc) or is_writer_of(doc):
		frappe.throw(_("You may not read this letter."), frappe.PermissionError, title=_("Not Permitted"))
	return doc


def is_writer_of(doc) -> bool:
	return frappe.db.get_value("Member", doc.member, "user") == frappe.session.user


@frappe.whitelist(methods=["POST"])
def mark_read(letter: str) -> str:
	"""Called by the form of a reader: the writer sees that his letter was read."""
	doc = _letter_for(letter)
	if doc.status == "Sent":
		doc.db_set({"status": "Read", "read_on": now_datetime(), "read_by": frappe.session.user})
	return doc.status


@frappe.whitelist(methods=["POST"])
def arrange_talk(letter: str, due_date: str | None = None) -> str:
	"""Answer a letter with a talk: a Visit of kind Talk for a neutral reason ("Heart-to-heart
	Talk"), on the to-do list of the reader who arranges it — not of the member's secretary when
	the letter went to the committee. The visit names no letter and carries none of its text."""
	doc = _letter_for(letter, "write")
	if doc.status == "Closed":
		frappe.throw(_("This letter is closed."), title=_("Not Allowed"))
	visit = open_talk(doc.member, due_date)
	doc.flags.stamped_by_app = True
	doc.talk = visit
	if doc.status in ("Sent", "Read"):
		doc.status = "Talk Arranged"
		doc.read_on = doc.read_on or now_datetime()
		doc.read_by = doc.read_by or frappe.session.user
	doc.save()
	return visit


def open_talk(member: str, due_date: str | None = None) -> str:
	from party_care.care_visits.visits import open_talk as open_visit_talk

	try:
		due = getdate(due_date) if due_date else None
	except Exception:
		frappe.throw(_("{0} is not a date.").format(bold(str(due_date))), title=_("Invalid Date"))
	if due and due < getdate(today()):
		frappe.throw(_("A talk is arranged for today or later."), title=_("Invalid Date"))
	return open_visit_talk(member, TALK_REASON, due, assign_to=frappe.session.user)


# --- psychological care after a traumatic event ----------------------------------------------------


def on_member_event(doc, method=None) -> None:
	"""doc_events Member Event after_insert: an event whose reason offers psychological care
	(serious illness, bereavement, disaster, disciplinary action …) flags the member for the
	designated readers to assess — one open plan per member."""
	reason = frappe.db.get_value(
		"Visit Reason", doc.event_type, ["psychological_care", "is_active"], as_dict=True
	)
	if not reason or not reason.psychological_care:
		return
	if frappe.db.exists(PLAN, {"member": doc.member, "status": ["!=", "Closed"]}):
		return
	plan = frappe.get_doc(
		doctype=PLAN,
		member=doc.member,
		member_event=doc.name,
		trigger_reason=doc.event_type,
		status="To Assess",
		opened_on=today(),
	)
	plan.flags.ignore_permissions = True
	plan.flags.from_event = True
	plan.insert()
	notify(readers(), _("A member may need psychological care after an event: please assess."), plan)


@frappe.whitelist(methods=["POST"])
def arrange_plan_talk(plan: str, due_date: str | None = None) -> str:
	if not isinstance(plan, str) or not frappe.db.exists(PLAN, plan):
		frappe.throw(_("Care plan not found."), frappe.DoesNotExistError)
	doc = frappe.get_doc(PLAN, plan)
	doc.check_permission("write")
	if doc.status == "Closed":
		frappe.throw(_("This care plan is closed."), title=_("Not Allowed"))
	doc.talk = open_talk(doc.member, due_date)
	if doc.status == "To Assess":
		doc.status = "Active"
	doc.flags.stamped_by_app = True
	doc.save()
	return doc.talk


__all__ = ["is_reader", "may_read_letter"]
