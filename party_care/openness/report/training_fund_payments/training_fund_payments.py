# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE
"""What the training fund paid (培训经费支出, seed 000 二(一)2: study materials and training costs):
the submitted payments of the ledger that went to training — out of a fund of type Study and
Training, or for an application whose purpose is Training — per organisation, fund and purpose.
Sums and counts only; scoped to the viewer's subtree (the committee at the top also sees payments
booked to no organisation)."""

import frappe
from frappe import _
from frappe.utils import flt

from party_care.reports import col, org_condition, organization_col, period, scope_bounds

TRAINING_FUND = "Study and Training"
TRAINING_PURPOSE = "Training"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	bounds = scope_bounds(party_organization=filters.get("party_organization"))
	condition, values = org_condition(bounds)
	start, end = period(filters)
	values.update(
		{
			"start": start,
			"end": end,
			"fund_type": TRAINING_FUND,
			"purpose": TRAINING_PURPOSE,
			"unbooked": int(bounds is None),
		}
	)
	rows = frappe.db.sql(
		f"""select e.party_organization, e.care_fund,
			case when e.reference_doctype = 'Fund Application' then ifnull(a.purpose, 'Other Payments')
				when e.reference_doctype = 'Commendation' then 'Commendation Reward'
				when e.reference_doctype = 'Care Payment Line' then 'Holiday and Allowance Care Money'
				else 'Other Payments' end as purpose,
			count(*) as entries, sum(e.amount) as amount, min(e.posting_date) as first_date,
			max(e.posting_date) as last_date
		from `tabFund Ledger Entry` e
		join `tabCare Fund` f on f.name = e.care_fund
		left join `tabFund Application` a on e.reference_doctype = 'Fund Application' and a.name = e.reference_name
		left join `tabParty Organization` org on org.name = e.party_organization
		where e.docstatus = 1 and e.entry_type = 'Payment' and e.posting_date between %(start)s and %(end)s
			and (f.fund_type = %(fund_type)s or a.purpose = %(purpose)s)
			and ({condition} or (%(unbooked)s and ifnull(e.party_organization, '') = ''))
		group by e.party_organization, e.care_fund, purpose
		order by org.lft, e.care_fund, purpose""",
		values,
		as_dict=True,
	)
	for r in rows:
		r.amount = flt(r.amount, 2)
		r.purpose = _(r.purpose)
	return columns(), rows


def columns() -> list[dict]:
	return [
		organization_col(),
		col("care_fund", _("Care Fund"), "Link", 160, "Care Fund"),
		col("purpose", _("Purpose"), width=150),
		col("entries", _("Payments"), "Int", 80),
		col("amount", _("Amount Paid"), "Currency", 120),
		col("first_date", _("First Payment"), "Date", 100),
		col("last_date", _("Last Payment"), "Date", 100),
	]
