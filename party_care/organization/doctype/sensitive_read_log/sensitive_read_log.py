# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

"""Who read which sensitive personal information (party_care/guards/read_log.py writes the rows).

Append-only: the rows are written by the app's own multi-row INSERT, never through a Document, so
every Document route — the desk, REST, `frappe.client`, Administrator included — is refused: no
insert, no change, no delete. The DocType grants read only (Care Auditor, System Manager)."""

import frappe
from frappe import _
from frappe.model.document import Document


class SensitiveReadLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["Desk Form", "REST API", "List or Report", "Print", "Export"]
		field_group: DF.Literal[
			"ID Number",
			"Hardship Situation",
			"Family Members",
			"Income",
			"Private Notes",
			"Confidential Letter",
			"Care Plan",
		]
		ip_address: DF.Data | None
		party_organization: DF.Link | None
		query: DF.SmallText | None
		read_at: DF.Datetime | None
		record_count: DF.Int
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		request_path: DF.Data | None
		user: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		refuse()

	def validate(self):
		refuse()

	def on_trash(self):
		refuse()

	def before_rename(self, *args, **kwargs):
		refuse()


def refuse():
	frappe.throw(
		_("The sensitive read log is written by the system only: nobody adds, changes or deletes its rows."),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)
