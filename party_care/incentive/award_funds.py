"""Awards that fund work (seeds 002 三(一)3: 党建工作创新成果奖 with an activity-fund subsidy; 004
三(一)3): an award to an organisation (先进基层党组织, an innovation award …) carries its reward into
that organisation's **activity budget** (活动经费) — a Care Fund of type *Activity Budget* naming the
organisation, one per organisation, opened on its first such award under the committee above it.

The money moves through the one posting function (party_care/care_fund/ledger.py), inside the
award's submit: a Payment out of the commendation's fund (its payment key `Commendation::<name>`:
paid once, however often the award is tried; refused beyond the fund's balance) and an Allocation
into the budget, both or neither. An activity budget pays members nothing: no application, batch or
member's reward is paid from it."""

import frappe
from frappe import _, bold

from party_care.care_fund import ledger

ACTIVITY_BUDGET = "Activity Budget"


def is_activity_budget(care_fund: str | None) -> bool:
	return bool(care_fund) and frappe.db.get_value("Care Fund", care_fund, "fund_type") == ACTIVITY_BUDGET


def check_not_activity_budget(care_fund: str | None) -> None:
	"""Money for members (applications, holiday batches, rewards) does not come out of an activity budget."""
	if is_activity_budget(care_fund):
		frappe.throw(
			_("{0} is an organisation's activity budget; choose a care fund.").format(bold(care_fund)),
			title=_("Invalid Care Fund"),
		)


# --- the budget itself (Care Fund.validate) ---------------------------------------------------------


def validate_fund(fund) -> None:
	"""An activity budget names its organisation (one budget per organisation) and belongs to the
	committee above it; another fund names none."""
	if fund.fund_type != ACTIVITY_BUDGET:
		fund.budget_organization = None
		return
	if not fund.budget_organization:
		frappe.throw(
			_("Please choose the organisation whose activity budget this is."), title=_("Missing Values")
		)
	other = frappe.db.get_value(
		"Care Fund",
		{
			"fund_type": ACTIVITY_BUDGET,
			"budget_organization": fund.budget_organization,
			"name": ["!=", fund.name or ""],
		},
		"name",
	)
	if other:
		frappe.throw(
			_("{0} already has an activity budget: {1}.").format(bold(fund.budget_organization), bold(other)),
			title=_("Duplicate Activity Budget"),
		)
	committee = nearest_committee(fund.budget_organization)
	if not fund.committee:
		fund.committee = committee
	elif committee and committee != fund.committee:
		frappe.throw(
			_("The activity budget of {0} belongs to its committee {1}.").format(
				bold(fund.budget_organization), bold(committee)
			),
			title=_("Invalid Committee"),
		)


def nearest_committee(party_organization: str) -> str | None:
	"""The organisation itself if it is a committee, else the nearest committee above it."""
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"])
	org = frappe.qb.DocType("Party Organization")
	rows = (
		frappe.qb.from_(org)
		.select(org.name)
		.where((org.lft <= lft) & (org.rgt >= rgt) & (org.organization_type == "Committee"))
		.orderby(org.lft, order=frappe.qb.desc)
		.limit(1)
		.run(pluck=True)
	)
	return rows[0] if rows else None


def budget_of(party_organization: str) -> str:
	"""The organisation's activity budget, opened (active, under its committee) when it has none."""
	name = frappe.db.get_value(
		"Care Fund", {"fund_type": ACTIVITY_BUDGET, "budget_organization": party_organization}, "name"
	)
	if name:
		return name
	fund_name = _("{0} Activity Budget").format(party_organization)
	if frappe.db.exists("Care Fund", fund_name):
		fund_name = f"{fund_name}（{frappe.generate_hash(length=4)}）"
	fund = frappe.get_doc(
		doctype="Care Fund",
		fund_name=fund_name,
		fund_type=ACTIVITY_BUDGET,
		budget_organization=party_organization,
		is_active=1,
		description=_("Opened with the first award paid into it."),
	)
	fund.flags.ignore_permissions = True
	fund.insert()
	return fund.name


# --- an award to an organisation (Commendation.award) -----------------------------------------------


def pay_reward(commendation) -> None:
	"""The reward out of the commendation's fund and into the recipient organisation's activity
	budget: two ledger entries in the award's transaction (the payment key makes it once only)."""
	budget = budget_of(commendation.recipient_organization)
	if budget == commendation.care_fund:
		frappe.throw(
			_("The reward cannot be paid from the activity budget it goes into."),
			title=_("Invalid Care Fund"),
		)
	remarks = _("{0} reward for {1}, into its activity budget").format(
		_(commendation.award_type), commendation.recipient_name
	)
	entry = ledger.post(
		commendation.care_fund,
		"Payment",
		commendation.reward_amount,
		reference_doctype=commendation.doctype,
		reference_name=commendation.name,
		party_organization=commendation.party_organization,
		remarks=remarks,
	)
	ledger.post(
		budget,
		"Allocation",
		commendation.reward_amount,
		reference_doctype=commendation.doctype,
		reference_name=commendation.name,
		party_organization=commendation.party_organization,
		remarks=remarks,
	)
	commendation.ledger_entry = entry.name
	commendation.activity_budget = budget
