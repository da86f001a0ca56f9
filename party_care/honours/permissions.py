"""Hook entry points for the Honours records about a member (see party_care/permissions.py):
a plain member reads his own commendations and greetings only; secretaries are scoped by the
User Permissions on `party_organization`."""

from party_care.permissions import member_record_has_permission, member_record_query_conditions


def commendation_query_conditions(user: str | None = None) -> str:
	return member_record_query_conditions("Commendation", user)


def commendation_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return member_record_has_permission(doc, user)


def greeting_query_conditions(user: str | None = None) -> str:
	return member_record_query_conditions("Political Birthday Greeting", user)


def greeting_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return member_record_has_permission(doc, user)
