"""Member care record (党员关怀档案): everything the organisation did for one member — visits and
talks, assistance applications, holiday money and allowances, honours, hardship history — each
with its dates and amounts, and totals per year.

Read it only as the Member himself may be read (his own record, his secretaries' subtree, the
officers, committee and auditors); the sensitive parts (visit notes, a hardship case's
situation) only for users with permlevel-1 read on those DocTypes; what it hands over of them is
logged, as a list is (party_care/guards/read_log.py: one row per DocType and field group, with the
number of records; channel "Desk Form" for the Member form's tab, "Print" for the print format)."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from party_care.guards import read_log
from party_care.openness.study import member_study
from party_care.permissions import member_of_user

KINDS = ("Visit", "Talk", "Application", "Holiday Money", "Allowance", "Honour", "Hardship")


def _level1(doctype: str) -> bool:
	return 1 in frappe.get_meta(doctype).get_permlevel_access("read")


def _year(day) -> int | None:
	return getdate(day).year if day else None


def care_record(member: str, channel: str = "Desk Form") -> dict:
	if not member or not frappe.db.exists("Member", member):
		frappe.throw(_("Member {0} does not exist.").format(member), frappe.DoesNotExistError)
	doc = frappe.get_doc("Member", member)
	doc.check_permission("read")
	events: list[dict] = []

	visit_fields = [
		"name",
		"visit_type",
		"visit_reason",
		"status",
		"due_date",
		"visit_date",
		"fund_application",
		"campaign",
	]
	# the visitor's notes: for level-1 readers, and never about the reader himself
	notes = _level1("Visit") and member != member_of_user()
	if notes:
		visit_fields.append("notes")
	visits = frappe.get_all(
		"Visit", filters={"member": member, "status": ["!=", "Cancelled"]}, fields=visit_fields
	)
	if notes:
		read_log.note_rows("Visit", visits, channel, fields=["name", "notes"])
	for v in visits:
		events.append(
			dict(
				kind="Talk" if v.visit_type == "Talk" else "Visit",
				doctype="Visit",
				name=v.name,
				date=v.visit_date or v.due_date,
				title=_(v.visit_reason),
				status=_(v.status),
				amount=0.0,
				note=v.get("notes") if notes else None,
			)
		)

	for a in frappe.get_all(
		"Fund Application",
		filters={"member": member},
		fields=[
			"name",
			"purpose",
			"workflow_state",
			"application_date",
			"amount_requested",
			"amount_approved",
			"paid_on",
		],
	):
		paid = a.workflow_state == "Paid"
		events.append(
			dict(
				kind="Application",
				doctype="Fund Application",
				name=a.name,
				date=a.paid_on or a.application_date,
				title=_(a.purpose),
				status=_(a.workflow_state),
				amount=flt(a.amount_approved) if paid else 0.0,
				note=None,
			)
		)

	line = frappe.qb.DocType("Care Payment Line")
	batch = frappe.qb.DocType("Care Payment Batch")
	entry = frappe.qb.DocType("Fund Ledger Entry")
	for r in (
		frappe.qb.from_(line)
		.join(batch)
		.on(batch.name == line.batch)
		.left_join(entry)
		.on(entry.name == line.ledger_entry)
		.select(
			line.name,
			line.amount,
			line.status,
			line.category,
			line.skip_reason,
			batch.name.as_("batch"),
			batch.title,
			batch.occasion,
			batch.year,
			batch.allowance_plan,
			batch.period,
			batch.creation,
			entry.posting_date,
		)
		.where((line.member == member) & line.status.isin(("Confirmed", "Paid", "Skipped")))
		.run(as_dict=True)
	):
		events.append(
			dict(
				kind="Allowance" if r.allowance_plan else "Holiday Money",
				doctype="Care Payment Batch",
				name=r.batch,
				date=r.posting_date or r.creation,
				title=f"{r.title} · {r.category}",
				status=_(r.status),
				amount=flt(r.amount) if r.status == "Paid" else 0.0,
				note=r.skip_reason,
			)
		)

	if frappe.db.table_exists("Commendation"):
		for c in frappe.get_all(
			"Commendation",
			filters={"member": member, "workflow_state": "Awarded"},
			fields=["name", "award_type", "year", "award_date", "reward_amount", "certificate_number"],
		):
			events.append(
				dict(
					kind="Honour",
					doctype="Commendation",
					name=c.name,
					date=c.award_date,
					title=_(c.award_type),
					status=c.certificate_number,
					amount=0.0,
					note=None,
				)
			)

	situation = _level1("Hardship Case")
	case_fields = ["name", "registered_on", "hardship_type", "hardship_level", "status", "closing_date"]
	if situation:
		case_fields.append("situation")
	cases = frappe.get_all("Hardship Case", filters={"member": member}, fields=case_fields)
	if situation:
		read_log.note_rows("Hardship Case", cases, channel, fields=["name", "situation"])
	for h in cases:
		events.append(
			dict(
				kind="Hardship",
				doctype="Hardship Case",
				name=h.name,
				date=h.registered_on,
				title=f"{_(h.hardship_type)} · {_(h.hardship_level)}",
				status=_(h.status) + (f" ({h.closing_date})" if h.closing_date else ""),
				amount=0.0,
				note=h.get("situation") if situation else None,
			)
		)

	for e in events:
		e["date"] = getdate(e["date"]) if e["date"] else None
		e["kind_label"] = _(e["kind"])
	events.sort(key=lambda e: (e["date"] is None, e["date"] or getdate("1900-01-01")), reverse=True)
	by_year: dict[int, dict] = {}
	for e in events:
		year = _year(e["date"])
		if not year:
			continue
		row = by_year.setdefault(year, {"year": year, "amount": 0.0, **dict.fromkeys(KINDS, 0)})
		row[e["kind"]] += 1
		row["amount"] += e["amount"]
	years = sorted(by_year.values(), key=lambda r: r["year"], reverse=True)
	this_year = getdate().year
	return {
		"member": member,
		"member_name": doc.full_name,
		"events": events,
		"years": years,
		"this_year": by_year.get(this_year, {"year": this_year, "amount": 0.0, **dict.fromkeys(KINDS, 0)}),
		"total_amount": sum(e["amount"] for e in events),
		"kinds": [{"kind": k, "label": _(k)} for k in KINDS],
		"sensitive": notes or situation,
		# this year's study hours against 32 (and 16 for a young member) and his mentor
		"study": member_study(member),
	}


@frappe.whitelist(methods=["GET"])
def get_care_record(member: str) -> dict:
	return care_record(member)


def care_record_for_print(member: str) -> dict:
	"""The same record for the print format (Jinja method, see hooks)."""
	return care_record(member, channel="Print")
