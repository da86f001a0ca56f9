"""Issue 22: a Care Fund belongs to a committee. On a site with one committee at the root of the tree
(every site before committees had posts), each fund without one becomes that committee's — set-based,
nothing else changes: the same people read and act on it as before."""

import frappe

from party_care.organization import tree


def execute():
	committees = [
		r
		for r in tree.roots()
		if frappe.db.get_value("Party Organization", r, "organization_type") == "Committee"
	]
	if len(committees) != 1:
		return  # no tree yet, or several: the System Manager names each fund's committee
	fund = frappe.qb.DocType("Care Fund")
	(
		frappe.qb.update(fund)
		.set(fund.committee, committees[0])
		.where(fund.committee.isnull() | (fund.committee == ""))
		.run()
	)
