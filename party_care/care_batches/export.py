"""The bank-transfer list of a batch (XLSX or CSV) — for the organisation department only: name,
masked ID number, the bank card where the member record holds one, amount."""

import csv
import io

import frappe
from frappe import _, bold
from frappe.utils import flt

from party_care import roles
from party_care.care_batches.line_rights import get_batch

BANK_CARD_FIELD = "bank_card_number"  # on Member, where an organisation records it


def bank_rows(batch: str) -> list[list]:
	line = frappe.qb.DocType("Care Payment Line")
	member = frappe.qb.DocType("Member")
	has_card = frappe.get_meta("Member").has_field(BANK_CARD_FIELD)
	columns = [
		line.member_name,
		member.id_number_masked,
		member[BANK_CARD_FIELD] if has_card else line.name,
		line.amount,
	]
	rows = (
		frappe.qb.from_(line)
		.join(member)
		.on(member.name == line.member)
		.select(*columns)
		.where((line.batch == batch) & line.status.isin(("Confirmed", "Paid")))
		.orderby(line.party_organization)
		.orderby(line.name)
		.run()
	)
	return [[name, masked, card if has_card else "", flt(amount)] for name, masked, card, amount in rows]


@frappe.whitelist(methods=["GET", "POST"])
def export_bank_list(batch: str, file_format: str = "XLSX"):
	if not set(frappe.get_roles()) & {roles.ORGANIZATION_OFFICER, "System Manager"}:
		frappe.throw(
			_("Only the organisation department exports the bank-transfer list."), frappe.PermissionError
		)
	doc = get_batch(batch)
	doc.check_permission("read")
	if file_format not in ("XLSX", "CSV"):
		frappe.throw(
			_("File format {0} is not offered; choose XLSX or CSV.").format(bold(file_format)),
			title=_("Invalid Value"),
		)
	header = [_("Member Name"), _("ID Number (Masked)"), _("Bank Card"), _("Amount")]
	data = [header, *bank_rows(doc.name)]
	filename = f"{doc.name}-bank"
	if file_format == "CSV":
		out = io.StringIO()
		csv.writer(out).writerows(data)
		frappe.response["filecontent"] = "\ufeff" + out.getvalue()  # BOM: spreadsheet programs read UTF-8
		frappe.response["type"] = "download"
		frappe.response["filename"] = f"{filename}.csv"
		return
	from frappe.utils.xlsxutils import make_xlsx

	frappe.response["filecontent"] = make_xlsx(data, _("Bank Transfer List")).getvalue()
	frappe.response["type"] = "binary"
	frappe.response["filename"] = f"{filename}.xlsx"
