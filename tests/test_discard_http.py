"""Frappe 16's "discard" cancels a draft with a bare db_set of its docstatus, for whoever may write
it (`frappe.desk.form.save.discard`, and `Document.discard` over run_doc_method): no workflow
transition, no validate. On the app's approval routes every state before the end is a draft, so a
Branch Secretary could "discard" an application his branch already passed on, one the committee
approved and not yet paid, or a commendation he recommended — taking it off the route with no
decision on record. Here each route refuses it (Frappe 15 has no discard: refused there too), and
the record stays where it was; a record still in its first state is discarded as Frappe intends.
"""

import json

import frappe
import pytest

from party_care import compat
from tests.support.factories import make_application, make_fund, make_member
from tests.support.routes import (
	EXCELLENT_MEMBER,
	THIS_YEAR,
	branch_values,
	decide,
	make_commendation,
	recommend,
)
from tests.support.routes import fund_act as act


@pytest.fixture(scope="module")
def records(world, committed):
	frappe.set_user("Administrator")
	fund = make_fund("测试作废资金", opening=5000).name
	members = [committed.add(make_member(world.orgs.branch_a)).name for _ in range(4)]
	in_review = committed.add(make_application(members[0], fund, amount=100, user=world.users.sec_a))
	act(in_review.name, "Submit", world.users.sec_a)
	approved = committed.add(make_application(members[1], fund, amount=200, user=world.users.sec_a))
	act(approved.name, "Submit", world.users.sec_a)
	act(approved.name, "Pass Branch Review", world.users.sec_a, **branch_values())
	act(approved.name, "Accept", world.users.officer, department_opinion="情况属实")
	decide(approved.name, world, 200)
	draft = committed.add(make_application(members[2], fund, amount=50, user=world.users.sec_a))
	recommended = committed.add(
		make_commendation(members[3], EXCELLENT_MEMBER, user=world.users.sec_a, year=THIS_YEAR - 4)
	)
	recommend(recommended.name, world.users.sec_a)
	frappe.db.commit()
	return frappe._dict(
		on_route=[
			("Fund Application", in_review.name),
			("Fund Application", approved.name),
			("Commendation", recommended.name),
		],
		draft=("Fund Application", draft.name),
	)


def _discard_requests(doctype, name):
	return {
		"save.discard": ("frappe.desk.form.save.discard", {"doctype": doctype, "name": name}),
		"run_doc_method": ("run_doc_method", {"dt": doctype, "dn": name, "method": "discard"}),
		# the record as the form holds it (its timestamp: past Frappe's "modified after you opened it")
		"run_doc_method docs": (
			"run_doc_method",
			{
				"docs": json.dumps(
					{
						"doctype": doctype,
						"name": name,
						"modified": str(frappe.db.get_value(doctype, name, "modified")),
					}
				),
				"method": "discard",
			},
		),
	}


def _state(doctype, name):
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, ["docstatus", "workflow_state"])


# Frappe 15 has no Document.discard: its run_doc_method fails on the missing method for any record
NO_DISCARD = pytest.mark.skipif(not compat.V16, reason="Frappe 15 has no Document.discard")


@pytest.mark.parametrize(
	"route",
	[
		"save.discard",
		pytest.param("run_doc_method", marks=NO_DISCARD),
		pytest.param("run_doc_method docs", marks=NO_DISCARD),
	],
)
def test_a_record_on_its_route_is_not_discarded(world, login, records, route):
	s = login(world.users.sec_a)
	for doctype, name in records.on_route:
		before = _state(doctype, name)
		assert before[0] == 0
		method, data = _discard_requests(doctype, name)[route]
		r = s.post(f"{s.base_url}/api/method/{method}", params={"_lang": "zh"}, json=data, timeout=60)
		assert r.status_code in (403, 404, 417), (doctype, before, route, r.status_code, r.text[:300])
		assert _state(doctype, name) == before, (doctype, route)
		if compat.V16:  # the route's refusal (v15: no such method at all)
			assert "不能作废" in r.text or "cannot be discarded" in r.text, r.text[:300]


@NO_DISCARD
def test_a_draft_in_its_first_state_is_discarded(world, login, records):
	doctype, name = records.draft
	s = login(world.users.sec_a)
	r = s.post(
		f"{s.base_url}/api/method/frappe.desk.form.save.discard",
		json={"doctype": doctype, "name": name},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	assert _state(doctype, name)[0] == 2
