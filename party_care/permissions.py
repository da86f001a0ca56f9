"""The permission model (written down in the README, "Permissions").

Three scopes decide what a user reads:

* **all** — System Manager; and Organization Officer, Party Committee Member and Care
  Auditor who hold a post in a committee at the root of the tree, or on a site where no
  committee post exists at all (one committee: as before committees had posts);
* **subtree** — a Branch Secretary: the subtree of each organisation whose `secretary` is
  his Member record; an officer, committee member or auditor: the subtree of each committee
  he holds a post in (Committee Post). Frappe applies this itself through the User
  Permissions on Party Organization that `sync_secretary` and `sync_committee_post` maintain;
* **self** — everyone else (a Party Member, or a Branch Secretary who is secretary of
  nothing): only records about his own Member record. An officer, committee member or
  auditor without a post on a site whose committees have posts reads nothing of the app
  (`unplaced`, refused by the "*" hooks below).

The hooks below only narrow; they never widen what DocType permissions allow: a has_permission
hook answers False to refuse and `NO_OBJECTION` otherwise (party_care/compat.py: None on Frappe 15,
True on Frappe 16, where None is a denial).
"""

import frappe
from frappe import _, bold

from party_care import roles
from party_care.compat import NO_OBJECTION, no_objection_if
from party_care.organization import tree

ALL, SUBTREE, SELF = "all", "subtree", "self"


def get_scope(user: str | None = None) -> str:
	user = user or frappe.session.user
	user_roles = set(frappe.get_roles(user))
	if user_roles & {"Administrator", "System Manager"}:
		return ALL
	if user_roles & roles.COMMITTEE_ROLES:
		posts = committee_organizations(user)
		if posts:
			return ALL if tree.any_root(posts) else SUBTREE
		if not committee_posts_exist():
			return ALL  # one committee on the site: its people read everything, as before posts
	if roles.BRANCH_SECRETARY in user_roles and secretary_organizations(user):
		return SUBTREE
	return SELF


def scope_organizations(user: str) -> list[str]:
	"""The organisations whose subtrees a user of scope SUBTREE reads: those he is secretary of
	(with the Branch Secretary role) and the committees he holds a post in."""
	user_roles = set(frappe.get_roles(user))
	orgs = set(committee_organizations(user)) if user_roles & roles.COMMITTEE_ROLES else set()
	if roles.BRANCH_SECRETARY in user_roles:
		orgs.update(secretary_organizations(user))
	return sorted(orgs)


# --- committees and their people ----------------------------------------------------------------


def committee_posts_exist() -> bool:
	"""Whether any committee has posts: a site without any is one committee, read by its people."""
	post = frappe.qb.DocType("Committee Post")
	return bool(frappe.qb.from_(post).select(post.name).limit(1).run())


def committee_organizations(user: str, role: str | None = None) -> list[str]:
	"""The committees this user holds a post in (of one role, when given)."""
	filters = {"user": user}
	if role:
		filters["role"] = role
	return frappe.get_all(
		"Committee Post", filters=filters, pluck="committee", distinct=True, ignore_permissions=True
	)


def unplaced(user: str | None = None) -> bool:
	"""An officer, committee member or auditor who holds no post while the site's committees have
	posts: his role belongs to no committee, so he reads nothing of the app (fail closed)."""
	user = user or frappe.session.user
	user_roles = set(frappe.get_roles(user))
	if user_roles & {"Administrator", "System Manager"} or not user_roles & roles.COMMITTEE_ROLES:
		return False
	return not committee_organizations(user) and committee_posts_exist()


def acts_for_committee(committee: str | None, step_roles, user: str | None = None) -> bool:
	"""Whether `user` may act with one of `step_roles` for `committee`: a System Manager, a holder
	of the role on a one-committee site (no posts) or in a root committee, or a holder of a post
	of that role in the committee or in one above it."""
	user = user or frappe.session.user
	user_roles = set(frappe.get_roles(user))
	if user_roles & {"Administrator", "System Manager"}:
		return True
	step_roles = set(step_roles) & user_roles & roles.COMMITTEE_ROLES
	if not step_roles:
		return False
	if not committee_posts_exist():
		return True
	posts = [c for r in step_roles for c in committee_organizations(user, r)]
	if tree.any_root(posts):
		return True
	return bool(committee and posts and tree.is_under_any(committee, posts))


def committee_people(committee: str | None, role: str) -> list[str]:
	"""The users who act with `role` for `committee` (to tell them a record waits for them)."""
	from party_care.notify import users_with_role

	holders = users_with_role(role)
	if not committee_posts_exist():
		return holders
	above = tree.ancestors(committee, inclusive=True) if committee else []
	posted = frappe.get_all(
		"Committee Post",
		filters={"role": role, "committee": ["in", above or [""]]},
		pluck="user",
		distinct=True,
		ignore_permissions=True,
	)
	roots = frappe.get_all(
		"Committee Post",
		filters={"role": role, "committee": ["in", tree.roots()]},
		pluck="user",
		distinct=True,
		ignore_permissions=True,
	)
	wanted = set(posted) | set(roots)
	return [u for u in holders if u in wanted]


def check_acts_for_committee(doc, committee: str | None, step_roles) -> None:
	if doc.flags.ignore_permissions or acts_for_committee(committee, step_roles):
		return
	frappe.throw(
		_(
			"{0} {1} belongs to committee {2}: only its people (and those of the committees above it) act on it."
		).format(_(doc.doctype), bold(doc.name), bold(committee or "")),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def committee_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions "*": an unplaced committee role lists nothing of the app."""
	from party_care.guards.visibility import is_app_doctype

	if is_app_doctype(doctype) and unplaced(user):
		return "1 = 0"
	return ""


def committee_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission "*": an unplaced committee role reads no record of the app."""
	from party_care.guards.visibility import is_app_doctype

	if is_app_doctype(doc.doctype) and unplaced(user):
		return False
	return NO_OBJECTION


def secretary_organizations(user: str) -> list[str]:
	"""Organisations this user is the secretary of (through his Member record)."""
	member = frappe.qb.DocType("Member")
	org = frappe.qb.DocType("Party Organization")
	rows = (
		frappe.qb.from_(org)
		.join(member)
		.on(member.name == org.secretary)
		.select(org.name)
		.where(member.user == user)
		.run(pluck=True)
	)
	return rows


def member_of_user(user: str | None = None) -> str | None:
	return frappe.db.get_value("Member", {"user": user or frappe.session.user}, "name")


# --- logins linked to members -------------------------------------------------------------------
# A Member's `user` decides whose records a login reads, and an invitation sets that login's
# password: an account takeover if either could reach a login with more power. So (README,
# "Permissions", "Logins and invitations"):
# * the organisation department links a member to a login that holds party roles only
#   (Party Member, Branch Secretary); a login with any other role — a desk role such as System
#   Manager, Organization Officer, Party Committee Member, Care Auditor, or another app's — only a
#   System Manager may link (a committee member is a party member too);
# * an invitation only ever sets the first password of such a party-only login that has never
#   been used (no password, never logged in); everyone else resets his own password by e-mail.

PARTY_LOGIN_ROLES = frozenset({roles.PARTY_MEMBER, roles.BRANCH_SECRETARY})


def roles_beyond_party(user: str) -> set[str]:
	"""The roles of `user` other than the party roles and Frappe's automatic ones."""
	from frappe.permissions import AUTOMATIC_ROLES

	return set(frappe.get_roles(user)) - set(AUTOMATIC_ROLES) - PARTY_LOGIN_ROLES


def check_may_link_login(user: str) -> None:
	"""The session user may make `user` the login of a member record."""
	if user in ("Administrator", "Guest"):
		frappe.throw(
			_("{0} cannot be a member's login.").format(frappe.bold(user)),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
	beyond = roles_beyond_party(user)
	if beyond and "System Manager" not in frappe.get_roles():
		frappe.throw(
			_("Login {0} has the roles {1}: only a System Manager may link it to a member record.").format(
				frappe.bold(user), frappe.bold(", ".join(sorted(_(r) for r in beyond)))
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)


def check_may_invite(user: str) -> None:
	"""An invitation sets the first password of a party-only login that was never used."""
	if user in ("Administrator", "Guest") or roles_beyond_party(user):
		frappe.throw(
			_("Login {0} is not a party member's own login: an invitation cannot be made for it.").format(
				frappe.bold(user)
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
	auth = frappe.qb.Table("__Auth")
	has_password = (
		frappe.qb.from_(auth)
		.select(auth.name)
		.where((auth.doctype == "User") & (auth.name == user) & (auth.fieldname == "password"))
		.run()
	)
	if has_password or frappe.db.get_value("User", user, "last_login"):
		frappe.throw(
			_(
				'Login {0} is already in use: the member resets his password himself with "Forgot Password" on the login page.'
			).format(frappe.bold(user)),
			frappe.PermissionError,
			title=_("Login In Use"),
		)


# --- writes through the app's own methods -------------------------------------------------------
# Every whitelisted method that changes something checks the caller's right on the record it
# changes: a DocType right (doc.check_permission / frappe.has_permission) where there is one,
# else the checks below. Read-only roles change nothing anywhere.


def is_read_only(user: str | None = None) -> bool:
	"""A user whose app roles only read (the Care Auditor), or who has none of them."""
	user_roles = set(frappe.get_roles(user or frappe.session.user))
	if user_roles & {"Administrator", "System Manager"}:
		return False
	return not user_roles & (set(roles.ALL) - {roles.CARE_AUDITOR})


def check_not_read_only(user: str | None = None) -> None:
	if is_read_only(user):
		frappe.throw(
			_("Your role may read these records but not change them."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


# --- the organisation a record belongs to ------------------------------------------------------
# Frappe checks the create and write permission — a secretary's User Permissions on Party
# Organization — with the values the client sent: on save before it fetches the new member's
# organisation into the record (fetch_from, in its link check), and before a controller computes
# an organisation. A record moving to an organisation is checked again once that is known.

ORGANIZATION_FETCHED_FROM_MEMBER = (
	"Visit",
	"Member Event",
	"Hardship Case",
	"Fund Application",
	"Dues Relief Application",
	"Pioneer Post",
	"Volunteer Service",
	"Study Mentorship",
)


def check_record_organization(doc, method=None) -> None:
	"""doc_events "*" before_validate (after Frappe's link check has fetched the member's
	organisation): a record created in, or moved to, an organisation the user may not act for
	is refused."""
	if doc.doctype in ORGANIZATION_FETCHED_FROM_MEMBER and (
		doc.is_new() or doc.has_value_changed("party_organization")
	):
		check_organization_in_scope(doc, doc.party_organization)


def check_organization_in_scope(doc, organization: str | None) -> None:
	"""The session user must read `organization` (a secretary: his subtree, through his User
	Permissions) to record `doc` there; the app's own writes (ignore_permissions) pass."""
	if doc.flags.ignore_permissions or not organization:
		return
	if frappe.has_permission("Party Organization", "read", doc=organization):
		return
	frappe.throw(
		_(
			"You can record {0} only in the organisations you lead and those under them; {1} is outside them."
		).format(frappe.bold(_(doc.doctype)), frappe.bold(organization)),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


# --- Member -------------------------------------------------------------------------------------


def member_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return ""
	return f"`tabMember`.`user` = {frappe.db.escape(user)}"


def member_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return NO_OBJECTION
	return no_objection_if(bool(doc.user) and doc.user == user)


# --- records about a member (Hardship Case, Fund Application, Visit, …) ---------------------------


def own_records_condition(doctype: str, user: str, member_field: str = "member") -> str:
	return (
		f"`tab{doctype}`.`{member_field}` in "
		f"(select `name` from `tabMember` where `user` = {frappe.db.escape(user)})"
	)


def member_record_query_conditions(
	doctype: str, user: str | None = None, member_field: str = "member"
) -> str:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return ""
	return own_records_condition(doctype, user, member_field)


def member_record_has_permission(doc, user: str | None = None, member_field: str = "member") -> bool | None:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return NO_OBJECTION
	member = doc.get(member_field)
	return no_objection_if(bool(member) and frappe.db.get_value("Member", member, "user") == user)


# --- secretaries' User Permissions --------------------------------------------------------------


def sync_secretary(organization: str, old_user: str | None, new_user: str | None) -> None:
	"""Move the Party Organization User Permission of `organization` from old_user to new_user."""
	if old_user and old_user != new_user:
		if not frappe.db.exists("Committee Post", {"user": old_user, "committee": organization}):
			_drop_user_permission(old_user, organization)
		if not secretary_organizations(old_user):
			_set_role(old_user, roles.BRANCH_SECRETARY, present=False)
	if new_user:
		_grant_user_permission(new_user, organization)
		_set_role(new_user, roles.BRANCH_SECRETARY, present=True)


def sync_committee_post(old: tuple | None, new: tuple | None) -> None:
	"""Keep a post holder's User Permission on his committee and his role in step with his posts
	(each a (user, committee, role) tuple; None: no post before / after), as sync_secretary does.
	Runs after the post is written (or deleted), so the posts left are what the database holds."""
	if old and old != new:
		user, committee, role = old
		still_there = frappe.db.exists("Committee Post", {"user": user, "committee": committee})
		if not still_there and committee not in secretary_organizations(user):
			_drop_user_permission(user, committee)
		if not frappe.db.exists("Committee Post", {"user": user, "role": role}):
			_set_role(user, role, present=False)
	if new:
		user, committee, role = new
		_grant_user_permission(user, committee)
		_set_role(user, role, present=True)


def _grant_user_permission(user: str, organization: str) -> None:
	if not frappe.db.exists(
		"User Permission", {"user": user, "allow": "Party Organization", "for_value": organization}
	):
		frappe.get_doc(
			doctype="User Permission",
			user=user,
			allow="Party Organization",
			for_value=organization,
			apply_to_all_doctypes=1,
		).insert(ignore_permissions=True)


def _drop_user_permission(user: str, organization: str) -> None:
	for name in frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": "Party Organization", "for_value": organization},
		pluck="name",
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)


def ensure_role(user: str, role: str) -> None:
	_set_role(user, role, present=True)


def _set_role(user: str, role: str, present: bool) -> None:
	if user in ("Administrator", "Guest"):
		return
	has_role = frappe.db.exists("Has Role", {"parent": user, "parenttype": "User", "role": role})
	if bool(has_role) == present:
		return
	user_doc = frappe.get_doc("User", user)
	if present:
		user_doc.append("roles", {"role": role})
	else:
		user_doc.set("roles", [r for r in user_doc.roles if r.role != role])
	user_doc.flags.ignore_permissions = True
	user_doc.save()


# --- hook entry points for records about a member -------------------------------------------------

# DocType → the field naming the member a record is about. A plain member (scope SELF) reads only
# the records about himself; secretaries are narrowed by their User Permissions on the record's
# organisation. hooks.py builds permission_query_conditions and has_permission from this table:
# one pair of functions for every such DocType (Frappe passes `doctype=` to query-condition hooks,
# v15 and v16 alike). Visit, Member and the batches have rules of their own (below, care_batches).
MEMBER_RECORDS = {
	"Fund Application": "member",
	"Member Event": "member",
	"Hardship Case": "member",
	"Dues Relief Application": "member",
	"Commendation": "member",
	"Political Birthday Greeting": "member",
}


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of every DocType in MEMBER_RECORDS."""
	return member_record_query_conditions(doctype, user, MEMBER_RECORDS[doctype])


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission of every DocType in MEMBER_RECORDS."""
	return member_record_has_permission(doc, user, MEMBER_RECORDS[doc.doctype])


# A visit's notes are the visitor's private observations about the member. Who may read them
# (permlevel 1: secretaries, officers, committee, auditors — never the Party Member role) never
# reads a visit about himself, through any endpoint: a secretary or officer visited by the level
# above finds his own visits on his member pages (/my-care), without the notes.


def reads_visit_notes(user: str) -> bool:
	return 1 in frappe.get_meta("Visit").get_permlevel_access("read", user=user)


def visit_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	condition = member_record_query_conditions("Visit", user)
	if user == "Administrator" or not reads_visit_notes(user) or not member_of_user(user):
		return condition
	not_about_him = f"not ({own_records_condition('Visit', user)})"
	return f"({condition}) and {not_about_him}" if condition else not_about_him


def visit_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if user != "Administrator" and doc.get("member") and reads_visit_notes(user):
		if doc.member == member_of_user(user):
			return False
	return member_record_has_permission(doc, user)
