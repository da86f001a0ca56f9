"""What the measures need on the benchmark site besides the generated data (benchmarks/generate.py):
the officer's and a branch secretary's logins (as production gives them: Committee Posts, the
branch's secretary) and, for the REST measure, documents waiting for one workflow step."""

import json

OFFICER = "bench-officer@party-care.test"
SECRETARY = "bench-secretary@party-care.test"
PASSWORD = "Bench@2026-pc"


def committee_officer(c: int) -> str:
	"""The Organization Officer of the province's committee c (a Committee Post there)."""
	return f"bench-officer-{c + 1:02d}@party-care.test"


def _ensure_user(frappe, email, role):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			doctype="User",
			email=email,
			first_name=email.split("@")[0],
			send_welcome_email=0,
			new_password=PASSWORD,
			roles=[{"role": role}],
		).insert(ignore_permissions=True)


def _ensure_post(frappe, user, committee, role="Organization Officer"):
	"""A Committee Post through its controller: the user's role and User Permission on the
	committee come from sync_committee_post, as in production."""
	if not frappe.db.exists("Committee Post", {"user": user, "committee": committee, "role": role}):
		frappe.get_doc(doctype="Committee Post", user=user, committee=committee, role=role).insert(
			ignore_permissions=True
		)


def ensure_users(frappe, committees=None):
	"""An Organization Officer and the secretary of one branch (through the controller, so he gets
	his User Permission on the tree exactly as in production). In a province: the officer holds a
	post in the work committee, and each committee has its officer with a post in it."""
	from generate import committee_name, first_branch, root

	for email, role in ((OFFICER, "Organization Officer"), (SECRETARY, "Party Member")):
		_ensure_user(frappe, email, role)
	ctx = {"committee": root(committees)}
	if committees:
		_ensure_post(frappe, OFFICER, root(committees))
		for c in range(committees):
			_ensure_user(frappe, committee_officer(c), "Party Member")
			_ensure_post(frappe, committee_officer(c), committee_name(c))
		ctx.update(one_committee=committee_name(0), committee_officer=committee_officer(0))
	branch = first_branch(committees)
	secretary = frappe.db.get_value(
		"Member", {"party_organization": branch, "member_status": "Full"}, "name", order_by="name"
	)
	if frappe.db.get_value("Member", secretary, "user") != SECRETARY:
		frappe.db.set_value("Member", {"user": SECRETARY}, "user", None)
		frappe.db.set_value("Member", secretary, "user", SECRETARY)
	org = frappe.get_doc("Party Organization", branch)
	org.secretary = None
	org.save()
	org.secretary = secretary
	org.save()
	frappe.db.commit()
	ctx["branch"] = branch
	return ctx


BENCH_FLOW = "基准待办流程"


def workflow_fixtures(frappe, ctx, n):
	"""n applications in Branch Review (the secretary's branch, branch meeting recorded) and n in
	Department Review (across the tree, opinion written), n open ToDos, and the ToDo workflow;
	returns {who: (app call, baseline call)} for the REST measure."""
	import itertools

	drop_workflow_fixtures(frappe)
	stamp, day = frappe.utils.now(), frappe.utils.today()
	secretary_member = frappe.db.get_value("Member", {"user": SECRETARY}, "name")
	common = """insert into `tabFund Application` (name, owner, modified_by, creation, modified, docstatus, idx,
			member, member_name, party_organization, application_date, care_fund, purpose, amount_requested, reason,
			workflow_state, applied_by, branch_meeting_date, branch_resolution, votes_for, votes_against, votes_abstain,
			department_opinion)
		select concat(%(prefix)s, lpad(x.k, 4, '0')), 'Administrator', 'Administrator', %(stamp)s, %(stamp)s, 0, 0,
			x.name, x.full_name, x.party_organization, %(day)s, %(fund)s, 'Living Hardship Subsidy', 100, '基准流程',
			%(state)s, 'Administrator', %(day)s, '同意上报', 20, 1, 2, %(opinion)s
		from (select m.name, m.full_name, m.party_organization, row_number() over (order by m.name) k
			from `tabMember` m where {where} and m.member_status = 'Full' and m.name != %(secretary)s
			order by m.name limit {n}) x"""
	from generate import FUND

	values = {"stamp": stamp, "day": day, "fund": FUND, "secretary": secretary_member}
	# the branch has ~50 members: each gets a few (100 each, far below the yearly cap)
	copy = 0
	while frappe.db.count("Fund Application", {"name": ["like", "FAW-S%"]}) < n and copy < 50:
		frappe.db.sql(
			common.format(where="m.party_organization = %(branch)s", n=n),
			dict(values, branch=ctx["branch"], prefix=f"FAW-S{copy}-", state="Branch Review", opinion=None),
		)
		copy += 1
	frappe.db.sql(
		common.format(where="m.name like 'PMB-%%' and m.party_organization != %(branch)s", n=n),
		dict(values, branch=ctx["branch"], prefix="FAW-O-", state="Department Review", opinion="情况属实"),
	)
	frappe.db.bulk_insert(
		"ToDo",
		[
			"name",
			"owner",
			"modified_by",
			"creation",
			"modified",
			"status",
			"description",
			"allocated_to",
			"priority",
		],
		[
			(
				f"bench-wf-{i:04d}",
				"Administrator",
				"Administrator",
				stamp,
				stamp,
				"Open",
				f"bench-wf-{i}",
				"Administrator",
				"Medium",
			)
			for i in range(2 * n)
		],
	)
	# as in production, each document waits with its open Workflow Action for the role of its state
	# (Frappe creates it when the state is entered; these rows were made by SQL)
	for doctype, pattern, role_sql in (
		(
			"Fund Application",
			"FAW-%%",
			"if(d.workflow_state = 'Branch Review', 'Branch Secretary', 'Organization Officer')",
		),
		("ToDo", "bench-wf-%%", "'System Manager'"),
	):
		state = "d.workflow_state" if doctype == "Fund Application" else "d.status"
		frappe.db.sql(
			f"""insert into `tabWorkflow Action` (name, owner, creation, modified, modified_by, docstatus, idx,
				status, reference_name, reference_doctype, workflow_state)
			select concat('wfa-', d.name), 'Administrator', %(stamp)s, %(stamp)s, 'Administrator', 0, 0, 'Open', d.name,
				%(doctype)s, {state} from `tab{doctype}` d where d.name like '{pattern}'""",
			{"stamp": stamp, "doctype": doctype},
		)
		frappe.db.sql(
			f"""insert into `tabWorkflow Action Permitted Role` (name, owner, creation, modified, modified_by,
				docstatus, idx, parent, parenttype, parentfield, role)
			select concat('wfr-', d.name), 'Administrator', %(stamp)s, %(stamp)s, 'Administrator', 0, 1, concat('wfa-', d.name),
				'Workflow Action', 'permitted_roles', {role_sql} from `tab{doctype}` d where d.name like '{pattern}'""",
			{"stamp": stamp},
		)
	for doctype, field, value in (
		("Workflow State", "workflow_state_name", "Open"),
		("Workflow State", "workflow_state_name", "Closed"),
		("Workflow Action Master", "workflow_action_name", "Close"),
	):
		if not frappe.db.exists(doctype, value):
			frappe.get_doc({"doctype": doctype, field: value}).insert(ignore_permissions=True)
	frappe.get_doc(
		doctype="Workflow",
		workflow_name=BENCH_FLOW,
		document_type="ToDo",
		is_active=1,
		workflow_state_field="status",
		send_email_alert=0,
		states=[
			{"state": "Open", "doc_status": "0", "allow_edit": "System Manager"},
			{"state": "Closed", "doc_status": "0", "allow_edit": "System Manager"},
		],
		transitions=[
			{
				"state": "Open",
				"action": "Close",
				"next_state": "Closed",
				"allowed": "System Manager",
				"allow_self_approval": 1,
			}
		],
	).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.clear_cache(doctype="ToDo")
	sec = frappe.get_all(
		"Fund Application", filters={"name": ["like", "FAW-S%"]}, pluck="name", order_by="name"
	)
	off = frappe.get_all(
		"Fund Application", filters={"name": ["like", "FAW-O-%"]}, pluck="name", order_by="name"
	)
	todos = [f"bench-wf-{i:04d}" for i in range(2 * n)]
	assert len(sec) >= n and len(off) >= n, (len(sec), len(off))
	url_of = {}

	def step(doctype, names, action):
		taken = itertools.count()

		def call(s, i):
			name = names[next(taken)]
			return s.post(
				url_of["url"] + "/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": json.dumps({"doctype": doctype, "name": name}), "action": action},
			)

		return call

	todo_step = step("ToDo", todos, "Close")
	return _Steps(
		url_of,
		{
			"secretary": (step("Fund Application", sec, "Pass Branch Review"), todo_step),
			"officer": (step("Fund Application", off, "Accept"), todo_step),
		},
	)


class _Steps(dict):
	"""The calls need the served URL, known once gunicorn is up."""

	def __init__(self, url_of, calls):
		super().__init__(calls)
		self.url_of = url_of


def drop_workflow_fixtures(frappe):
	if frappe.db.exists("Workflow", BENCH_FLOW):
		frappe.delete_doc("Workflow", BENCH_FLOW, ignore_permissions=True, force=True)
	frappe.db.sql("delete from `tabFund Application` where name like 'FAW-%%'")
	frappe.db.sql(
		"delete from `tabVersion` where ref_doctype in ('Fund Application', 'ToDo') and "
		"(docname like 'FAW-%%' or docname like 'bench-wf-%%')"
	)
	frappe.db.sql("delete from `tabToDo` where name like 'bench-wf-%%'")
	frappe.db.sql(
		"delete from `tabWorkflow Action Permitted Role` where parent in (select name from `tabWorkflow Action` "
		"where reference_name like 'FAW-%%' or reference_name like 'bench-wf-%%')"
	)
	frappe.db.sql(
		"delete from `tabWorkflow Action` where reference_name like 'FAW-%%' or reference_name like 'bench-wf-%%'"
	)
	frappe.db.commit()
	frappe.clear_cache(doctype="ToDo")
