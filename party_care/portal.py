"""The member's own pages (/my-care): what a member reads about himself and what he may do there.

Every read goes through the permission model the desk and REST use (`frappe.get_list` as the
session user, narrowed to his own Member record); every write goes through the same controllers
and workflow as the desk (`insert` and `apply_workflow` as the member, never ignore_permissions
on the record itself). Sensitive notes (permlevel 1: visit notes, event details) are never read.
"""

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, getdate, today

from party_care import roles
from party_care.guards.files import check_content
from party_care.honours.birthdays import is_round_anniversary
from party_care.openness.study import member_study
from party_care.organization import ACTIVE_MEMBER_STATUSES
from party_care.organization.tree import branch_of

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


# --- who is asking --------------------------------------------------------------------------------


def home_page(user: str) -> str | None:
	"""Where a user lands after logging in (hook get_website_user_home_page): a member who works
	only on his own pages (a Website User) on /my-care; anyone else where Frappe sends him.

	Frappe asks this for every user: v15 at login for Website Users only (desk users go to
	/app), v16 for desk users too (frappe/auth.py `set_user_info`: `get_home_page() or "/desk"`).
	A branch secretary is a Party Member as well, so a home page by role would take him off his
	desk on v16; None lets Frappe send him to it."""
	if user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "Website User":
		return None
	return "my-care" if roles.PARTY_MEMBER in frappe.get_roles(user) else None


def require_login(context, path: str) -> None:
	"""Guests are sent to log in and come back to the page they asked for."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={path}"
		raise frappe.Redirect


def my_member(throw: bool = True) -> str | None:
	"""The Member record linked to the session user (current members only)."""
	member = frappe.db.get_value(
		"Member", {"user": frappe.session.user, "member_status": ["in", ACTIVE_MEMBER_STATUSES]}, "name"
	)
	if not member and throw:
		frappe.throw(
			_("These pages are for party members: your login is not linked to a member record."),
			frappe.PermissionError,
			title=_("Not a Member"),
		)
	return member


def portal_context(context, path: str, title: str) -> str:
	require_login(context, path)
	member = my_member()
	context.member = frappe.get_doc("Member", member)
	context.member.check_permission("read")
	context.title = title
	context.no_cache = 1
	frappe.sessions.get_csrf_token()  # a session opened by an invitation link has none yet
	context.show_sidebar = False
	context.no_breadcrumbs = True
	context.nav = member_nav()
	context.path = path
	return member


def member_nav() -> list[tuple[str, str]]:
	"""The member pages' navigation (also on /notices)."""
	return [
		("/my-care", _("My Record")),
		("/my-care/apply", _("Apply for Help")),
		("/my-care/applications", _("My Applications")),
		("/my-care/report-event", _("Report an Event")),
		("/my-care/letters", _("A Word to the Organisation")),
		("/my-care/disclosures", _("Party Affairs Disclosure")),
		("/my-care/issues", _("Members' Deliberation Hall")),
		("/notices", _("Public Notices")),
	]


# --- reads ---------------------------------------------------------------------------------------


def _own(doctype: str, member: str, fields: list[str], order_by: str, **filters) -> list[dict]:
	"""The member's own rows of a DocType, read with his own permissions."""
	return frappe.get_list(doctype, filters={"member": member, **filters}, fields=fields, order_by=order_by)


def my_record(member: str) -> dict:
	# his study hours this year and his mentor: read by his member field (as his visits) — a session
	# of the committee (书记轮训) lies outside a secretary's own subtree, his attendance does not
	# his own visits, read by their member field with a fixed list of fields that are not the
	# visitor's notes: a secretary or officer does not read visits about himself in the desk
	# (permissions.visit_query_conditions), he reads them here
	visits = frappe.get_all(
		"Visit",
		filters={"member": member, "status": "Done"},
		fields=[
			"name",
			"visit_date",
			"visit_reason",
			"visit_type",
			"place",
			"gifts",
			"fund_application",
			"campaign",
		],
		order_by="visit_date desc",
	)
	for v in visits:  # money only from the ledger: the Visit's own virtual field says how much
		paid_through = (v.pop("fund_application"), v.pop("campaign"))
		v.amount_paid = frappe.get_doc("Visit", v.name).amount_paid if any(paid_through) else 0
	payments = _own(
		"Fund Application",
		member,
		["name", "paid_on", "purpose", "amount_approved", "care_fund"],
		"paid_on desc",
		workflow_state="Paid",
	)
	honours = _own(
		"Commendation",
		member,
		["name", "award_type", "year", "award_date", "certificate_number"],
		"award_date desc",
		workflow_state="Awarded",
	)
	arrangements = _own(  # rest and study offered for his honours (incentive: Honour Arrangement)
		"Honour Arrangement",
		member,
		["name", "commendation", "arrangement_kind", "from_date", "to_date", "place", "status"],
		"from_date desc",
	)
	for h in honours:
		h.arrangements = [a for a in arrangements if a.commendation == h.name]
	dues_relief = _own(
		"Dues Relief Application",
		member,
		["name", "relief_type", "period_from", "period_to", "monthly_dues", "reduced_dues", "workflow_state"],
		"period_from desc",
	)
	return {
		"visits": visits,
		"payments": payments,
		"honours": honours,
		"dues_relief": dues_relief,
		**my_incentive(member),
		"study": member_study(member),
	}


def my_incentive(member: str) -> dict:
	"""His activities with his hours, his pioneer posts, his volunteer service and this year's hours —
	read as the member (party_care/incentive/permissions.py: his own records only)."""
	rows = frappe.get_list(
		"Party Activity Participant",
		parent_doctype="Party Activity",
		filters={"member": member},
		fields=["parent", "hours"],
	)
	hours = {r.parent: r.hours for r in rows}
	activities = frappe.get_list(
		"Party Activity",
		filters={"name": ["in", list(hours) or [""]]},
		fields=["name", "title", "activity_type", "activity_date", "party_organization"],
		order_by="activity_date desc",
		limit_page_length=50,
	)
	for a in activities:
		a.hours = hours.get(a.name) or 0
	posts = _own(
		"Pioneer Post", member, ["name", "post_name", "from_date", "to_date", "pledge"], "from_date desc"
	)
	day = getdate(today())
	for post in posts:
		post.current = getdate(post.from_date) <= day and (not post.to_date or getdate(post.to_date) >= day)
	services = _own(
		"Volunteer Service",
		member,
		["name", "service_date", "service", "place", "hours"],
		"service_date desc",
	)
	year_start = getdate(f"{day.year}-01-01")
	return {
		"activities": activities,
		"pioneer_posts": posts,
		"volunteer_services": services[:50],
		"volunteer_hours_this_year": round(
			sum(flt(v.hours) for v in services if getdate(v.service_date) >= year_start), 2
		),
		"volunteer_hours_total": round(sum(flt(v.hours) for v in services), 2),
	}


def my_applications(member: str) -> list[dict]:
	rows = _own(
		"Fund Application",
		member,
		[
			"name",
			"application_date",
			"purpose",
			"amount_requested",
			"amount_approved",
			"workflow_state",
			"return_reason",
			"rejection_reason",
			"docstatus",
		],
		"creation desc",
	)
	for row in rows:
		row.reason_shown, row.state_label = None, _(row.workflow_state)
		if row.workflow_state == "Rejected":
			row.reason_shown = row.rejection_reason
		elif row.workflow_state == "Draft" and row.return_reason:
			row.reason_shown, row.state_label = row.return_reason, _("Returned to You")
	return rows


def funds() -> list[dict]:
	"""Active funds, the hardship-assistance funds first (the picker's default: most members
	apply for hardship help, not for training)."""
	rows = frappe.get_list(
		"Care Fund",
		filters={
			"is_active": 1,
			"fund_type": ["!=", "Activity Budget"],
		},  # an organisation's, not for members
		fields=["name", "fund_name", "fund_type"],
		order_by="fund_name",
	)
	return sorted(rows, key=lambda r: r.fund_type != "Hardship Assistance")  # stable: by name within


def purposes() -> list[str]:
	options = frappe.get_meta("Fund Application").get_field("purpose").options or ""
	# condolence money is for a deceased member: a member does not apply for it himself
	return [p for p in options.split("\n") if p and p != "Condolence"]


def event_types() -> list[str]:
	return frappe.get_list(
		"Visit Reason", filters={"opens_on_event": 1, "is_active": 1}, pluck="name", order_by="reason_name"
	)


def branch_colleagues(member: str) -> list[dict]:
	"""Current members of the member's branch (its party groups included): names only."""
	branch = branch_of(member)
	orgs = [
		branch,
		*frappe.get_all("Party Organization", filters={"parent_party_organization": branch}, pluck="name"),
	]
	return frappe.get_all(
		"Member",
		filters={"party_organization": ["in", orgs], "member_status": ["in", ACTIVE_MEMBER_STATUSES]},
		fields=["name", "full_name"],
		order_by="full_name",
	)


# --- writes --------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def apply(care_fund: str, purpose: str, amount_requested, reason: str):
	"""The member applies for himself: the same Fund Application, controller and workflow as the
	desk (inserted and submitted as the member), with the files he attaches."""
	from frappe.model.workflow import apply_workflow

	member = my_member()
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Please say why you apply."), title=_("Missing Values"))
	amount = flt(amount_requested)  # not a number → 0 → the controller's own "greater than zero"
	files = _uploaded_files()
	doc = frappe.get_doc(
		doctype="Fund Application",
		member=member,
		care_fund=care_fund,
		purpose=purpose,
		amount_requested=amount,
		reason=reason,
		application_date=today(),
	)
	doc.insert()
	for filename, content in files:
		frappe.get_doc(
			doctype="File",
			file_name=filename,
			attached_to_doctype=doc.doctype,
			attached_to_name=doc.name,
			is_private=1,
			content=content,
		).insert(ignore_permissions=True)  # he may write the application the file is attached to
	doc = apply_workflow(doc, "Submit")
	return {"name": doc.name, "workflow_state": doc.workflow_state}


def _uploaded_files() -> list[tuple[str, bytes]]:
	request_files = (
		frappe.request.files.getlist("attachments") if frappe.request and frappe.request.files else []
	)
	files = [(f.filename, f.stream.read()) for f in request_files if f and f.filename]
	if len(files) > MAX_FILES:
		frappe.throw(_("Attach at most {0} files.").format(MAX_FILES), title=_("Too Many Files"))
	for filename, content in files:
		extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
		if extension not in FILE_EXTENSIONS:
			frappe.throw(
				_("{0}: only PDF and photos (JPG, PNG) can be attached.").format(filename),
				title=_("Invalid File"),
			)
		if len(content) > MAX_FILE_BYTES:
			frappe.throw(_("{0} is larger than 10 MB.").format(filename), title=_("Invalid File"))
		if not content:
			frappe.throw(_("{0} is empty.").format(filename), title=_("Invalid File"))
		check_content(filename, content, FILE_EXTENSIONS)  # what it is, not what it is called
	return files


@frappe.whitelist(methods=["GET"])
def birthday_card():
	"""The member's political-birthday card as a PDF (his latest greeting, or this year's card)."""
	member = my_member()
	name = frappe.get_list(
		"Political Birthday Greeting", filters={"member": member}, pluck="name", order_by="year desc", limit=1
	)
	if name:
		doc = frappe.get_doc("Political Birthday Greeting", name[0])
	else:
		values = frappe.db.get_value(
			"Member", member, ["full_name", "party_organization", "date_joined"], as_dict=True
		)
		if not values.date_joined:
			frappe.throw(_("Your date of joining the Party is not recorded yet."), title=_("No Card"))
		years = getdate(today()).year - getdate(values.date_joined).year
		doc = frappe.get_doc(
			doctype="Political Birthday Greeting",
			member=member,
			member_name=values.full_name,
			party_organization=values.party_organization,
			date_joined=values.date_joined,
			year=getdate(today()).year,
			years_in_party=years,
			is_round_anniversary=cint(is_round_anniversary(years)),
			sent_on=today(),
		)
	doc.check_permission("read")
	try:
		pdf = frappe.get_print(
			doc.doctype, doc.name, print_format="Political Birthday Card", doc=doc, as_pdf=True
		)
	except OSError:  # wkhtmltopdf missing or misconfigured: the officers' problem, not the member's
		frappe.log_error(title="Political birthday card PDF")
		frappe.throw(_("Your card cannot be made just now; please try again later."), title=_("No Card"))
	frappe.local.response.filename = f"{_('Political Birthday Card')}-{doc.year}.pdf"
	frappe.local.response.filecontent = pdf
	frappe.local.response.type = "pdf"


# --- inviting a member ---------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def invite_link(member: str, send_email: int = 0) -> str:
	"""A one-time link with which the member sets his first password and lands on /my-care
	(printed and handed over in person, or e-mailed to the login's address). Only the
	organisation department, for a member it may read, and only for a party-only login that was
	never used (permissions.check_may_invite): never a way into someone else's account."""
	from party_care.permissions import check_may_invite, ensure_role

	frappe.only_for((roles.ORGANIZATION_OFFICER, "System Manager"))
	if not isinstance(member, str) or not frappe.db.exists("Member", member):
		frappe.throw(
			_("Member {0} does not exist.").format(frappe.bold(cstr(member))), frappe.DoesNotExistError
		)
	frappe.get_doc("Member", member).check_permission("read")
	user = frappe.db.get_value("Member", member, "user")
	if not user:
		frappe.throw(
			_("Member {0} has no login yet: set the User field first.").format(frappe.bold(member)),
			title=_("No Login"),
		)
	check_may_invite(user)
	ensure_role(user, roles.PARTY_MEMBER)
	return frappe.get_doc("User", user).reset_password(send_email=bool(cint(send_email)))
