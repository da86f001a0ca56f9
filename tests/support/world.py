"""The committed test world every test may read (built once per session on the test site).

    测试党委 (Committee)                       secretary: —
    ├── 测试第一党总支 (General Branch)          secretary: gb_sec
    │   └── 测试第一党支部 (Branch)              secretary: sec_a
    │       └── 测试第一党小组 (Party Group)     members: mem_a
    └── 测试第二党支部 (Branch)                  secretary: sec_b, members: mem_b

Users (password PASSWORD): sec_a, gb_sec, sec_b, mem_a, mem_b (each linked to a Member),
officer (Organization Officer), committee (Party Committee Member), auditor (Care Auditor).
"""

import frappe

from party_care import roles
from tests.support.factories import make_member, make_organization, make_user

PASSWORD = "Pc-test-2026!"
DOMAIN = "party-care.test"

COMMITTEE = "测试党委"
GENERAL_BRANCH = "测试第一党总支"
BRANCH_A = "测试第一党支部"
GROUP_A = "测试第一党小组"
BRANCH_B = "测试第二党支部"


def email(key: str) -> str:
	return f"{key}@{DOMAIN}"


def app_doctypes() -> list[str]:
	"""Every non-single DocType of the app, children included."""
	modules = frappe.get_all("Module Def", filters={"app_name": "party_care"}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ["in", modules], "issingle": 0}, pluck="name")


def wipe():
	"""Remove the app's records and test users' permissions from the dedicated test site."""
	site = frappe.local.site
	if "test" not in site and not frappe.conf.get("allow_tests"):
		raise RuntimeError(f"Refusing to wipe {site}: not a test site")
	for doctype in app_doctypes():
		frappe.db.delete(doctype)
	frappe.db.delete("User Permission", {"user": ["like", f"%@{DOMAIN}"]})
	frappe.db.delete("User Permission", {"allow": "Party Organization"})
	frappe.db.delete("Version", {"ref_doctype": ["in", app_doctypes()]})
	if frappe.get_meta("Party Care Settings").has_field("post_to_books"):  # ERPNext books: tests turn them on
		frappe.db.set_single_value("Party Care Settings", "post_to_books", 0)
	# the records the app ships (visit reasons, award types, …) come back as on install
	from party_care.install import after_migrate

	after_migrate()


def build() -> frappe._dict:
	frappe.set_user("Administrator")
	wipe()
	w = frappe._dict(password=PASSWORD)
	w.users = frappe._dict()
	# A System Manager first: Frappe gives that role to the first system user of a site otherwise.
	make_user(email("sysadmin"), ["System Manager"], password=PASSWORD, first_name="sysadmin")
	for key, user_roles in {
		"sec_a": [roles.PARTY_MEMBER],
		"gb_sec": [roles.PARTY_MEMBER],
		"sec_b": [roles.PARTY_MEMBER],
		"mem_a": [roles.PARTY_MEMBER],
		"mem_b": [roles.PARTY_MEMBER],
		"officer": [roles.ORGANIZATION_OFFICER],
		"committee": [roles.COMMITTEE_MEMBER],
		"auditor": [roles.CARE_AUDITOR],
	}.items():
		make_user(email(key), user_roles, password=PASSWORD, first_name=key)
		w.users[key] = email(key)

	make_organization(COMMITTEE, "Committee")
	make_organization(GENERAL_BRANCH, "General Branch", COMMITTEE)
	make_organization(BRANCH_A, "Branch", GENERAL_BRANCH)
	make_organization(GROUP_A, "Party Group", BRANCH_A)
	make_organization(BRANCH_B, "Branch", COMMITTEE)
	w.orgs = frappe._dict(
		committee=COMMITTEE,
		general_branch=GENERAL_BRANCH,
		branch_a=BRANCH_A,
		group_a=GROUP_A,
		branch_b=BRANCH_B,
	)

	m = w.members = frappe._dict()
	m.sec_a = make_member(BRANCH_A, full_name="张建国", user=email("sec_a")).name
	m.gb_sec = make_member(BRANCH_A, full_name="李卫东", user=email("gb_sec")).name
	m.mem_a = make_member(GROUP_A, full_name="王秀英", gender="Female", user=email("mem_a")).name
	m.other_a = make_member(BRANCH_A, full_name="赵志强").name
	m.sec_b = make_member(BRANCH_B, full_name="陈海燕", gender="Female", user=email("sec_b")).name
	m.mem_b = make_member(BRANCH_B, full_name="刘德明", user=email("mem_b")).name
	m.other_b = make_member(BRANCH_B, full_name="周淑珍", gender="Female").name

	for org, secretary in ((BRANCH_A, m.sec_a), (GENERAL_BRANCH, m.gb_sec), (BRANCH_B, m.sec_b)):
		doc = frappe.get_doc("Party Organization", org)
		doc.secretary = secretary
		doc.save()

	frappe.db.commit()
	return w


def members_under(organization):
	return set(
		frappe.get_all(
			"Member",
			filters={"party_organization": ["descendants of (inclusive)", organization]},
			pluck="name",
		)
	)


# --- two committees under an upper one (issue 22) -----------------------------------------------------
#
#   测试工委 (Committee, a root)              posts: up_officer, up_committee, up_auditor
#   ├── 测试甲党委 (Committee)               posts: c1_officer, c1_committee, c1_auditor
#   │   └── 测试甲党委第一支部 (Branch)       secretary: c1_sec, members: c1_mem
#   └── 测试乙党委 (Committee)               posts: c2_officer, c2_committee, c2_auditor
#       └── 测试乙党委第一支部 (Branch)       secretary: c2_sec, members: c2_mem
#
# Built by the modules that test committees (committed, removed at their end): while its posts exist
# the session world's officer, committee and auditor hold no post, so they read nothing of the app.

UPPER = "测试工委"
COMMITTEE_1 = "测试甲党委"
COMMITTEE_2 = "测试乙党委"
BRANCH_1 = "测试甲党委第一支部"
BRANCH_2 = "测试乙党委第一支部"
POST_ROLES = {
	"officer": roles.ORGANIZATION_OFFICER,
	"committee": roles.COMMITTEE_MEMBER,
	"auditor": roles.CARE_AUDITOR,
}


def build_committees(committed) -> frappe._dict:
	"""The tree above, its users and members and posts; everything named in `committed`."""
	frappe.set_user("Administrator")
	c = frappe._dict(orgs=frappe._dict(upper=UPPER, c1=COMMITTEE_1, c2=COMMITTEE_2, b1=BRANCH_1, b2=BRANCH_2))
	c.users, c.members = frappe._dict(), frappe._dict()
	for name, org_type, parent in (
		(UPPER, "Committee", None),
		(COMMITTEE_1, "Committee", UPPER),
		(COMMITTEE_2, "Committee", UPPER),
		(BRANCH_1, "Branch", COMMITTEE_1),
		(BRANCH_2, "Branch", COMMITTEE_2),
	):
		committed.add(make_organization(name, org_type, parent))
	for prefix in ("up", "c1", "c2"):
		for key in POST_ROLES:
			c.users[f"{prefix}_{key}"] = committed.add(
				make_user(email(f"{prefix}_{key}"), [], password=PASSWORD)
			).name
	for prefix, branch in (("c1", BRANCH_1), ("c2", BRANCH_2)):
		for key in ("sec", "mem"):
			c.users[f"{prefix}_{key}"] = committed.add(
				make_user(email(f"{prefix}_{key}"), [roles.PARTY_MEMBER], password=PASSWORD)
			).name
			c.members[f"{prefix}_{key}"] = committed.add(
				make_member(branch, user=c.users[f"{prefix}_{key}"])
			).name
		c.members[f"{prefix}_other"] = committed.add(make_member(branch)).name
		doc = frappe.get_doc("Party Organization", branch)
		doc.secretary = c.members[f"{prefix}_sec"]
		doc.save()
	for prefix, committee in (("up", UPPER), ("c1", COMMITTEE_1), ("c2", COMMITTEE_2)):
		for key, role in POST_ROLES.items():
			committed.add(make_post(c.users[f"{prefix}_{key}"], committee, role))
	frappe.db.commit()
	return c


def make_post(user: str, committee: str, role: str):
	return frappe.get_doc(doctype="Committee Post", user=user, committee=committee, role=role).insert()
