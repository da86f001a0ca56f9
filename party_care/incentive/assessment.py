"""The party-building responsibility assessment (述职评议考核, seeds 004 三(一)1, 002 三(一)1,
003 art. 19, 000 三): a yearly round per committee, one assessment per general branch and branch
with its secretary, indicator scores — the care part read from the annual care assessment, the
rest scored by the assessors — a grade, and its consequences: a grade that calls for it opens a
reminder talk (约谈提醒, a Visit of kind Talk due within the round's days) and a rectification
within a deadline (限期整改, Party Building Rectification).

The figures a computed indicator reads are the Annual Care Assessment's for the organisation and
every organisation under it, summed (rates recomputed from the sums)."""

import frappe
from frappe import _, bold
from frappe.utils import add_days, flt, getdate, today

from party_care.notify import nearest_secretary_user, notify

ASSESSED_TYPES = ("General Branch", "Branch")
ASSESSORS = "Scored by Assessors"
REMINDER_TALK_REASON = "Party Building Reminder Talk"

# source → (the care figure it reads, whether it is a rate earning full marks at 100 %)
SOURCES = {
	"Hardship Cases Paired": ("paired_rate", True),
	"Reviews On Time": ("reviews_rate", True),
	"Visits Done Against Plan": ("visits_rate", True),
	"Talk Coverage": ("talk_coverage", True),
	"Money Paid": ("money_paid", False),
	"Honours Given": ("honours", False),
}
# the care figures kept on the assessment (fieldname → the annual care assessment's column)
CARE_FIELDS = {
	"care_members": "members",
	"care_hardship_cases": "hardship_cases",
	"care_paired": "paired",
	"care_reviews_on_time": "reviews_on_time",
	"care_visits_planned": "planned",
	"care_visits_done": "done",
	"care_talk_coverage": "talk_coverage",
	"care_money_paid": "money_paid",
	"care_honours": "honours",
}

# The seeds' grades (004: 优秀/良好/一般/较差) and indicators; a committee changes them on its round.
DEFAULT_GRADES = [
	{"grade_name": "优秀", "min_score": 90, "is_top_grade": 1, "requires_rectification": 0},
	{"grade_name": "良好", "min_score": 80, "is_top_grade": 0, "requires_rectification": 0},
	{"grade_name": "一般", "min_score": 60, "is_top_grade": 0, "requires_rectification": 1},
	{"grade_name": "较差", "min_score": 0, "is_top_grade": 0, "requires_rectification": 1},
]
DEFAULT_INDICATORS = [
	{"indicator": "党建工作责任制落实", "weight": 30, "source": ASSESSORS},
	{"indicator": "组织生活和“三会一课”", "weight": 20, "source": ASSESSORS},
	{"indicator": "党员教育管理监督", "weight": 20, "source": ASSESSORS},
	{"indicator": "困难党员结对帮扶", "weight": 10, "source": "Hardship Cases Paired"},
	{"indicator": "走访慰问完成情况", "weight": 10, "source": "Visits Done Against Plan"},
	{"indicator": "谈心谈话覆盖面", "weight": 10, "source": "Talk Coverage"},
]


# --- the care figures ----------------------------------------------------------------------------


def care_figures(party_organization: str, year: int) -> frappe._dict:
	"""The Annual Care Assessment's figures for the organisation's subtree in `year`, summed."""
	from party_care.organization.report.annual_care_assessment.annual_care_assessment import data

	rows = data(int(year), party_organization)
	total = frappe._dict(
		{
			k: sum(flt(r.get(k)) for r in rows)
			for k in (
				"members",
				"hardship_cases",
				"paired",
				"reviews_on_time",
				"planned",
				"done",
				"money_paid",
				"honours",
				"talked",
			)
		}
	)

	def rate(part, whole):
		return round(100.0 * part / whole, 1) if whole else 100.0  # nothing to do: nothing left undone

	total.talk_coverage = rate(total.talked, total.members) if total.members else 0.0
	total.paired_rate = rate(total.paired, total.hardship_cases)
	total.reviews_rate = rate(total.reviews_on_time, total.hardship_cases)
	total.visits_rate = rate(total.done, total.planned)
	return total


def computed_score(source: str, figures: dict, full_marks_at: float) -> tuple[float, float]:
	"""(figure, score 0–100) of a computed indicator."""
	key, is_rate = SOURCES[source]
	figure = flt(figures.get(key))
	target = 100.0 if is_rate else flt(full_marks_at)
	if target <= 0:
		return figure, 100.0 if figure > 0 else 0.0
	return figure, round(min(100.0, 100.0 * figure / target), 2)


# --- grades ----------------------------------------------------------------------------------------


def grade_for(grades, score: float):
	"""The grade row whose minimum the score reaches (the highest such minimum)."""
	reached = [g for g in grades if flt(score) >= flt(g.min_score)]
	return max(reached, key=lambda g: flt(g.min_score)) if reached else None


def round_grade(round_name: str, grade_name: str):
	grades = frappe.get_all(
		"Party Building Assessment Grade",
		filters={"parent": round_name, "parenttype": "Party Building Assessment Round"},
		fields=["grade_name", "min_score", "is_top_grade", "requires_rectification"],
	)
	return next((g for g in grades if g.grade_name == grade_name), None), grades


# --- opening a round's assessments ----------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def make_assessments(assessment_round: str) -> dict:
	"""One assessment per general branch and branch under the round's committee that has none yet
	in this round, each with its secretary and its indicator rows. Officers only (create right)."""
	round_doc = frappe.get_doc("Party Building Assessment Round", assessment_round)
	round_doc.check_permission("write")
	frappe.has_permission("Party Building Assessment", "create", throw=True)
	if round_doc.status != "Open":
		frappe.throw(_("The round {0} is closed.").format(bold(round_doc.round_name)), title=_("Not Allowed"))
	lft, rgt = frappe.db.get_value("Party Organization", round_doc.party_organization, ["lft", "rgt"])
	organizations = frappe.get_all(
		"Party Organization",
		filters={"lft": [">", lft], "rgt": ["<", rgt], "organization_type": ["in", ASSESSED_TYPES]},
		pluck="name",
		order_by="lft",
	)
	existing = set(
		frappe.get_all(
			"Party Building Assessment",
			filters={"assessment_round": assessment_round},
			pluck="party_organization",
		)
	)
	made = []
	for organization in organizations:
		if organization in existing:
			continue
		doc = frappe.get_doc(
			doctype="Party Building Assessment",
			assessment_round=assessment_round,
			party_organization=organization,
		)
		doc.insert()
		made.append(doc.name)
	if made:
		frappe.msgprint(_("{0} assessments opened.").format(len(made)), alert=True)
	return {"made": made, "existing": len(existing)}


# --- consequences of a published grade ------------------------------------------------------------


def open_consequences(assessment) -> None:
	"""A grade that calls for it: the reminder talk with the secretary (a Talk due within the round's
	days, held by the secretary of the organisation above) and the rectification with its due date."""
	round_doc = frappe.get_cached_doc("Party Building Assessment Round", assessment.assessment_round)
	grade, _grades = round_grade(assessment.assessment_round, assessment.grade)
	if not grade or not grade.requires_rectification:
		return
	day = getdate(assessment.published_on or today())
	if assessment.secretary and not assessment.reminder_talk:
		from party_care.care_visits.visits import open_talk

		parent = frappe.db.get_value(
			"Party Organization", assessment.party_organization, "parent_party_organization"
		)
		talk = open_talk(
			assessment.secretary,
			REMINDER_TALK_REASON,
			add_days(day, round_doc.reminder_talk_days or 15),
			held_by_organization=parent or assessment.party_organization,
		)
		assessment.db_set("reminder_talk", talk, update_modified=False)
	if not assessment.rectification:
		rectification = frappe.get_doc(
			doctype="Party Building Rectification",
			assessment=assessment.name,
			party_organization=assessment.party_organization,
			secretary=assessment.secretary,
			secretary_name=assessment.secretary_name,
			year=assessment.year,
			grade=assessment.grade,
			due_date=add_days(day, round_doc.rectification_days or 30),
			issues=assessment.rectification_issues,
		)
		rectification.flags.ignore_permissions = True
		rectification.flags.from_assessment = True
		rectification.insert()
		assessment.db_set("rectification", rectification.name, update_modified=False)


def secretary_user(member: str | None) -> str | None:
	return frappe.db.get_value("Member", member, "user") if member else None


def tell_secretary(assessment, subject: str) -> None:
	user = secretary_user(assessment.secretary)
	if user:
		notify([user], subject, assessment)


def nearest_secretary_above(party_organization: str) -> str | None:
	parent = frappe.db.get_value("Party Organization", party_organization, "parent_party_organization")
	return nearest_secretary_user(parent) if parent else None
