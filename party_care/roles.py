"""The app's roles, in one place. The Role records ship in fixtures/role.json."""

PARTY_MEMBER = "Party Member"
BRANCH_SECRETARY = "Branch Secretary"
ORGANIZATION_OFFICER = "Organization Officer"
COMMITTEE_MEMBER = "Party Committee Member"
CARE_AUDITOR = "Care Auditor"
# the committee's designated readers of members' confidential letters and psychological care plans
CONFIDENTIAL_READER = "Confidential Reader"

ALL = (
	PARTY_MEMBER,
	BRANCH_SECRETARY,
	ORGANIZATION_OFFICER,
	COMMITTEE_MEMBER,
	CARE_AUDITOR,
	CONFIDENTIAL_READER,
)

# The committee's roles: each held in a committee (a Committee Post), which scopes it to that
# committee's subtree; on a site with no post at all, they read every organisation (one committee).
COMMITTEE_ROLES = frozenset({ORGANIZATION_OFFICER, COMMITTEE_MEMBER, CARE_AUDITOR})

# Roles that may see every organisation's records (Care Auditor read-only): the committee's roles
# within their committee's subtree (party_care/permissions.py get_scope).
SEE_ALL = frozenset({"Administrator", "System Manager", *COMMITTEE_ROLES})
