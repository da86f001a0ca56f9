"""Tags (frappe.desk.doctype.tag): checked before Frappe writes."""

import re

import frappe
from frappe import _
from frappe.desk.doctype.tag_link.tag_link import TagLink as FrappeTagLink
from frappe.utils import escape_html

from party_care.guards.arguments import invalid, json_arg, text_arg
from party_care.guards.side_writes import check_may_write, tag_link

TAG_LENGTH = 140  # a Tag is named by its text
COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20}")  # what the desk sends (Frappe 15 ignores it)


class TagLink(FrappeTagLink):
	"""A Tag Link inserted directly (REST, frappe.client.insert): Frappe checks that its Tag exists
	before any validate hook runs, so a tag the writer may not add would be refused as a missing
	link (417) when the Tag is new and as a 403 when it exists. Check the writer first: a 403 either
	way, and no Tag is looked up for who may not tag the record."""

	def insert(self, *args, **kwargs):
		tag_link(self)
		return super().insert(*args, **kwargs)


def check_color(color) -> None:
	if color and not COLOR.fullmatch(color):
		invalid(_("{0} is not a colour.").format(frappe.bold(escape_html(color[:40]))))


@frappe.whitelist()
def add_tag(tag: str, dt: str, dn: str, color: str | None = None, **kwargs):
	"""Frappe writes the tag, then checks write and reports the refusal as a 500: check first."""
	from frappe.desk.doctype.tag.tag import add_tag as frappe_add_tag

	tag = text_arg(tag, "tag", TAG_LENGTH)
	check_color(color)
	check_may_write(dt, dn, _("a tag"))
	return frappe.call(frappe_add_tag, tag, dt, dn, color, **kwargs)


@frappe.whitelist()
def add_tags(tags: str | list, dt: str, docs: str | list, color: str | None = None, **kwargs):
	"""`tags` and `docs`: JSON lists of texts (Frappe took an object's keys as tags)."""
	from frappe.desk.doctype.tag.tag import add_tags as frappe_add_tags

	tags = [text_arg(tag, "tags", TAG_LENGTH) for tag in json_arg(tags, "tags", list, items=str, default=[])]
	docs = json_arg(docs, "docs", list, items=str, default=[])
	check_color(color)
	for dn in docs:
		check_may_write(dt, dn, _("a tag"))
	return frappe.call(frappe_add_tags, tags, dt, docs, color, **kwargs)


@frappe.whitelist()
def remove_tag(tag: str, dt: str, dn: str, **kwargs):
	from frappe.desk.doctype.tag.tag import remove_tag as frappe_remove_tag

	tag = text_arg(tag, "tag", TAG_LENGTH)
	check_may_write(dt, dn, _("a tag"))
	return frappe.call(frappe_remove_tag, tag, dt, dn, **kwargs)
