"""Demo data: `bench --site SITE party-care-demo` fills a site with an organisation tree,
a few hundred members and one user per role, then prints how to log in."""

import datetime
import random

import frappe

from party_care import roles
from party_care.utils import id_number

DEMO_PASSWORD = "PartyCare@2026"
DEMO_LANG = "zh"
DEMO_DOMAIN = "demo.party-care.cn"
COMMITTEE = "示范单位党委"

# (name, type, parent, members, born between)
TREE = [
	(COMMITTEE, "Committee", None, 0, None),
	("机关党总支", "General Branch", COMMITTEE, 0, None),
	("办公室党支部", "Branch", "机关党总支", 34, (1966, 1998)),
	("组织人事党支部", "Branch", "机关党总支", 28, (1964, 1997)),
	("离退休党总支", "General Branch", COMMITTEE, 0, None),
	("离退休第一党支部", "Branch", "离退休党总支", 12, (1930, 1962)),
	("离退休第一党支部第一党小组", "Party Group", "离退休第一党支部", 40, (1928, 1960)),
	("离退休第一党支部第二党小组", "Party Group", "离退休第一党支部", 38, (1930, 1962)),
	("离退休第二党支部", "Branch", "离退休党总支", 50, (1932, 1963)),
	("后勤保障党支部", "Branch", COMMITTEE, 44, (1962, 2000)),
	("教学科研党支部", "Branch", COMMITTEE, 54, (1960, 1999)),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_MALE = "建国 建军 国强 志强 卫东 德明 海涛 永刚 振华 立新 文斌 明辉 红兵 学军 庆丰 宏伟 晓东 俊杰 浩然 子轩 海波 长青 正平 兴旺 家骏 毅 勇 军 伟 强 磊 涛 斌 超 鹏".split()
GIVEN_FEMALE = "秀英 桂兰 玉兰 淑珍 海燕 丽华 红梅 秀兰 晓燕 春梅 雪梅 慧敏 丽娟 静 敏 婷 芳 娜 莉 颖 佳怡 思琪 雨欣 凤英 玉珍 美华".split()
REGIONS = ["320102", "320104", "320105", "320106", "320111", "320113", "320114", "320115"]
WORK_UNITS = ["办公室", "组织人事处", "财务处", "后勤保障处", "教务处", "科研处", "图书馆", "信息中心"]
POSTS = ["科员", "副科长", "科长", "副处长", "处长", "工程师", "讲师", "副教授", "教授", "职工"]

DEMO_USERS = [
	# key, first name, roles, member of (organisation, secretary of)
	("admin", "系统管理员", ["System Manager"], None, None),
	("officer", "组织部干部", [roles.ORGANIZATION_OFFICER], None, None),
	("committee", "党委委员", [roles.COMMITTEE_MEMBER], None, None),
	("auditor", "监督员", [roles.CARE_AUDITOR], None, None),
	("secretary", "支部书记", [], "离退休第一党支部", "离退休第一党支部"),
	("gb-secretary", "总支书记", [], "离退休第二党支部", "离退休党总支"),
	("member", "普通党员", [], "离退休第一党支部第一党小组", None),
]


def skip_setup_wizard():
	"""Mark the site's setup as complete so the desk opens directly (demo and test sites only)."""
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	if frappe.db.has_column("Installed Application", "is_setup_complete"):
		frappe.db.set_value(
			"Installed Application",
			{"app_name": ["in", ["frappe", "party_care", "erpnext"]]},
			"is_setup_complete",
			1,
		)
	frappe.db.set_default("desktop:home_page", "workspace")
	from party_care.integrations.erpnext.setup import ensure_fiscal_year

	ensure_fiscal_year()  # ERPNext's desk asks for one covering today
	if "erpnext" in frappe.get_installed_apps():  # what ERPNext's wizard would set: amounts in yuan
		defaults = frappe.get_single("Global Defaults")
		if defaults.default_currency != "CNY":
			defaults.default_currency = "CNY"
			defaults.flags.ignore_permissions = True
			defaults.save()
	frappe.db.commit()


def localize_site():
	"""Chinese interface, Beijing time, yuan."""
	values = {
		"language": "zh",
		"time_zone": "Asia/Shanghai",
		"country": "China",
		"currency": "CNY",
		"date_format": "yyyy-mm-dd",
	}
	meta = frappe.get_meta("System Settings")
	for key, value in values.items():
		if meta.get_field(key):
			frappe.db.set_single_value("System Settings", key, value)
	frappe.db.set_default("lang", "zh")
	frappe.db.commit()


def make_demo(seed: int = 2026) -> dict:
	"""Create the demo organisation, members and users; idempotent (skips when present). The demo
	is a Chinese organisation: the texts the app writes on the way (notifications, citations) are
	Chinese too, whatever the shell's language (`bench party-care-demo` runs in English)."""
	lang = frappe.local.lang
	frappe.local.lang = DEMO_LANG
	try:
		return _make_demo(seed)
	finally:
		frappe.local.lang = lang


def _make_demo(seed: int) -> dict:
	frappe.set_user("Administrator")
	if frappe.db.exists("Party Organization", COMMITTEE):
		print(f"Demo data is already there ({COMMITTEE}).")
		return print_logins()
	rng = random.Random(seed)
	today = frappe.utils.getdate()
	sequence = 0
	members_by_org: dict[str, list[str]] = {}
	for name, org_type, parent, count, born_range in TREE:
		frappe.get_doc(
			doctype="Party Organization",
			organization_name=name,
			organization_type=org_type,
			parent_party_organization=parent,
			established_on=datetime.date(1985 + len(name) % 20, 7, 1),
		).insert()
		members_by_org[name] = []
		for _ in range(count):
			sequence += 1
			members_by_org[name].append(_make_member(rng, name, born_range, today, sequence).name)

	for key, first_name, user_roles, member_org, secretary_of in DEMO_USERS:
		email = f"{key}@{DEMO_DOMAIN}"
		if not frappe.db.exists(
			"User", email
		):  # a site whose demo organisations were removed keeps its users
			user = frappe.get_doc(
				doctype="User",
				email=email,
				first_name=first_name,
				send_welcome_email=0,
				language="zh",
				new_password=DEMO_PASSWORD,
				roles=[{"role": r} for r in user_roles],
			)
			user.flags.ignore_password_policy = True
			user.insert(ignore_permissions=True)
		if member_org:
			member = frappe.get_doc("Member", _pick_full_member(members_by_org[member_org]))
			member.user = email
			member.save()
			if secretary_of:
				org = frappe.get_doc("Party Organization", secretary_of)
				org.secretary = member.name
				org.save()
	# every branch gets a secretary (without a login) so the tree looks real
	for name, *_ in TREE:
		org = frappe.get_doc("Party Organization", name)
		if org.secretary or not members_by_org[name]:
			continue
		org.secretary = _pick_full_member(members_by_org[name])
		org.save()
	frappe.db.commit()
	print(f"Created {sequence} members in {len(TREE)} organisations.")
	make_demo_care(rng)
	frappe.db.commit()
	return print_logins()


# --- care work: a fund with money in it, applications along the route, visits -------------------

FUNDS = [("困难党员帮扶资金", "Hardship Assistance"), ("党员学习培训资金", "Study and Training")]
# purpose, amount requested, how far it gets
APPLICATIONS = [
	("Living Hardship Subsidy", 300, "Paid"),
	("Living Hardship Subsidy", 260, "Paid"),
	("Serious Illness or Disaster Relief", 3000, "Paid"),
	("Emergency Relief", 2000, "Paid"),
	("Serious Illness or Disaster Relief", 2500, "Public Notice"),
	("Living Hardship Subsidy", 300, "Public Notice"),
	("Children's Schooling", 1500, "Committee Review"),
	("Serious Illness or Disaster Relief", 1800, "Department Review"),
	("Living Hardship Subsidy", 240, "Branch Review"),
	("Serious Illness or Disaster Relief", 1200, "Branch Review"),
	("Living Hardship Subsidy", 280, "Draft"),
	("Children's Schooling", 5000, "Rejected"),
]
ROUTE = ["Submit", "Pass Branch Review", "Accept", "Approve", "Close Notice", "Pay"]


def _user(key):
	return f"{key}@{DEMO_DOMAIN}"


def _act(name, action, user, **values):
	from frappe.model.workflow import apply_workflow

	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Fund Application", name)
		if values:
			doc.update(values)
			doc.save()
		apply_workflow(doc, action)
	finally:
		frappe.set_user("Administrator")


def make_demo_care(rng):
	from frappe.utils import add_days, add_to_date, now_datetime, today

	from party_care.care_fund import ledger
	from party_care.care_visits.visits import generate_campaign_visits

	for name, fund_type in FUNDS:
		frappe.get_doc(doctype="Care Fund", fund_name=name, fund_type=fund_type, committee=COMMITTEE).insert()
	main_fund = FUNDS[0][0]
	ledger.post(main_fund, "Allocation", 50000, remarks="单位行政拨款")
	ledger.post(FUNDS[1][0], "Allocation", 20000, remarks="单位行政拨款")
	for name, org_type, *_ in TREE:
		if org_type == "Branch":
			ledger.post(
				main_fund,
				"Dues Share",
				rng.randint(8, 30) * 100,
				party_organization=name,
				remarks="党费10%划拨",
			)
	# applications from the retired branches, which the demo secretaries oversee
	candidates = frappe.get_all(
		"Member",
		filters={
			"party_organization": ["descendants of (inclusive)", "离退休党总支"],
			"member_status": "Full",
			"user": ["is", "not set"],
		},
		pluck="name",
		order_by="date_of_birth asc",
	)
	for (purpose, amount, target), member in zip(APPLICATIONS, candidates, strict=False):
		org = frappe.db.get_value("Member", member, "party_organization")
		secretary = _user("secretary") if org.startswith("离退休第一党支部") else _user("gb-secretary")
		frappe.set_user(secretary)
		app = (
			frappe.get_doc(
				doctype="Fund Application",
				member=member,
				care_fund=main_fund,
				purpose=purpose,
				amount_requested=amount,
				reason="年老多病，收入较低，生活困难",
			)
			.insert()
			.name
		)
		frappe.set_user("Administrator")
		if target == "Draft":
			continue
		values = {
			"Pass Branch Review": dict(
				branch_meeting_date=today(),
				branch_resolution="经支部党员大会评议，同意上报",
				votes_for=rng.randint(15, 30),
				votes_against=0,
				votes_abstain=rng.randint(0, 2),
			),
			"Accept": dict(department_opinion="经核实，情况属实，符合帮扶条件"),
			"Approve": dict(
				committee_meeting_date=today(), committee_decision="党委会议研究同意", amount_approved=amount
			),
			"Pay": dict(payment_method="Signed Receipt"),
		}
		actors = {
			"Submit": secretary,
			"Pass Branch Review": secretary,
			"Accept": _user("officer"),
			"Approve": _user("committee"),
			"Close Notice": _user("officer"),
			"Pay": _user("officer"),
		}
		for action in ROUTE:
			if target == "Rejected" and action == "Approve":
				_act(app, "Reject", _user("committee"), rejection_reason="超出帮扶范围")
				break
			state = frappe.db.get_value("Fund Application", app, "workflow_state")
			if state == target:
				break
			if action == "Close Notice" and state != "Public Notice":
				continue
			if action == "Close Notice":
				frappe.db.set_value(
					"Fund Application",
					app,
					{
						"notice_start": add_days(now_datetime(), -6),
						"notice_end": add_to_date(now_datetime(), minutes=-1),
					},
					update_modified=False,
				)
			_act(app, action, actors[action], **values.get(action, {}))
	# events that open visits, some done; a Spring Festival campaign for the retired
	reasons = [
		"Hospitalisation or Serious Illness",
		"Death in the Family",
		"Special Hardship",
		"Retirement",
		"Change of Post",
		"Disaster or Accident",
	]
	members = frappe.get_all(
		"Member", filters={"member_status": "Full"}, pluck="name", order_by="name", limit=60
	)
	for i, member in enumerate(rng.sample(members, 12)):
		event = frappe.get_doc(
			doctype="Member Event",
			member=member,
			event_type=reasons[i % len(reasons)],
			event_date=add_days(today(), -rng.randint(0, 20)),
			details="本人或家属报告",
		).insert()
		if i % 3 == 0:
			_complete_visit(event.visit, rng)
	campaign = (
		frappe.get_doc(
			doctype="Visit Campaign",
			campaign_name=f"{today()[:4]}年春节走访慰问",
			occasion="Spring Festival",
			year=int(today()[:4]),
			party_organization="离退休党总支",
			due_date=add_days(today(), 30),
		)
		.insert()
		.name
	)
	generate_campaign_visits(campaign)
	for visit in frappe.get_all("Visit", filters={"campaign": campaign}, pluck="name", order_by="name"):
		if rng.random() < 0.4:
			_complete_visit(visit, rng)
	make_demo_hardship(rng)
	make_demo_honours()
	print("Created care funds, fund applications along the route, events, visits, a holiday campaign,")
	print("hardship cases with their helpers, and nominations for the 50-years medal.")


HARDSHIP = [
	("Illness", "Serious"),
	("Elderly without Fixed Income", "General"),
	("Disability", "Serious"),
	("Low Income", "General"),
	("Accident", "Urgent"),
	("Bereavement", "General"),
	("Illness", "Urgent"),
	("Children's Schooling", "General"),
	("Unemployment", "General"),
	("Disaster", "Serious"),
]


def make_demo_hardship(rng):
	from frappe.utils import add_days, today

	# in the retired members' branches, which the demo secretaries oversee
	members = frappe.get_all(
		"Member",
		filters={
			"member_status": "Full",
			"user": ["is", "not set"],
			"party_organization": ["descendants of (inclusive)", "离退休党总支"],
		},
		or_filters={
			"is_low_income": 1,
			"is_chronically_ill": 1,
			"is_incapacitated": 1,
			"on_minimum_allowance": 1,
		},
		pluck="name",
		order_by="date_of_birth",
	)
	for i, member in enumerate(members[: len(HARDSHIP)]):
		hardship_type, level = HARDSHIP[i]
		org = frappe.db.get_value("Member", member, "party_organization")
		helpers = frappe.get_all(
			"Member",
			filters={"party_organization": org, "member_status": "Full", "name": ["!=", member]},
			pluck="name",
			limit=2,
		)
		frappe.get_doc(
			doctype="Hardship Case",
			member=member,
			hardship_type=hardship_type,
			hardship_level=level,
			status="Under Assistance" if i % 3 else "Open",
			registered_on=add_days(today(), -rng.randint(30, 420)),
			next_review_date=add_days(today(), rng.randint(-20, 300)),
			situation="本人长期患病，家庭收入主要依靠退休金和子女补贴",
			causes="医疗支出大，家庭收入低",
			household_annual_income=rng.randint(12, 40) * 1000,
			family_members=[
				{
					"family_member_name": "家属" + str(i),
					"relation": "配偶",
					"age": rng.randint(55, 85),
					"health": rng.choice(["良好", "一般", "较差"]),
				}
			],
			helpers=[
				{"helper": h, "agreed_measures": "每月上门走访，帮助解决实际困难"}
				for h in helpers[: (0 if i % 4 == 0 else 1)]
			],
			measures="送去慰问金和生活用品，协调医疗报销",
		).insert()


def make_demo_honours():
	from frappe.utils import getdate

	from party_care.honours.eligibility import create_nominations, medal_candidates

	year = getdate().year
	candidates = [row["member"] for row in medal_candidates(year)][:8]
	if candidates:
		create_nominations("50 Years in the Party medal", year, candidates)


def _complete_visit(name, rng):
	from frappe.utils import today

	visit = frappe.get_doc("Visit", name)
	secretary = frappe.db.get_value("Member", {"user": _user("secretary")}, "name")
	visit.update(
		{
			"status": "Done",
			"visit_date": today(),
			"place": "党员家中",
			"notes": rng.choice(
				["身体状况良好，感谢组织关心", "行动不便，需定期探望", "子女在外地，生活基本自理"]
			),
			"gifts": rng.choice(["米、油", "慰问品一份", "鲜花、水果"]),
		}
	)
	visit.append("visitors", {"visitor": secretary})
	visit.save()


def _pick_full_member(names: list[str]) -> str:
	return frappe.get_all(
		"Member",
		filters={"name": ["in", names], "member_status": "Full", "user": ["is", "not set"]},
		pluck="name",
		order_by="name",
		limit=1,
	)[0]


def _make_member(rng, organization, born_range, today, sequence):
	gender = "Male" if rng.random() < 0.58 else "Female"
	given = rng.choice(GIVEN_MALE if gender == "Male" else GIVEN_FEMALE)
	born = datetime.date(rng.randint(*born_range), rng.randint(1, 12), rng.randint(1, 28))
	earliest_join = datetime.date(born.year + 18, born.month, born.day)
	latest_join = min(today - datetime.timedelta(days=30), datetime.date(born.year + 45, 12, 31))
	joined = earliest_join + datetime.timedelta(
		days=rng.randint(0, max((latest_join - earliest_join).days, 0))
	)
	full = joined + datetime.timedelta(days=365)
	status = "Full" if full <= today else "Probationary"
	age = today.year - born.year
	elderly = age >= 60
	values = dict(
		doctype="Member",
		full_name=rng.choice(SURNAMES) + given,
		gender=gender,
		date_of_birth=born,
		id_number=id_number.make(rng.choice(REGIONS), born, sequence * 2 + (1 if gender == "Male" else 0)),
		phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
		party_organization=organization,
		member_status=status,
		date_joined=joined,
		date_full_member=full if status == "Full" else None,
		is_retired=1 if age >= 60 else 0,
		work_unit=rng.choice(WORK_UNITS),
		post=rng.choice(POSTS),
		is_living_alone=int(elderly and rng.random() < 0.15),
		is_widowed_or_childless=int(elderly and rng.random() < 0.06),
		is_incapacitated=int(elderly and rng.random() < 0.08),
		is_chronically_ill=int(rng.random() < (0.3 if elderly else 0.05)),
		on_minimum_allowance=int(rng.random() < 0.03),
		is_low_income=int(rng.random() < 0.07),
		is_unemployed_or_landless=int(not elderly and rng.random() < 0.02),
		is_migrant_worker=int(not elderly and rng.random() < 0.03),
		is_mobile_member=int(not elderly and rng.random() < 0.04),
		is_duty_martyr_family=int(rng.random() < 0.01),
	)
	return frappe.get_doc(values).insert()


def print_logins() -> dict:
	logins = {f"{key}@{DEMO_DOMAIN}": first_name for key, first_name, *_ in DEMO_USERS}
	print(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
	for email, title in logins.items():
		print(f"  {email:<40} {title}")
	return logins
