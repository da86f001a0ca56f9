"""Records the openness module ships (idempotent, every migrate; called from install.after_migrate)."""

import frappe

from party_care.openness.letters import TALK_REASON

# the events seed 003 names as traumatic (严重疾病、重大挫折、重大自然灾害或事故、家庭重大变故、纪律处分)
PSYCHOLOGICAL_CARE_REASONS = (
	"Hospitalisation or Serious Illness",
	"Death in the Family",
	"Disaster or Accident",
	"Serious Setback",
	"Disciplinary Action",
)


def after_migrate():
	create_talk_reason()
	mark_psychological_care_reasons()


def create_talk_reason():
	if not frappe.db.exists("Visit Reason", TALK_REASON):
		frappe.get_doc(
			doctype="Visit Reason", reason_name=TALK_REASON, kind="Talk", due_days=15, opens_on_event=0
		).insert(ignore_permissions=True)


def mark_psychological_care_reasons():
	"""The standard traumatic reasons offer psychological care while nobody has changed them
	since they were created (modified = creation); once an officer has edited a reason, a migrate
	leaves his choice alone."""
	reason = frappe.qb.DocType("Visit Reason")
	(
		frappe.qb.update(reason)
		.set(reason.psychological_care, 1)
		.where(reason.name.isin(PSYCHOLOGICAL_CARE_REASONS) & (reason.modified == reason.creation))
		.run()
	)
