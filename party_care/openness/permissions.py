"""Who reads a confidential letter (向组织说说心里话) and a psychological care plan — the README's
"Who reads what". Frappe's own mechanisms: DocType permissions name the roles that may hold such
records at all (Party Member, Branch Secretary, Confidential Reader; the plans also the officers
and committee members who may be made responsible); these hooks narrow that to the records
each user must read, for every list, count, report view, export, search and form:

* a letter: its writer (a plain member; see below), the secretary it is addressed to while he is
  still that organisation's secretary, and the committee's designated readers (the Confidential
  Reader role). Never another member, the writer's other secretaries, the committee or officers
  as such, or the Care Auditor;
* a care plan: the designated readers and the person made responsible for it — never the member
  it is about, his branch, or the auditor.

A letter's talk record (permlevel 2) is for its readers. Frappe gives field levels by role, so a
writer who holds a role that reads level 2 (a secretary writing to the committee, a designated
reader writing himself) does not read his own letters in the desk at all: he finds them on his
member pages (/my-care/letters), without the talk record — as with visits about oneself.

A hook returns True for "no objection" (Frappe 16 reads None as a refusal) and False to deny.
"""

import frappe

from party_care import roles

LETTER = "Confidential Letter"
PLAN = "Psychological Care Plan"
WRITER_MAY = ("read", "create")
ADDRESSEE_MAY = ("read", "write")


def is_reader(user: str) -> bool:
	return roles.CONFIDENTIAL_READER in frappe.get_roles(user)


def reads_talk_records(user: str) -> bool:
	return 2 in frappe.get_meta(LETTER).get_permlevel_access("read", user=user)


def _own_members(user: str) -> str:
	return f"(select `name` from `tabMember` where `user` = {frappe.db.escape(user)})"


def _current_secretary_orgs(user: str) -> str:
	return (
		"(select o.`name` from `tabParty Organization` o join `tabMember` m on m.`name` = o.`secretary` "
		f"where m.`user` = {frappe.db.escape(user)})"
	)


# --- letters -----------------------------------------------------------------------------------


def letter_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	own = f"`tab{LETTER}`.`member` in {_own_members(user)}"
	if not reads_talk_records(user):
		return own  # a plain member: his own letters
	not_own = f"`tab{LETTER}`.`member` not in {_own_members(user)}"
	if is_reader(user):
		return not_own
	addressed = (
		f"`tab{LETTER}`.`addressee_user` = {frappe.db.escape(user)} "
		f"and `tab{LETTER}`.`addressee_organization` in {_current_secretary_orgs(user)}"
	)
	return f"({addressed}) and {not_own}"


def is_writer(doc, user: str) -> bool:
	return bool(doc.get("member")) and frappe.db.get_value("Member", doc.member, "user") == user


def is_current_addressee(doc, user: str) -> bool:
	if not doc.get("addressee_user") or doc.addressee_user != user or not doc.get("addressee_organization"):
		return False
	secretary = frappe.db.get_value("Party Organization", doc.addressee_organization, "secretary")
	return bool(secretary) and frappe.db.get_value("Member", secretary, "user") == user


def letter_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	ptype = ptype or "read"
	if is_writer(doc, user):
		if ptype == "create":
			return True
		return ptype in WRITER_MAY and not reads_talk_records(user)
	if ptype == "create":
		return False  # nobody writes a letter in another member's name
	if is_reader(user):
		return ptype in ADDRESSEE_MAY
	return ptype in ADDRESSEE_MAY and is_current_addressee(doc, user)


def may_read_letter(doc, user: str | None = None) -> bool:
	return letter_has_permission(doc, "read", user)


# --- psychological care plans --------------------------------------------------------------------


def plan_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	not_about_him = f"`tab{PLAN}`.`member` not in {_own_members(user)}"
	if is_reader(user):
		return not_about_him
	return f"`tab{PLAN}`.`responsible_user` = {frappe.db.escape(user)} and {not_about_him}"


def plan_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	if doc.get("member") and frappe.db.get_value("Member", doc.member, "user") == user:
		return False  # never the member it is about
	if is_reader(user):
		return ptype in ("read", "write", "create", None)
	return (
		ptype in ("read", "write", None)
		and bool(doc.get("responsible_user"))
		and doc.responsible_user == user
	)


# --- shares ---------------------------------------------------------------------------------------


def refuse_share(doc, method=None) -> None:
	"""doc_events DocShare validate: a share would let Frappe show a letter or a plan to a user the
	hooks refuse (a share is checked after them), so neither is ever shared."""
	if doc.share_doctype in (LETTER, PLAN):
		frappe.throw(
			frappe._("Confidential letters and psychological care plans cannot be shared."),
			frappe.PermissionError,
			title=frappe._("Not Permitted"),
		)
