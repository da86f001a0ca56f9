"""Records in branch B carrying unique marker strings, for the side-door tests.

Level-1 markers sit in fields on permlevel 1 (ID number, hardship situation, causes, family,
visit notes, event details); row markers sit in ordinary fields of records in branch B. A
response body that carries a marker to a role that may not read it is a leak, whatever the
endpoint."""

import json

import frappe
from frappe.utils import getdate, today

from tests.support.factories import make_application, make_fund, make_member, member_values
from tests.support.routes import fund_act as act_on_application
from tests.support.routes import fund_through_branch, fund_through_notice

TAG = "SDMK"
PERSON_NAME = "卫青松"


def marker(kind: str) -> str:
	return f"{TAG}-{kind}-4471"


def plant(world) -> frappe._dict:
	"""Commit the records (idempotent within a session: returns what exists)."""
	frappe.set_user("Administrator")
	existing = frappe.db.get_value("Member", {"full_name": PERSON_NAME}, "name")
	if existing:
		return _describe(world, existing)
	person = make_member(world.orgs.branch_b, full_name=PERSON_NAME)
	# the history of an ID correction (Frappe skips version logs in tests unless asked)
	old_id = person.id_number
	person.id_number = member_values(
		world.orgs.branch_b, date_of_birth=person.date_of_birth, gender=person.gender
	)["id_number"]
	person.save(ignore_version=False)

	frappe.get_doc(
		doctype="Hardship Case",
		member=person.name,
		hardship_type="Illness",
		hardship_level="Urgent",
		situation=marker("SITU"),
		causes=marker("CAUS"),
		household_annual_income=9000,
		family_members=[
			{"family_member_name": marker("FAMN"), "relation": "配偶", "age": 66, "health": marker("HLTH")}
		],
		helpers=[{"helper": world.members.other_b, "agreed_measures": marker("AGRE")}],
		help_log=[{"log_date": today(), "helper": world.members.other_b, "action": marker("HLOG")}],
	).insert()

	# a member's own case whose family table (level 1) changed: its history must not show it to him
	own = frappe.get_doc(
		doctype="Hardship Case",
		member=world.members.mem_b,
		hardship_type="Illness",
		hardship_level="General",
		situation=marker("OWNS"),
	).insert()
	own.append("family_members", {"family_member_name": "配偶", "health": marker("HVER")})
	own.save(ignore_version=False)

	visit = frappe.get_doc(
		doctype="Visit",
		member=person.name,
		visit_reason="Routine Visit",
		due_date=today(),
		place=marker("PLAC"),
		notes=marker("NOTE"),
		visitors=[{"visitor": world.members.sec_b}],
	).insert()
	frappe.get_doc(
		doctype="ToDo",
		allocated_to=world.users.sec_b,
		reference_type="Visit",
		reference_name=visit.name,
		description="visit",
	).insert(ignore_permissions=True)
	frappe.get_doc(
		doctype="Member Event",
		member=person.name,
		event_type="Serious Setback",
		event_date=today(),
		details=marker("DETL"),
	).insert()

	fund = make_fund("侧门测试资金", opening=5000).name
	application = make_application(
		person.name, fund, amount=500, user=world.users.sec_b, reason=marker("REAS")
	).name
	fund_through_branch(application, world, world.users.sec_b)
	fund_through_notice(application, world, 500)
	act_on_application(application, "Pay", world.users.officer, payment_method="Signed Receipt")
	frappe.set_user("Administrator")
	plant_incentive(world, person.name)
	plant_study(world, person.name)
	frappe.db.commit()
	assert old_id != frappe.db.get_value("Member", person.name, "id_number")
	return _describe(world, person.name)


# the incentive side's round: a past year (this year's belong to tests/test_incentive.py)
INCENTIVE_YEAR = getdate(today()).year - 9


def plant_incentive(world, person: str) -> None:
	"""Branch B's party-building assessment (its committee opinion on level 1), its rectification (read
	by the secretaries of B, the committee and the officers only), an activity, a pioneer post, volunteer
	service, a team and a pairing of branch B."""
	round_name = (
		frappe.get_doc(
			doctype="Party Building Assessment Round",
			round_name="侧门测试述职评议",
			year=INCENTIVE_YEAR,
			party_organization=world.orgs.committee,
		)
		.insert()
		.name
	)
	assessment = frappe.get_doc(
		doctype="Party Building Assessment",
		assessment_round=round_name,
		party_organization=world.orgs.branch_b,
		report_summary=marker("RPRT"),
	).insert()
	assessment.db_set({"committee_opinion": marker("OPIN"), "grade": "较差"})
	rectification = frappe.get_doc(
		doctype="Party Building Rectification",
		assessment=assessment.name,
		party_organization=world.orgs.branch_b,
		secretary=world.members.sec_b,
		year=INCENTIVE_YEAR,
		grade="较差",
		due_date=today(),
		issues=marker("RECT"),
	)
	rectification.flags.from_assessment = True
	rectification.insert()
	pairing = frappe.get_doc(
		doctype="Organization Pairing",
		party_organization=world.orgs.branch_b,
		partner_name="侧门测试社区党支部",
		start_date=today(),
		agreed_measures=marker("PAIR"),
	).insert()
	frappe.get_doc(
		doctype="Party Activity",
		title="侧门测试主题党日",
		activity_type="Themed Party Day",
		party_organization=world.orgs.branch_b,
		activity_date=today(),
		content=marker("ACTV"),
		organization_pairing=pairing.name,
		participants=[{"member": person, "hours": 2}],
	).insert()
	frappe.get_doc(
		doctype="Pioneer Post", member=person, post_name=marker("POST"), from_date=today()
	).insert()
	frappe.get_doc(
		doctype="Volunteer Service", member=person, service_date=today(), hours=3, service=marker("VOLS")
	).insert()
	frappe.get_doc(
		doctype="Volunteer Team",
		team_name="侧门测试志愿服务队",
		party_organization=world.orgs.branch_b,
		description=marker("TEAM"),
		team_members=[{"member": person}],
	).insert()
	# an honour of the person's (awarded: the route is the honours suites') and the study arranged for it
	award = frappe.get_doc(
		doctype="Commendation",
		award_type="Excellent Party Member",
		member=person,
		year=INCENTIVE_YEAR,
		citation="侧门测试表彰事迹",
	).insert()
	award.db_set({"workflow_state": "Awarded", "docstatus": 1})
	frappe.get_doc(
		doctype="Honour Arrangement",
		commendation=award.name,
		arrangement_kind="Study and Training",
		from_date=today(),
		to_date=today(),
		place=marker("HRAP"),
	).insert()


def plant_study(world, person: str) -> None:
	"""A young member of branch B with the planted person as his mentor, and a study session of
	branch B both attended (party_care/openness/study.py)."""
	import datetime

	year = getdate(today()).year
	young = make_member(
		world.orgs.branch_b,
		full_name="侧门测试青年党员",
		date_of_birth=datetime.date(year - 26, 3, 1),
		date_joined=datetime.date(year - 4, 7, 1),
		date_full_member=datetime.date(year - 3, 7, 1),
	).name
	frappe.get_doc(
		doctype="Study Mentorship", member=young, mentor=person, from_date=today(), notes=marker("MENT")
	).insert()
	frappe.get_doc(
		doctype="Study Session",
		topic="侧门测试集中学习",
		kind="Collective Study and Training",
		party_organization=world.orgs.branch_b,
		session_date=today(),
		hours=3,
		content=marker("STDY"),
		attendees=[{"member": person}, {"member": young, "remarks": marker("ATTR")}],
	).insert()


STUDY_RECORDS = ("Study Mentorship", "Study Session")

INCENTIVE_RECORDS = (
	"Party Building Assessment",
	"Party Building Rectification",
	"Organization Pairing",
	"Party Activity",
	"Pioneer Post",
	"Volunteer Service",
	"Volunteer Team",
	"Honour Arrangement",
)


def _describe(world, person: str) -> frappe._dict:
	p = frappe.db.get_value("Member", person, ["name", "id_number", "id_number_masked"], as_dict=True)
	versions = frappe.get_all("Version", filters={"ref_doctype": "Member", "docname": person}, pluck="data")
	old_ids = {c[1] for v in versions for c in json.loads(v).get("changed", []) if c[0] == "id_number"}
	case = frappe.db.get_value("Hardship Case", {"member": person}, "name")
	records = {
		"Member": [person],
		"Hardship Case": [case],
		"Visit": frappe.get_all("Visit", filters={"member": person}, pluck="name"),
		"Member Event": frappe.get_all("Member Event", filters={"member": person}, pluck="name"),
		"Fund Application": frappe.get_all("Fund Application", filters={"member": person}, pluck="name"),
		"Fund Ledger Entry": frappe.get_all("Fund Ledger Entry", filters={"member": person}, pluck="name"),
	}
	for child in ("Hardship Family Member", "Hardship Helper", "Hardship Help Log"):
		records[child] = frappe.get_all(child, filters={"parent": case}, pluck="name")
	records["Visit Visitor"] = frappe.get_all(
		"Visit Visitor", filters={"parent": ["in", records["Visit"]]}, pluck="name"
	)
	for doctype in INCENTIVE_RECORDS:
		records[doctype] = frappe.get_all(
			doctype, filters={"party_organization": world.orgs.branch_b}, pluck="name"
		)
	for doctype in STUDY_RECORDS:
		records[doctype] = frappe.get_all(
			doctype, filters={"party_organization": world.orgs.branch_b}, pluck="name"
		)
	for child, parent in (
		("Study Session Attendee", "Study Session"),
		("Party Building Assessment Score", "Party Building Assessment"),
		("Party Activity Participant", "Party Activity"),
		("Volunteer Team Member", "Volunteer Team"),
	):
		records[child] = frappe.get_all(
			child, filters={"parent": ["in", records[parent] or [""]]}, pluck="name"
		)
	return frappe._dict(
		person=person,
		id_number=p.id_number,
		old_ids=old_ids,
		id_masked=p.id_number_masked,
		fund=frappe.db.get_value("Fund Application", records["Fund Application"][0], "care_fund"),
		case=case,
		records=records,
		# the visit planted with its markers and sec_b's to-do (the event's visit gets its to-do by a job)
		visit=frappe.db.get_value("Visit", {"member": person, "place": marker("PLAC")}, "name"),
		own_case=frappe.db.get_value("Hardship Case", {"member": world.members.mem_b}, "name"),
		level1={  # marker → the DocType whose level-1 read it needs
			p.id_number: "Member",
			**{old: "Member" for old in old_ids},
			marker("SITU"): "Hardship Case",
			marker("CAUS"): "Hardship Case",
			marker("FAMN"): "Hardship Case",
			marker("HLTH"): "Hardship Case",
			marker("NOTE"): "Visit",
			marker("DETL"): "Member Event",
			marker("OWNS"): "Hardship Case",
			marker("HVER"): "Hardship Case",
			# grades and rectification notes: who reads level 1 of the assessment
			marker("OPIN"): "Party Building Assessment",
			marker("RECT"): "Party Building Assessment",
		},
		row_markers=[
			marker(k)
			for k in (
				"AGRE",
				"HLOG",
				"PLAC",
				"REAS",
				"RPRT",
				"PAIR",
				"ACTV",
				"POST",
				"VOLS",
				"TEAM",
				"MENT",
				"STDY",
				"ATTR",
				"HRAP",
			)
		]
		+ [PERSON_NAME],
	)


def leaks(body: str, secrets) -> list[str]:
	"""The secrets found in a response body (raw or JSON-escaped)."""
	found = []
	for s in secrets:
		if s and (s in body or json.dumps(s)[1:-1] in body):
			found.append(s)
	return found


def frappe_endpoints_taking(doctype_args: set[str], other_args: set[str]) -> set[str]:
	"""Frappe's whitelisted methods (every module imported) whose parameters include one of
	`doctype_args` and one of `other_args` — the side-door suites enumerate what to classify."""
	import importlib
	import inspect
	import pkgutil

	for module in pkgutil.walk_packages(frappe.__path__, "frappe."):
		if any(part in module.name for part in (".tests", ".test_", ".patches", ".commands")):
			continue
		try:
			importlib.import_module(module.name)
		except Exception:  # optional integrations that need absent packages
			continue
	out = set()
	for fn in frappe.whitelisted:
		if not fn.__module__.startswith("frappe"):
			continue
		try:
			params = set(inspect.signature(fn).parameters)
		except (TypeError, ValueError):
			continue
		if params & doctype_args and params & other_args:
			out.add(f"{fn.__module__}.{fn.__name__}")
	return out
