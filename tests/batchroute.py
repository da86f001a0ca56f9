"""Build holiday batches and drive them along their workflow as the real users would (in-process)."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, add_to_date, now_datetime, today

from factories import act_on, make_member

STANDARD = "测试慰问标准"


def act(name: str, action: str, user: str, **values):
	return act_on("Care Payment Batch", name, action, user, **values)


def make_standard(name: str = STANDARD, combination: str = "Highest"):
	if frappe.db.exists("Care Standard", name):
		frappe.delete_doc("Care Standard", name, force=True)
	return frappe.get_doc(
		doctype="Care Standard",
		standard_name=name,
		combination=combination,
		rows=[
			{"category": "Age at Least", "threshold": 80, "label": "80岁以上", "amount": 500},
			{"category": "Party Standing at Least", "threshold": 50, "label": "老党员", "amount": 300},
			{"category": "Duty Martyr Family", "label": "烈属", "amount": 800},
			{"category": "In Hardship", "label": "困难党员", "amount": 400},
		],
	).insert()


def elderly(org: str, **kwargs):
	"""A member of 85 with 60 years' standing (fits 80岁以上 and 老党员)."""
	born = datetime.date(datetime.date.today().year - 85, 3, 3)
	return make_member(
		org, date_of_birth=born, date_joined=datetime.date(born.year + 23, 5, 1),
		date_full_member=datetime.date(born.year + 24, 5, 1), **kwargs,
	).name


def martyr_family(org: str, **kwargs):
	return make_member(org, is_duty_martyr_family=1, **kwargs).name


def make_batch(w, fund: str, org: str | None = None, occasion: str = "Spring Festival", standard: str = STANDARD,
		user: str | None = None, year: int | None = None, **kwargs):
	"""A draft batch as the officer, with its lines drawn up."""
	from party_care.care_batches.batches import make_lines

	frappe.set_user(user or w.users.officer)
	try:
		doc = frappe.get_doc(
			doctype="Care Payment Batch",
			title="测试春节慰问",
			occasion=occasion,
			year=year or datetime.date.today().year,
			party_organization=org or w.orgs.committee,
			care_fund=fund,
			care_standard=standard,
			**kwargs,
		).insert()
		make_lines(doc.name)
	finally:
		frappe.set_user("Administrator")
	return doc.name


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def lines(batch: str, **filters):
	return frappe.get_all(
		"Care Payment Line", filters={"batch": batch, **filters},
		fields=["name", "member", "member_name", "party_organization", "amount", "status", "category", "skip_reason",
			"ledger_entry"],
		order_by="name",
	)


def confirm_all(name, w):
	from party_care.care_batches.batches import confirm_lines

	as_user(w.users.officer, confirm_lines, name)


def to_committee(name, w):
	act(name, "Submit", w.users.officer)
	confirm_all(name, w)
	act(name, "Close Confirmation", w.users.officer)
	act(name, "Accept", w.users.officer, department_opinion="名单经审核无误")


def approve(name, w):
	return act(name, "Approve", w.users.committee, committee_meeting_date=today(), committee_decision="研究同意")


def end_notice(name):
	frappe.db.set_value(
		"Care Payment Batch", name,
		{"notice_start": add_days(now_datetime(), -6), "notice_end": add_to_date(now_datetime(), minutes=-1)},
		update_modified=False,
	)


def to_approved(name, w):
	to_committee(name, w)
	approve(name, w)
	end_notice(name)
	return act(name, "Close Notice", w.users.officer)


def to_paid(name, w):
	to_approved(name, w)
	return act(name, "Pay", w.users.officer, payment_method="Signed Receipt")


@pytest.fixture
def own_assets_json():
	"""For PDF prints in-process: read this bench's own asset map instead of the Redis entry that
	every bench on the Redis server shares (see own_assets_cache)."""
	frappe.local.assets_json = frappe.parse_json(frappe.read_file("assets/assets.json") or "{}")
	yield
	del frappe.local.assets_json


def own_assets_cache(server: str | None = None):
	"""Frappe 15 caches its asset map under the Redis key `assets_json` shared by every bench on
	the Redis server; a neighbour bench on another Frappe version leaves an entry this one cannot
	unpickle (pages then fail with "No module named frappe.types.frappedict"). Drop it and let this
	bench's server write its own before a browser run."""
	import requests

	from conftest import SITE

	frappe.cache.delete_value("assets_json", shared=True)
	if server:
		requests.get(f"{server}/login", headers={"X-Frappe-Site-Name": SITE}, timeout=60)
