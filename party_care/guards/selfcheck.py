"""The list guard proves itself: fail closed, never open.

`party_care.guards.install` wraps the point where this Frappe builds list queries
(party_care/compat.py `list_query_guard_point`) — private code that a Frappe release may route
around, as 16 did with 15's `DatabaseQuery.build_conditions`. So once per process, right after
installing, a canary list query on an app DocType must pass through the wrapper. If it does not,
the guard is not on the path: every permission-checked read of the app's DocTypes is refused with
a translated error (the `"*"` permission_query_conditions and has_permission hooks below), and the
reason goes to the log — until a release of the app that knows the new path.
"""

import frappe
from frappe import _

from party_care.compat import NO_OBJECTION
from party_care.guards.list_query import REACHED
from party_care.guards.visibility import is_app_doctype

CANARY_DOCTYPE = "Party Organization"
_state = {"checked": False, "broken": None}


class GuardNotInstalledError(frappe.PermissionError):
	pass


def self_check() -> str | None:
	"""Run the canary; return (and remember) why the guard is off the path, or None."""
	flags = frappe.local.flags
	flags.pop(REACHED, None)
	reason = None
	try:
		frappe.get_list(CANARY_DOCTYPE, fields=["name"], limit=1, ignore_permissions=True, run=False)
	except Exception as e:  # the canary itself failing means the same: nothing proves the guard
		reason = f"the canary query failed: {e!r}"
	if not reason and not flags.pop(REACHED, False):
		reason = (
			f"a list query on {CANARY_DOCTYPE} (frappe.get_list) did not pass through the list guard's "
			f"point in Frappe {frappe.__version__}: this Frappe builds list queries elsewhere"
		)
	_state.update(checked=True, broken=reason)
	if reason:
		frappe.logger("party_care").error(
			f"party_care: list guard NOT installed, refusing reads of the app's DocTypes: {reason}"
		)
	return reason


def ensure_checked() -> None:
	if not _state["checked"]:
		self_check()


def check_guarded(doctype) -> None:
	"""Refuse a permission-checked read of an app DocType while the guard is off the path."""
	if _state["broken"] and is_app_doctype(doctype):
		frappe.throw(
			_(
				"{0} cannot be read: the app's read protection is not active on this Frappe version. "
				"The administrator finds the reason in the log."
			).format(_(doctype)),
			GuardNotInstalledError,
			title=_("Not Permitted"),
		)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions "*": every list of an app DocType (refused while unproven)."""
	check_guarded(doctype)
	return ""


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission "*": every record of an app DocType (refused while unproven)."""
	check_guarded(doc.doctype)
	return NO_OBJECTION
