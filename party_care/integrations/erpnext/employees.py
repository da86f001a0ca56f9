"""Members who are ERPNext Employees.

A Member links to an Employee (`Member.employee`, a custom field made only when ERPNext is
installed). "Create Member" on the Employee form, or on several Employees from their list, makes
the Member from the Employee's name, gender, birth date, ID number (where the Employee has such a
field), company and department (→ work unit), designation (→ post) and mobile number; the party
data (organisation, date of joining the party, status) are asked for. When the Employee changes,
its Members follow. An Employee's relieving, retirement or death is offered on the Employee form
as the matching member event (transfer talk, retirement talk, condolence visit), recorded through
the Member Event route (`party_care.care_visits.visits.report_event`).

The Employee doc_event is registered always and does nothing unless ERPNext is installed.
"""

import frappe
from frappe import _, bold
from frappe.utils import getdate, today

from party_care.exceptions import EmployeeMemberError
from party_care.integrations.erpnext.setup import erpnext_installed

# Member field ← how to read it from the Employee
GENDERS = {"Male": "Male", "Female": "Female", "男": "Male", "女": "Female"}
ID_NUMBER_FIELDS = ("id_number", "national_id", "identity_number")

TRANSFER_OUT = "Joining or Transfer"
RETIREMENT = "Retirement"
DEATH = "Death of Member"
# the member events an Employee's exit offers: event type → button label
OFFERED_EVENTS = {
	TRANSFER_OUT: "Transfer Out Talk",
	RETIREMENT: "Retirement Talk",
	DEATH: "Condolence Visit",
}


def member_values(employee) -> dict:
	"""What a Member takes from its Employee (only the fields the Employee has filled)."""
	values = {
		"full_name": employee.employee_name
		or " ".join(filter(None, (employee.first_name, employee.middle_name, employee.last_name))),
		"gender": GENDERS.get(employee.gender),
		"date_of_birth": employee.date_of_birth,
		"work_unit": work_unit(employee),
		"post": employee.designation,
		"phone": employee.get("cell_number"),
	}
	values["id_number"] = employee_id_number(employee)
	if employee.date_of_retirement and getdate(employee.date_of_retirement) <= getdate(today()):
		values["is_retired"] = 1
	return {k: v for k, v in values.items() if v}


def employee_id_number(employee) -> str | None:
	"""From the Employee field the settings name, else from a field commonly used for it."""
	meta = frappe.get_meta("Employee")
	chosen = frappe.db.get_single_value("Party Care Settings", "employee_id_number_field")
	for fieldname in ([chosen] if chosen else []) + list(ID_NUMBER_FIELDS):
		if meta.has_field(fieldname) and employee.get(fieldname):
			return employee.get(fieldname).strip()
	return None


def work_unit(employee) -> str:
	department = employee.department and frappe.db.get_value(
		"Department", employee.department, "department_name"
	)
	return " ".join(filter(None, (employee.company, department)))


def _require_erpnext():
	if not erpnext_installed():
		frappe.throw(_("ERPNext is not installed on this site."), EmployeeMemberError)


def _check_employee(employee: str) -> None:
	if not frappe.db.exists("Employee", employee):
		frappe.throw(_("Employee {0} does not exist.").format(bold(employee)), frappe.DoesNotExistError)
	frappe.has_permission("Employee", "read", doc=employee, throw=True)
	existing = frappe.db.get_value("Member", {"employee": employee}, "name")
	if existing:
		frappe.throw(
			_("Employee {0} is already Member {1}.").format(bold(employee), bold(existing)),
			EmployeeMemberError,
			title=_("Already a Member"),
		)


def make_member(
	employee: str,
	party_organization: str,
	date_joined: str,
	member_status: str = "Full",
	date_full_member: str | None = None,
	id_number: str | None = None,
):
	_check_employee(employee)
	member = frappe.new_doc("Member")
	member.update(member_values(frappe.get_doc("Employee", employee)))
	if id_number and not member.id_number:  # typed in the dialog when the Employee has none
		member.id_number = id_number
	member.update(
		{
			"employee": employee,
			"party_organization": party_organization,
			"date_joined": date_joined,
			"member_status": member_status or "Full",
			"date_full_member": date_full_member,
		}
	)
	member.insert()  # the Member's own permissions and validation (ID number, dates, organisation)
	return member


@frappe.whitelist(methods=["POST"])
def create_member(
	employee: str,
	party_organization: str,
	date_joined: str,
	member_status: str = "Full",
	date_full_member: str | None = None,
	id_number: str | None = None,
) -> str:
	"""Create Member on the Employee form (the ID number is asked for when the Employee has none)."""
	_require_erpnext()
	return make_member(
		employee, party_organization, date_joined, member_status, date_full_member, id_number
	).name


@frappe.whitelist(methods=["POST"])
def create_members(
	employees: str | list,
	party_organization: str,
	date_joined: str,
	member_status: str = "Full",
	date_full_member: str | None = None,
) -> dict:
	"""The Employee list's bulk action: one Member per Employee; an Employee that cannot become a
	Member (already one, no ID number on the Employee, …) is reported with the reason and changes
	nothing."""
	_require_erpnext()
	frappe.has_permission("Member", "create", throw=True)  # a read-only role is refused up front
	from party_care.guards.arguments import json_arg

	employees = json_arg(employees, "employees", list, items=str, default=[])
	if not employees:
		frappe.throw(_("Choose at least one Employee."), EmployeeMemberError)
	created, failed = [], []
	for employee in employees:
		frappe.db.savepoint("party_care_create_member")
		try:
			created.append(
				make_member(
					str(employee), party_organization, date_joined, member_status, date_full_member
				).name
			)
		except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as e:
			frappe.db.rollback(save_point="party_care_create_member")
			frappe.clear_last_message()
			failed.append({"employee": employee, "reason": str(e) or e.__class__.__name__})
	return {"created": created, "failed": failed}


# --- keeping in step -------------------------------------------------------------------------------


def on_employee_update(doc, method=None):
	"""Employee.on_update: its Members take the changed name, gender, dates, work unit and post."""
	if not erpnext_installed():
		return
	for name in frappe.get_all("Member", filters={"employee": doc.name}, pluck="name"):
		member = frappe.get_doc("Member", name)
		changes = {k: v for k, v in member_values(doc).items() if str(member.get(k) or "") != str(v)}
		if not changes:
			continue
		member.update(changes)
		member.flags.ignore_permissions = True
		frappe.db.savepoint("party_care_sync_member")
		try:
			member.save()
		except frappe.ValidationError as e:
			# HR's edit stands; the Member keeps its data until the difference is sorted out
			frappe.db.rollback(save_point="party_care_sync_member")
			frappe.clear_last_message()
			frappe.msgprint(
				_("Member {0} was not updated from this Employee: {1}").format(bold(name), str(e)),
				indicator="orange",
				alert=True,
			)


def on_employee_trash(doc, method=None):
	"""An Employee deleted in ERPNext: its Members stay, without the link."""
	if not erpnext_installed():
		return
	for name in frappe.get_all("Member", filters={"employee": doc.name}, pluck="name"):
		frappe.db.set_value("Member", name, "employee", None)


# --- the Employee form ---------------------------------------------------------------------------


@frappe.whitelist()
def employee_member(employee: str) -> dict:
	"""For the Employee form: the linked Member, whether one may be created, and the member events
	the Employee's relieving, retirement or death offers (those not recorded yet)."""
	_require_erpnext()
	frappe.has_permission("Employee", "read", doc=employee, throw=True)
	member = frappe.db.get_value("Member", {"employee": employee}, "name")
	out = {"member": None, "can_create": False, "offers": []}
	if not member:
		out["can_create"] = bool(frappe.has_permission("Member", "create"))
		return out
	if not frappe.has_permission("Member", "read", doc=member):
		return out
	out["member"] = member
	out["offers"] = offered_events(employee, member)
	return out


def offered_events(employee: str, member: str) -> list[dict]:
	emp = frappe.db.get_value(
		"Employee", employee, ["status", "relieving_date", "date_of_retirement"], as_dict=True
	)
	now = getdate(today())
	offers = []
	if emp.relieving_date and getdate(emp.relieving_date) <= now:
		offers.append((TRANSFER_OUT, emp.relieving_date))
	if emp.date_of_retirement and getdate(emp.date_of_retirement) <= now:
		offers.append((RETIREMENT, emp.date_of_retirement))
	if emp.status == "Left":
		offers.append((DEATH, emp.relieving_date or today()))
	recorded = set(
		frappe.get_all(
			"Member Event",
			filters={"member": member, "event_type": ["in", [o[0] for o in offers] or [""]]},
			pluck="event_type",
		)
	)
	return [
		{"event_type": event_type, "event_date": str(event_date), "label": _(OFFERED_EVENTS[event_type])}
		for event_type, event_date in offers
		if event_type not in recorded
	]


@frappe.whitelist(methods=["POST"])
def report_employee_event(
	employee: str, event_type: str, event_date: str | None = None, details: str | None = None
) -> dict:
	"""Record an offered event through the existing Member Event route (its permission checks)."""
	from party_care.care_visits.visits import report_event

	_require_erpnext()
	if event_type not in OFFERED_EVENTS:
		frappe.throw(
			_("{0} is not an event an Employee's exit offers.").format(bold(_(event_type))),
			EmployeeMemberError,
		)
	frappe.has_permission("Employee", "read", doc=employee, throw=True)
	member = frappe.db.get_value("Member", {"employee": employee}, "name")
	if not member:
		frappe.throw(_("Employee {0} is not linked to a Member.").format(bold(employee)), EmployeeMemberError)
	return report_event(member, event_type, event_date, details)
