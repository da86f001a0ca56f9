"""Commendation quotas: how many places an award has per organisation and year.

A Commendation Quota row (award type, year, organisation, quota) covers the organisation's
whole subtree. When the committee approves a commendation, every quota row on the path from
the recipient's organisation up to the root must still have a free place; a place is taken by
each commendation of that award and year in the subtree that is Committee Approved, on Public
Notice or Awarded. Where no row on the path exists, the award type's Default Quota applies to
the recipient's own organisation (its subtree); a default of 0 means unlimited. A quota row of
0 means no places.

Commendations are awarded at the level that gives them (issue 22): the work committee's awards and
each committee's own. A quota row naming an Awarding Committee holds the places of the awards that
committee gives (it counts only them); one without holds every award of the type, as before.

Approvals of one award type are serialised by locking its Award Type row, and places are
counted with a locking read, so two committee members approving at once cannot overfill it.
"""

import frappe
from frappe import _, bold
from frappe.query_builder.functions import Coalesce, Count
from frappe.utils import cint

from party_care.exceptions import QuotaExceededError

COUNTED_STATES = ("Committee Approved", "Public Notice", "Awarded")


def check_quota(doc) -> None:
	default_quota = cint(frappe.db.get_value("Award Type", doc.award_type, "default_quota", for_update=True))
	awarding = doc.get("awarding_organization")
	limits = quota_limits(doc.award_type, doc.year, doc.party_organization, awarding)
	if not limits and default_quota > 0:
		limits = {(doc.party_organization, ""): default_quota}
	if not limits:
		return
	used = used_places(doc.award_type, doc.year, list(limits), exclude=doc.name)
	for (organization, by), quota in limits.items():
		taken = used.get((organization, by), 0)
		if taken + 1 > quota:
			frappe.throw(
				_(
					"{0} has {1} places for {2} in {3}, and {4} are already approved; this commendation is beyond the quota."
				).format(
					bold(organization), bold(quota), bold(_(doc.award_type)), bold(doc.year), bold(taken)
				),
				QuotaExceededError,
				title=_("Quota Exceeded"),
			)


def quota_limits(
	award_type: str, year: int, party_organization: str, awarding: str | None = None
) -> dict[tuple[str, str], int]:
	"""Quota rows for the award and year on the path from the organisation up to the root, of every
	award of the type or of those `awarding` gives: {(organisation, awarding committee or ""): quota}."""
	lft, rgt = frappe.db.get_value("Party Organization", party_organization, ["lft", "rgt"])
	quota = frappe.qb.DocType("Commendation Quota")
	org = frappe.qb.DocType("Party Organization")
	rows = (
		frappe.qb.from_(quota)
		.join(org)
		.on(org.name == quota.party_organization)
		.select(quota.party_organization, Coalesce(quota.awarding_committee, ""), quota.quota)
		.where(
			(quota.award_type == award_type)
			& (quota.year == year)
			& (org.lft <= lft)
			& (org.rgt >= rgt)
			& Coalesce(quota.awarding_committee, "").isin(["", awarding or ""])
		)
		.run()
	)
	return {(organization, by): cint(places) for organization, by, places in rows}


def used_places(
	award_type: str, year: int, limits: list[tuple[str, str]], exclude: str | None = None
) -> dict[tuple[str, str], int]:
	"""Places taken in each organisation's subtree — of every award, or of one awarding committee's —
	for each (organisation, awarding committee or "") of `limits` (one locking, aggregated query)."""
	organizations = sorted({organization for organization, _by in limits})
	scope = frappe.qb.DocType("Party Organization").as_("scope")
	org = frappe.qb.DocType("Party Organization").as_("org")
	commendation = frappe.qb.DocType("Commendation")
	query = (
		frappe.qb.from_(scope)
		.join(org)
		.on((org.lft >= scope.lft) & (org.rgt <= scope.rgt))
		.join(commendation)
		.on(commendation.party_organization == org.name)
		.select(scope.name, Coalesce(commendation.awarding_organization, ""), Count(commendation.name))
		.where(
			scope.name.isin(organizations)
			& (commendation.award_type == award_type)
			& (commendation.year == year)
			& commendation.workflow_state.isin(COUNTED_STATES)
		)
		.groupby(scope.name, Coalesce(commendation.awarding_organization, ""))
		.for_update()
	)
	if exclude:
		query = query.where(commendation.name != exclude)
	used: dict[tuple[str, str], int] = {}
	for organization, by, count in query.run():
		used[(organization, "")] = used.get((organization, ""), 0) + cint(count)  # every award
		if by:
			used[(organization, by)] = used.get((organization, by), 0) + cint(count)
	return used
