"""The app's roles, in one place. The Role records ship in fixtures/role.json."""

PARTY_MEMBER = "Party Member"
BRANCH_SECRETARY = "Branch Secretary"
ORGANIZATION_OFFICER = "Organization Officer"
COMMITTEE_MEMBER = "Party Committee Member"
CARE_AUDITOR = "Care Auditor"
# the committee's designated readers of members' confidential letters and psychological care plans
CONFIDENTIAL_READER = "Confidential Reader"

ALL = (PARTY_MEMBER, BRANCH_SECRETARY, ORGANIZATION_OFFICER, COMMITTEE_MEMBER, CARE_AUDITOR, CONFIDENTIAL_READER)

# Roles that see every organisation's records (Care Auditor read-only).
SEE_ALL = frozenset({"Administrator", "System Manager", ORGANIZATION_OFFICER, COMMITTEE_MEMBER, CARE_AUDITOR})
