"""The app's roles, in one place. The Role records ship in fixtures/role.json."""

PARTY_MEMBER = "Party Member"
BRANCH_SECRETARY = "Branch Secretary"
ORGANIZATION_OFFICER = "Organization Officer"
COMMITTEE_MEMBER = "Party Committee Member"
CARE_AUDITOR = "Care Auditor"

ALL = (PARTY_MEMBER, BRANCH_SECRETARY, ORGANIZATION_OFFICER, COMMITTEE_MEMBER, CARE_AUDITOR)

# Roles that see every organisation's records (Care Auditor read-only).
SEE_ALL = frozenset({"Administrator", "System Manager", ORGANIZATION_OFFICER, COMMITTEE_MEMBER, CARE_AUDITOR})
