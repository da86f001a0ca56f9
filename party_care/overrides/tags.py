"""Tags (frappe.desk.doctype.tag): checked before Frappe writes."""

import frappe
from frappe import _
from frappe.desk.doctype.tag_link.tag_link import TagLink as FrappeTagLink

from party_care.guards.side_writes import check_may_write, tag_link


class TagLink(FrappeTagLink):
	"""A Tag Link inserted directly (REST, frappe.client.insert): Frappe checks that its Tag exists
	before any validate hook runs, so a tag the writer may not add would be refused as a missing
	link (417) when the Tag is new and as a 403 when it exists. Check the writer first: a 403 either
	way, and no Tag is looked up for who may not tag the record."""

	def insert(self, *args, **kwargs):
		tag_link(self)
		return super().insert(*args, **kwargs)


@frappe.whitelist()
def add_tag(tag, dt, dn, color=None):
	"""Frappe writes the tag, then checks write and reports the refusal as a 500: check first."""
	from frappe.desk.doctype.tag.tag import add_tag as frappe_add_tag

	check_may_write(dt, dn, _("a tag"))
	return frappe_add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt, docs, color=None):
	from frappe.desk.doctype.tag.tag import add_tags as frappe_add_tags

	for dn in frappe.parse_json(docs) or []:
		check_may_write(dt, dn, _("a tag"))
	return frappe_add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag, dt, dn):
	from frappe.desk.doctype.tag.tag import remove_tag as frappe_remove_tag

	check_may_write(dt, dn, _("a tag"))
	return frappe_remove_tag(tag, dt, dn)
