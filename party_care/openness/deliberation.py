"""党员议事厅 — the members' deliberation hall (seed 003: 将群众反映最迫切的热点、难点问题收集上来，
通过集中商议、民主决策 … 畅通党员参与党内事务的渠道). A member raises an issue (his pages or
the desk); his branch puts it on a meeting's agenda, records the discussion and the decision; the
raiser and the members of his branch read the outcome. An issue left without a decision for
Openness Settings → escalation days goes up to the organisation above, once per period (daily job).

Who reads: the members of the raiser's branch (its party groups included) and the raiser; the
secretaries of the subtree it lies in (User Permissions on its organisation); officers,
committee members and the auditor all. Who decides: the secretary of the organisation handling
it (or of one above it), an officer or a committee member."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, today

from party_care.notify import nearest_secretary_user, notify, notify_many
from party_care.organization.tree import branch_of
from party_care.permissions import SELF, get_scope, member_of_user, secretary_organizations

ISSUE = "Deliberation Issue"
OPEN = ("Raised", "On Agenda")


def escalation_days() -> int:
	return cint(frappe.db.get_single_value("Openness Settings", "escalation_days")) or 30


def _branch_subtree(user: str) -> str | None:
	member = member_of_user(user)
	branch = member and branch_of(member)
	if not branch:
		return None
	return (
		"(select d.name from `tabParty Organization` d join `tabParty Organization` b "
		f"on d.lft >= b.lft and d.rgt <= b.rgt where b.name = {frappe.db.escape(branch)})"
	)


def query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return ""
	member = member_of_user(user)
	own = f"`tab{ISSUE}`.`raised_by` = {frappe.db.escape(member or '')}"
	branch = _branch_subtree(user)
	return f"({own} or `tab{ISSUE}`.`party_organization` in {branch})" if branch else own


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if get_scope(user) != SELF:
		return True
	member = member_of_user(user)
	if not member:
		return False
	if doc.get("raised_by") == member:
		return ptype in ("read", "create", None)
	if ptype not in ("read", None) or not doc.get("party_organization"):
		return False
	return branch_of(member) == _branch_of_organization(doc.party_organization)


def _branch_of_organization(org: str) -> str:
	org_type, parent = frappe.db.get_value(
		"Party Organization", org, ["organization_type", "parent_party_organization"]
	)
	return parent if org_type == "Party Group" else org


def may_decide(doc, user: str | None = None) -> bool:
	"""The secretary of the handling organisation or of one above it, officers, committee."""
	user = user or frappe.session.user
	from party_care import roles

	if user == "Administrator" or set(frappe.get_roles(user)) & {
		roles.ORGANIZATION_OFFICER,
		roles.COMMITTEE_MEMBER,
		"System Manager",
	}:
		return True
	lft, rgt = frappe.db.get_value("Party Organization", doc.handling_organization, ["lft", "rgt"])
	for org in secretary_organizations(user):
		a, b = frappe.db.get_value("Party Organization", org, ["lft", "rgt"])
		if a <= lft and rgt <= b:
			return True
	return False


@frappe.whitelist(methods=["POST"])
def raise_issue(title: str, description: str) -> dict:
	"""The member raises an issue from /my-care/issues: inserted as the member."""
	from party_care.openness.letters import my_member

	for value, label in ((title, _("Issue")), (description, _("Description"))):
		if not isinstance(value, str) or not value.strip():
			frappe.throw(_("Please fill in {0}.").format(label), title=_("Missing Values"))
	doc = frappe.get_doc(
		doctype=ISSUE, raised_by=my_member(), title=title.strip(), description=description.strip()
	)
	doc.insert()
	return {"name": doc.name, "status": doc.status, "handling_organization": doc.handling_organization}


def branch_issues(member: str) -> list[dict]:
	rows = frappe.get_list(
		ISSUE,
		fields=[
			"name",
			"title",
			"raised_by",
			"raised_by_name",
			"status",
			"raised_on",
			"handling_organization",
			"meeting_date",
			"decision",
			"decided_on",
		],
		order_by="creation desc",
		limit=100,
	)
	for row in rows:
		row.mine = row.raised_by == member
		row.status_label = _(row.status)
	return rows


def escalate_overdue(on=None) -> int:
	"""Daily: an open issue whose handling organisation has had it for the escalation days goes up
	one level (and its secretary is told). Idempotent: the clock restarts when it goes up, so a
	rerun the same day moves nothing."""
	on = getdate(on or today())
	cutoff = add_days(on, -escalation_days())
	rows = frappe.db.sql(
		f"""select i.name, i.title, o.parent_party_organization as parent
		from `tab{ISSUE}` i join `tabParty Organization` o on o.name = i.handling_organization
		where i.status in %(open)s and ifnull(o.parent_party_organization, '') != ''
			and coalesce(i.escalated_on, i.raised_on) <= %(cutoff)s
		for update""",
		{"open": OPEN, "cutoff": cutoff},
		as_dict=True,
	)
	notes = []
	for row in rows:
		frappe.db.sql(
			f"""update `tab{ISSUE}` set handling_organization = %(parent)s, escalated_on = %(on)s,
			times_escalated = times_escalated + 1, status = 'Raised' where name = %(name)s""",
			{"parent": row.parent, "on": on, "name": row.name},
		)
		if user := nearest_secretary_user(row.parent):
			notes.append(
				{
					"user": user,
					"subject": _(
						"An issue of the deliberation hall has had no decision for {0} days and comes to you: {1}"
					).format(escalation_days(), row.title),
					"document_type": ISSUE,
					"document_name": row.name,
				}
			)
	notify_many(notes)
	return len(rows)


def tell_raiser(doc) -> None:
	user = frappe.db.get_value("Member", doc.raised_by, "user")
	notify([user], _("Your issue has a decision: {0}").format(doc.title), doc)
