"""The desk shows each role its work: party roles see the app's workspace, not Frappe's Users,
Website, Tools, Integrations or Build; a System Manager keeps the full desk."""

import frappe
import pytest

FRAPPE_WORKSPACES = {"Users", "Website", "Tools", "Integrations", "Build"}  # (Frappe 16 has no Tools)


def frappe_workspaces() -> set[str]:
	return {w for w in FRAPPE_WORKSPACES if frappe.db.exists("Workspace", w)}


def sidebar(session) -> set[str]:
	r = session.get(
		f"{session.base_url}/api/method/frappe.desk.desktop.get_workspace_sidebar_items", timeout=30
	)
	assert r.status_code == 200, r.text[:300]
	return {page["name"] for page in r.json()["message"]["pages"]}


@pytest.mark.parametrize("key", ["sec_a", "officer", "committee", "auditor"])
def test_party_roles_see_their_workspace_not_frappes(world, login, key):
	pages = sidebar(login(world.users[key]))
	assert "Party Care" in pages
	assert not pages & FRAPPE_WORKSPACES, pages & FRAPPE_WORKSPACES
	assert frappe_workspaces(), "no Frappe workspace to hide: the test would prove nothing"


def test_system_manager_keeps_the_full_desk(world, login):
	from tests.support.world import email

	pages = sidebar(login(email("sysadmin")))
	assert frappe_workspaces() <= pages


def test_a_new_secretary_gets_the_party_desk(world):
	from party_care.desk.module_profile import MODULE_PROFILE

	user = frappe.get_doc("User", world.users.sec_b)
	assert user.module_profile == MODULE_PROFILE
	assert {"Core", "Website", "Automation", "Integrations"} <= {d.module for d in user.block_modules}
	assert not {"Organization", "Care Fund"} & {d.module for d in user.block_modules}


def _v16_desk():
	"""A Frappe 16 boot's sidebars and desktop icons, as frappe/boot.py hands them to boot_session."""
	sidebars = {
		"system": ("System", "Core"),
		"email": ("Email", "Email"),
		"party care": ("Party Care", "Organization"),
		"my workspaces": ("My Workspaces", None),
	}
	icons = [frappe._dict(label="Framework", icon_type="App")]
	for label, module in sidebars.values():
		parent = "Framework" if module in ("Core", "Email") else None
		icons.append(
			frappe._dict(
				label=label,
				icon_type="Link",
				link_type="Workspace Sidebar",
				link_to=label,
				parent_icon=parent,
			)
		)
	return frappe._dict(
		workspace_sidebar_item={
			key: {"label": label, "module": module} for key, (label, module) in sidebars.items()
		},
		desktop_icons=icons,
	)


def test_blocked_modules_leave_the_desktop_too(world):
	"""Frappe 16 keeps a sidebar whatever the Module Profile blocks (party_care/desk/boot.py)."""
	from party_care.desk.boot import hide_blocked_modules
	from tests.support.world import email

	frappe.set_user(world.users.sec_a)
	boot = _v16_desk()
	hide_blocked_modules(boot)
	assert set(boot.workspace_sidebar_item) == {"party care", "my workspaces"}
	assert [icon.label for icon in boot.desktop_icons] == [
		"Party Care",
		"My Workspaces",
	]  # no empty Framework
	frappe.set_user(email("sysadmin"))
	boot = _v16_desk()
	hide_blocked_modules(boot)
	assert len(boot.workspace_sidebar_item) == 4 and len(boot.desktop_icons) == 5
	frappe.set_user("Administrator")


def test_the_sidebar_heads_the_workspace_with_the_apps_chinese_title(world):
	"""Frappe 16's sidebar shows the app's title under the workspace's (party_care/desk/boot.py)."""
	from party_care.desk.boot import translate_app_titles

	lang = frappe.local.lang
	frappe.local.lang = "zh"
	try:
		boot = frappe._dict(app_data=[{"app_name": "party_care", "app_title": "Party Care"}])
		translate_app_titles(boot)
	finally:
		frappe.local.lang = lang
	assert boot.app_data[0]["app_title"] == "党内关怀"


def test_member_is_not_a_desk_user(world):
	assert frappe.db.get_value("User", world.users.mem_b, "user_type") == "Website User"


def test_member_picker_reads_statuses_in_chinese_and_keeps_the_scope(world, login):
	s = login(world.users.sec_b)
	r = s.get(
		f"{s.base_url}/api/method/frappe.desk.search.search_link",
		params={
			"doctype": "Member",
			"txt": "",
			"reference_doctype": "Commendation",
			"page_length": 50,
			"_lang": "zh",
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	results = r.json()["message"]
	labels = {row.get("label") for row in results}
	assert "刘德明" in labels and "王秀英" not in labels  # his branch only
	descriptions = " ".join(row["description"] for row in results)
	assert "正式党员" in descriptions and "Full" not in descriptions


def test_notice_page_top_bar_reads_home_in_chinese(world, login):
	s = login(world.users.mem_b)
	html = s.get(f"{s.base_url}/notices", params={"_lang": "zh"}, timeout=30).text
	assert "首页" in html


def test_organisation_and_case_pickers_read_option_values_in_chinese(world, login):
	s = login(world.users.officer)
	r = s.get(
		f"{s.base_url}/api/method/frappe.desk.search.search_link",
		params={"doctype": "Party Organization", "txt": "测试第二", "_lang": "zh"},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	row = next(x for x in r.json()["message"] if x["value"] == world.orgs.branch_b)
	assert "党支部" in row["description"] and "Branch" not in row["description"]


@pytest.mark.parametrize(
	"doctype", ["Member", "Fund Application", "Visit", "Party Organization", "Hardship Case"]
)
@pytest.mark.parametrize("txt", ["", "测试"])
def test_every_app_picker_answers(world, login, doctype, txt):
	s = login(world.users.sec_a)
	r = s.get(
		f"{s.base_url}/api/method/frappe.desk.search.search_link",
		params={"doctype": doctype, "txt": txt, "_lang": "zh"},
		timeout=30,
	)
	assert r.status_code == 200, r.text[:300]
	assert isinstance(r.json()["message"], list)
