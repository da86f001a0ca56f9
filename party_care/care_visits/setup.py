"""Standard visit and talk reasons (五必访/四必访, 五必谈/七必谈, seeds 000, 001, 003, 004).
Created once; officers may change the days afterwards — a migrate never overwrites them."""

import frappe

# name, kind, due days, opens on event, marks deceased, payment purpose
STANDARD_REASONS = [
	("Hospitalisation or Serious Illness", "Visit", 3, 1, 0, "Serious Illness or Disaster Relief"),
	("Death in the Family", "Visit", 3, 1, 0, ""),
	("Disaster or Accident", "Visit", 3, 1, 0, "Serious Illness or Disaster Relief"),
	("Special Hardship", "Visit", 7, 1, 0, "Emergency Relief"),
	("Ideological Upheaval", "Visit", 7, 1, 0, ""),
	("Serious Setback", "Visit", 7, 1, 0, ""),
	("End of Life", "Visit", 1, 1, 0, ""),
	("Death of Member", "Visit", 3, 1, 1, "Condolence"),
	("Holiday Visit", "Visit", 30, 0, 0, ""),
	("Elderly Member Visit", "Visit", 30, 0, 0, ""),
	("Migrant Worker Family Visit", "Visit", 30, 0, 0, ""),
	("Duty Martyr Family Visit", "Visit", 30, 0, 0, ""),
	("Routine Visit", "Visit", 30, 0, 0, ""),
	("Annual Talk", "Talk", 30, 0, 0, ""),
	("Quarterly Talk with Branch Secretary", "Talk", 30, 0, 0, ""),
	("Joining or Transfer", "Talk", 15, 1, 0, ""),
	("Change of Post", "Talk", 15, 1, 0, ""),
	("Received Honours", "Talk", 15, 1, 0, ""),
	("Disciplinary Action", "Talk", 7, 1, 0, ""),
	("Public Complaint", "Talk", 7, 1, 0, ""),
	("Retirement", "Talk", 15, 1, 0, ""),
	("Member in Difficulty", "Talk", 15, 0, 0, ""),
	# the talk a party-building grade of 一般/较差 calls for (约谈提醒, seed 004; party_care/incentive)
	("Party Building Reminder Talk", "Talk", 15, 0, 0, ""),
]


def create_standard_reasons():
	for name, kind, days, on_event, deceased, purpose in STANDARD_REASONS:
		if frappe.db.exists("Visit Reason", name):
			continue
		frappe.get_doc(
			doctype="Visit Reason",
			reason_name=name,
			kind=kind,
			due_days=days,
			opens_on_event=on_event,
			marks_member_deceased=deceased,
			payment_purpose=purpose,
		).insert(ignore_permissions=True)
