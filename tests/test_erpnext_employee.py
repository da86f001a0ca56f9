"""With ERPNext: members who are employees. Create Member from an Employee (form and bulk), keep it
in step when the Employee changes, and offer the member events an Employee's exit calls for."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, today

from party_care.exceptions import EmployeeMemberError
from party_care.integrations.erpnext import employees
from party_care.utils import id_number
from tests.support import erpnext_world as ew

pytestmark = pytest.mark.skipif(
	not ew.installed(), reason="ERPNext is not installed on this site: ERPNext integration tests SKIPPED"
)


@pytest.fixture(scope="module")
def erp(world):
	return ew.build()


@pytest.fixture(autouse=True)
def id_number_field(erp):
	frappe.db.set_single_value("Party Care Settings", "employee_id_number_field", "passport_number")


def create(erp, world, employee, **kwargs):
	kwargs.setdefault("date_full_member", "2002-07-01")
	frappe.set_user(erp.hr_officer)
	try:
		return employees.create_member(
			employee,
			kwargs.pop("party_organization", world.orgs.branch_a),
			kwargs.pop("date_joined", "2001-07-01"),
			**kwargs,
		)
	finally:
		frappe.set_user("Administrator")


def test_create_member_from_employee_carries_its_data(world, erp):
	emp = ew.make_employee(
		"孙建华",
		gender="Female",
		date_of_birth="1975-05-04",
		department=erp.department,
		designation="高级工程师",
		cell_number="13800000001",
	)
	name = create(erp, world, emp.name, member_status="Full", date_full_member="2002-07-01")
	member = frappe.get_doc("Member", name)
	assert member.employee == emp.name
	assert member.full_name == "孙建华"
	assert member.gender == "Female"
	assert str(member.date_of_birth) == "1975-05-04"
	assert member.work_unit == f"{ew.COMPANY} 党群工作部"
	assert member.post == "高级工程师"
	assert member.phone == "13800000001"
	assert member.party_organization == world.orgs.branch_a


def test_id_number_comes_from_the_employee_field_the_settings_name(world, erp):
	emp = ew.make_employee("钱国庆", date_of_birth=datetime.date(1980, 3, 9))
	member = frappe.get_doc("Member", create(erp, world, emp.name))
	assert member.id_number == emp.passport_number


def test_without_an_id_number_on_the_employee_it_is_asked_for(world, erp):
	born = datetime.date(1981, 4, 2)
	emp = ew.make_employee("钱国强", date_of_birth=born, passport_number="")
	with pytest.raises(frappe.ValidationError, match="ID Number"):
		create(erp, world, emp.name)
	typed = id_number.make("110101", born, 17)
	assert frappe.db.get_value("Member", create(erp, world, emp.name, id_number=typed), "id_number") == typed


def test_member_follows_the_employee(world, erp):
	emp = ew.make_employee("李红梅", gender="Female")
	name = create(erp, world, emp.name)
	emp.reload()
	emp.first_name = "李红英"
	emp.designation = "高级工程师"
	emp.department = erp.department
	emp.save(ignore_permissions=True)
	member = frappe.get_doc("Member", name)
	assert (member.full_name, member.post, member.work_unit) == (
		"李红英",
		"高级工程师",
		f"{ew.COMPANY} 党群工作部",
	)


def test_an_employee_change_the_member_refuses_does_not_block_hr(world, erp):
	emp = ew.make_employee("周海", date_of_birth=datetime.date(1970, 1, 1))
	name = create(erp, world, emp.name)
	emp.reload()
	emp.date_of_birth = "1971-02-02"  # disagrees with the member's ID number
	emp.save(ignore_permissions=True)
	assert str(frappe.db.get_value("Employee", emp.name, "date_of_birth")) == "1971-02-02"
	assert str(frappe.db.get_value("Member", name, "date_of_birth")) == "1970-01-01"


def test_an_employee_becomes_one_member_only(world, erp):
	emp = ew.make_employee("吴刚")
	create(erp, world, emp.name)
	with pytest.raises(EmployeeMemberError):
		create(erp, world, emp.name)


def test_bulk_create_reports_those_it_could_not_make(world, erp):
	first = ew.make_employee("郑一").name
	already = ew.make_employee("郑二").name
	third = ew.make_employee("郑三").name
	no_id = ew.make_employee("郑四", passport_number="").name
	create(erp, world, already)
	frappe.set_user(erp.hr_officer)
	result = employees.create_members(
		[first, already, no_id, third], world.orgs.branch_b, "1999-07-01", "Full", "2000-07-01"
	)
	frappe.set_user("Administrator")
	assert len(result["created"]) == 2
	assert [f["employee"] for f in result["failed"]] == [already, no_id]
	assert "ID Number" in result["failed"][1]["reason"]
	assert not frappe.db.exists("Member", {"employee": no_id})
	assert set(
		frappe.get_all("Member", filters={"employee": ["in", [first, third]]}, pluck="party_organization")
	) == {world.orgs.branch_b}


def test_a_party_member_cannot_create_members_from_employees(world, erp):
	emp = ew.make_employee("冯五").name
	frappe.set_user(world.users.mem_a)
	with pytest.raises(frappe.PermissionError):
		employees.create_member(emp, world.orgs.branch_a, "2001-07-01")


def test_relieving_offers_transfer_and_condolence_through_the_member_event_route(world, erp):
	emp = ew.make_employee("陈立")
	member = create(erp, world, emp.name)
	assert employees.employee_member(emp.name)["offers"] == []
	emp.reload()
	emp.relieving_date = add_days(today(), -1)
	emp.status = "Left"
	emp.save(ignore_permissions=True)
	frappe.set_user(erp.hr_officer)
	info = employees.employee_member(emp.name)
	assert info["member"] == member
	assert [o["event_type"] for o in info["offers"]] == ["Joining or Transfer", "Death of Member"]
	result = employees.report_employee_event(emp.name, "Joining or Transfer", str(emp.relieving_date))
	frappe.set_user("Administrator")
	event = frappe.get_doc("Member Event", result["event"])
	assert (event.member, event.event_type, str(event.event_date)) == (
		member,
		"Joining or Transfer",
		str(emp.relieving_date),
	)
	assert event.visit  # the route opened the talk, due within the reason's days
	frappe.set_user(erp.hr_officer)
	assert [o["event_type"] for o in employees.employee_member(emp.name)["offers"]] == ["Death of Member"]


def test_retirement_offers_the_retirement_talk(world, erp):
	emp = ew.make_employee("褚明", date_of_birth="1960-01-01")
	create(erp, world, emp.name)
	emp.reload()
	emp.date_of_retirement = add_days(today(), -3)
	emp.save(ignore_permissions=True)
	frappe.set_user(erp.hr_officer)
	assert [o["event_type"] for o in employees.employee_member(emp.name)["offers"]] == ["Retirement"]
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Member", {"employee": emp.name}, "is_retired") == 1


def test_only_exit_events_are_offered(world, erp):
	emp = ew.make_employee("卫东")
	create(erp, world, emp.name)
	with pytest.raises(EmployeeMemberError):
		employees.report_employee_event(emp.name, "Received Honours")


def test_create_member_over_http(world, erp, login):
	emp = ew.make_employee("蒋平")
	frappe.db.commit()
	try:
		payload = {
			"employee": emp.name,
			"party_organization": world.orgs.branch_a,
			"date_joined": "2001-07-01",
			"date_full_member": "2002-07-01",
		}
		r = login(world.users.mem_a).post(
			login(world.users.mem_a).base_url
			+ "/api/method/party_care.integrations.erpnext.employees.create_member",
			json=payload,
			timeout=60,
		)
		assert r.status_code == 403, r.text[:300]
		officer = login(world.users.officer)  # an officer without HR rights cannot read Employees
		r = officer.post(
			officer.base_url + "/api/method/party_care.integrations.erpnext.employees.create_member",
			json=payload,
			timeout=60,
		)
		assert r.status_code == 403, r.text[:300]
		hr = login(erp.hr_officer)
		r = hr.post(
			hr.base_url + "/api/method/party_care.integrations.erpnext.employees.create_member",
			json={**payload, "date_joined": "not a date"},
			timeout=60,
		)
		assert r.status_code == 417, r.text[:300]
		r = hr.post(
			hr.base_url + "/api/method/party_care.integrations.erpnext.employees.create_member",
			json=payload,
			timeout=60,
		)
		assert r.status_code == 200, r.text[:300]
		frappe.db.rollback()
		assert frappe.db.get_value("Member", {"employee": emp.name}, "name") == r.json()["message"]
		r = hr.post(
			hr.base_url + "/api/method/party_care.integrations.erpnext.employees.create_member",
			json=payload,
			timeout=60,
		)
		assert r.status_code == 417 and "EmployeeMemberError" in r.text
	finally:
		frappe.db.rollback()
		frappe.db.delete("Member", {"employee": emp.name})
		frappe.db.delete("Employee", {"name": emp.name})
		frappe.db.commit()
