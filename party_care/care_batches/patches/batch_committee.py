"""Issue 22: payment batches, allowance plans and care standards belong to a committee. Each batch and
plan without one becomes its fund's committee's (party_care.care_fund.patches.fund_committee ran
first), else its organisation's nearest committee's; on a site with one committee at the root every
standard becomes that committee's. Set-based; on a one-committee site nothing changes for anyone."""

import frappe

from party_care.organization import tree


def execute():
	for doctype in ("Care Payment Batch", "Care Allowance Plan"):
		frappe.db.sql(
			f"""update `tab{doctype}` r join `tabCare Fund` f on f.name = r.care_fund
			set r.committee = f.committee
			where ifnull(r.committee, '') = '' and ifnull(f.committee, '') != ''"""
		)
		frappe.db.sql(
			f"""update `tab{doctype}` r set r.committee = (
				select c.name from `tabParty Organization` o join `tabParty Organization` c
					on c.lft <= o.lft and c.rgt >= o.rgt and c.organization_type = 'Committee'
				where o.name = r.party_organization order by c.lft desc limit 1)
			where ifnull(r.committee, '') = ''"""
		)
	committees = [
		r
		for r in tree.roots()
		if frappe.db.get_value("Party Organization", r, "organization_type") == "Committee"
	]
	if len(committees) == 1:
		standard = frappe.qb.DocType("Care Standard")
		(
			frappe.qb.update(standard)
			.set(standard.committee, committees[0])
			.where(standard.committee.isnull() | (standard.committee == ""))
			.run()
		)
