"""The bench and the test site the suite runs against, as `scripts/test` prepares them."""

import os

BENCH = os.path.abspath(os.path.expanduser(os.environ.get("FRAPPE_BENCH") or "~/frappe-bench"))
SITES = os.path.join(BENCH, "sites")
SITE = os.environ.get("PARTY_CARE_SITE", "party-care-test.localhost")
