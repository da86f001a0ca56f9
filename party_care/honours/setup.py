"""Records the Honours module ships: the standard award types (data, extendable by users).

Created once, idempotently, from install.after_migrate; an organisation's later edits to a
shipped award type (quota, reward, self-nomination) are kept."""

import frappe

MEMBER, ORGANIZATION = "Member", "Party Organization"

EXCELLENT_MEMBER = "Excellent Party Member"
EXCELLENT_WORKER = "Excellent Party Worker"
ADVANCED_ORGANIZATION = "Advanced Party Organization"
PLEDGE_KEEPING = "Pledge-Keeping Member"
INNOVATION = "Party Work Innovation"
TEN_YEAR_CERTIFICATE = "Ten-Year Party Worker Certificate"
MEDAL_50_YEARS = "50 Years in the Party medal"

STANDARD_AWARD_TYPES = (
	{"award_name": EXCELLENT_MEMBER, "recipient_kind": MEMBER},
	{"award_name": EXCELLENT_WORKER, "recipient_kind": MEMBER},
	{"award_name": ADVANCED_ORGANIZATION, "recipient_kind": ORGANIZATION},
	{"award_name": PLEDGE_KEEPING, "recipient_kind": MEMBER, "allow_self_nomination": 1},
	{"award_name": INNOVATION, "recipient_kind": ORGANIZATION, "allow_self_nomination": 1},
	{"award_name": TEN_YEAR_CERTIFICATE, "recipient_kind": MEMBER},
	{"award_name": MEDAL_50_YEARS, "recipient_kind": MEMBER},
)


def create_award_types():
	existing = set(frappe.get_all("Award Type", pluck="name"))
	for values in STANDARD_AWARD_TYPES:
		if values["award_name"] in existing:
			continue
		frappe.get_doc({"doctype": "Award Type", **values}).insert(ignore_permissions=True)
