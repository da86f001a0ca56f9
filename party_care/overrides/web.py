"""Website comments and likes (frappe.templates.includes): the app's records are not web pages."""

import frappe
from frappe import _

from party_care.compat import frappe_endpoint
from party_care.guards.visibility import is_app_record


def _refuse_web(doctype):
	if is_app_record(doctype, "x"):
		frappe.throw(
			_("{0} has no web page to comment on or like.").format(_(doctype)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


@frappe.whitelist(allow_guest=True)
def web_comment(
	comment: str,
	comment_email: str,
	comment_by: str,
	reference_doctype: str,
	reference_name: str,
	route: str,
	**kwargs,
):
	"""Frappe's web-page comment checks no permission and takes the author's name and e-mail from
	the client; the app's records are not web pages."""
	from frappe.templates.includes.comments.comments import add_comment

	_refuse_web(reference_doctype)
	return frappe.call(
		add_comment, comment, comment_email, comment_by, reference_doctype, reference_name, route, **kwargs
	)


@frappe.whitelist(allow_guest=True)
def web_like(reference_doctype: str, reference_name: str, like: str | int, route: str = "", **kwargs):
	_refuse_web(reference_doctype)
	frappe_like = frappe_endpoint("frappe.templates.includes.likes.likes.like")  # Frappe 15 (16 has no likes)
	return frappe.call(frappe_like, reference_doctype, reference_name, like, route, **kwargs)
