"""What the openness tests add to the world: a designated reader (a committee member who holds
the Confidential Reader role) and a fellow member of branch B with a login."""

import frappe

from party_care import roles
from tests.support.factories import make_member, make_user
from tests.support.world import PASSWORD, email


def reader_user() -> str:
	user = email("reader")
	make_user(
		user, [roles.COMMITTEE_MEMBER, roles.CONFIDENTIAL_READER], password=PASSWORD, first_name="reader"
	)
	return user


def fellow_b(world) -> tuple[str, str]:
	"""(member, user) of a plain member of branch B with a login (committed by the caller)."""
	user = email("fellow_b")
	make_user(user, [roles.PARTY_MEMBER], password=PASSWORD, first_name="fellow_b")
	member = frappe.db.get_value("Member", {"user": user}, "name")
	if not member:
		member = make_member(world.orgs.branch_b, full_name="孙立新", user=user).name
	return member, user


def write(user: str, text: str, addressed_to: str = "Branch Secretary", subject: str | None = None):
	from party_care.openness.letters import send_letter

	frappe.set_user(user)
	try:
		return frappe.get_doc("Confidential Letter", send_letter(text, addressed_to, subject)["name"])
	finally:
		frappe.set_user("Administrator")
