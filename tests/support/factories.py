"""Factories that build realistic records in a few lines (as HRMS's create_* helpers do)."""

import datetime
import itertools
from contextlib import contextmanager

import frappe

from party_care.utils import id_number

_sequence = itertools.count(1)


@contextmanager
def acting_as(user: str | None, then: str | None = None):
	"""Run the block as `user` (None: the current user), then go back to `then` (default: the user
	before the block)."""
	previous = then or frappe.session.user
	if user:
		frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def insert(doctype: str, **values) -> str:
	"""Insert a record of `doctype` with `values` (the current user's permissions); its name."""
	return frappe.get_doc(doctype=doctype, **values).insert().name


def save_as(user: str, doctype: str, name: str, **values):
	"""As `user`: set `values` on the record and save it (a normal save, his permissions)."""
	with acting_as(user, then="Administrator"):
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		doc.save()
		return doc


def make_organization(name: str, organization_type: str, parent: str | None = None, **kwargs):
	return frappe.get_doc(
		doctype="Party Organization",
		organization_name=name,
		organization_type=organization_type,
		parent_party_organization=parent,
		**kwargs,
	).insert()


def member_values(party_organization: str, **kwargs) -> dict:
	"""Field values for a valid full member; any field can be overridden."""
	n = next(_sequence)
	born = kwargs.pop("date_of_birth", datetime.date(1960 + n % 30, 1 + n % 12, 1 + n % 28))
	gender = kwargs.pop("gender", "Male" if n % 2 else "Female")
	sequence = n * 2 + (1 if gender == "Male" else 0)  # odd sequence digit for men
	values = {
		"doctype": "Member",
		"full_name": f"测试党员{n}",
		"gender": gender,
		"date_of_birth": born,
		"id_number": id_number.make("110101", born, sequence),
		"party_organization": party_organization,
		"member_status": "Full",
		"date_joined": datetime.date(born.year + 25, 7, 1),
		"date_full_member": datetime.date(born.year + 26, 7, 1),
	}
	values.update(kwargs)
	return values


def make_member(party_organization: str, **kwargs):
	return frappe.get_doc(member_values(party_organization, **kwargs)).insert()


def make_user(email: str, roles=(), password: str | None = None, first_name: str | None = None):
	"""Get or create an enabled desk user with exactly these roles (of the app's and others)."""
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			doctype="User", email=email, first_name=first_name or email.split("@")[0], send_welcome_email=0
		)
	user.enabled = 1
	user.set("roles", [{"role": r} for r in roles])
	if password:
		user.new_password = password
	user.flags.ignore_password_policy = True
	user.save(ignore_permissions=True)
	return user


def make_fund(
	name: str = "测试帮扶资金",
	opening: float = 10000,
	fund_type: str = "Hardship Assistance",
	committee: str | None = None,
):
	"""A Care Fund with an opening allocation posted through the ledger (of the root committee unless
	another is named)."""
	from party_care.care_fund import ledger

	if not frappe.db.exists("Care Fund", name):
		frappe.get_doc(doctype="Care Fund", fund_name=name, fund_type=fund_type, committee=committee).insert()
	if opening:
		ledger.post(name, "Allocation", opening, remarks="opening allocation")
	return frappe.get_doc("Care Fund", name)


def make_application(
	member: str,
	care_fund: str,
	purpose: str = "Serious Illness or Disaster Relief",
	amount: float = 1000,
	user: str | None = None,
	**kwargs,
):
	"""A draft Fund Application, created as `user` (default: the current user)."""
	with acting_as(user):
		return frappe.get_doc(
			doctype="Fund Application",
			member=member,
			care_fund=care_fund,
			purpose=purpose,
			amount_requested=amount,
			reason=kwargs.pop("reason", "住院治疗，家庭负担较重"),
			**kwargs,
		).insert()


def act_on(doctype: str, name: str, action: str, user: str, **values):
	"""As `user`: set the step's fields (a normal save), then take the workflow action."""
	from frappe.model.workflow import apply_workflow

	with acting_as(user, then="Administrator"):
		doc = frappe.get_doc(doctype, name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)


def make_urgent_case(member, situation: str, **kwargs):
	"""An urgent illness case (household income 9000) with only the fields given: no causes, no
	family unless `kwargs` name them (the HTTP suites look for `situation` in what is shown)."""
	return frappe.get_doc(
		doctype="Hardship Case",
		member=member,
		hardship_type="Illness",
		hardship_level="Urgent",
		situation=situation,
		household_annual_income=9000,
		**kwargs,
	).insert()


def make_case(member, **kwargs):
	values = dict(
		doctype="Hardship Case",
		member=member,
		hardship_type="Illness",
		hardship_level="Serious",
		situation="患慢性肾病，需长期透析",
		causes="长期治疗费用高",
		household_annual_income=24000,
		family_members=[
			{"family_member_name": "李桂兰", "relation": "配偶", "age": 70, "health": "一般"},
			{
				"family_member_name": "王磊",
				"relation": "儿子",
				"age": 40,
				"occupation": "务工",
				"annual_income": 20000,
			},
		],
	)
	values.update(kwargs)
	return frappe.get_doc(values).insert()
