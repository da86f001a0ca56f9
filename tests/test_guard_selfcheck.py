"""The list guard proves itself at start-up (party_care/guards/selfcheck.py): on this bench's
Frappe line a canary list query passes through the guarded point; with the patch taken away the
app refuses reads of its DocTypes — it fails closed, never open."""

import frappe
import pytest

from party_care import compat
from party_care.guards import install, list_query, selfcheck


@pytest.fixture
def guard_installed():
	install()
	yield
	list_query.install()
	reason = selfcheck.self_check()
	if reason:  # never leave the rest of the suite refused
		selfcheck._state.update(checked=True, broken=None)
	assert reason is None


def test_the_list_guard_is_on_the_path_of_this_frappe(guard_installed):
	assert selfcheck.self_check() is None


def test_without_the_patch_the_app_refuses_to_read_its_records(world, guard_installed):
	cls, method = compat.list_query_guard_point()
	list_query.uninstall(cls, method)
	reason = selfcheck.self_check()
	assert reason and "did not pass through" in reason
	frappe.set_user(world.users.officer)
	with pytest.raises(selfcheck.GuardNotInstalledError):
		frappe.get_list("Member", fields=["name"], limit=1)
	with pytest.raises(selfcheck.GuardNotInstalledError):
		frappe.has_permission("Member", "read", doc=world.members.mem_a)
	frappe.get_list("ToDo", fields=["name"], limit=1)  # other apps' DocTypes are not the app's to refuse
	frappe.set_user("Administrator")


def test_the_refusal_is_said_in_chinese(world, guard_installed):
	cls, method = compat.list_query_guard_point()
	list_query.uninstall(cls, method)
	selfcheck.self_check()
	frappe.local.lang = "zh"
	try:
		frappe.set_user(world.users.officer)
		with pytest.raises(selfcheck.GuardNotInstalledError) as refused:
			frappe.get_list("Hardship Case", fields=["name"], limit=1)
		assert "读取保护" in str(refused.value)
	finally:
		frappe.local.lang = "en"
		frappe.set_user("Administrator")
