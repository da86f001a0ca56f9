"""Drive the app's approval routes as the real users would (in-process): fund applications,
holiday payment batches, commendations. One `end_notice` for every route with a public notice."""

import datetime

import frappe
from frappe.utils import add_days, add_to_date, getdate, now_datetime, today

from tests.support.factories import act_on, acting_as, make_member, save_as

# what anyone reading a public notice (get_notices, /notices) may see of a row, and nothing more
NOTICE_FIELDS = {
	"name",
	"member_name",
	"party_organization",
	"purpose",
	"purpose_label",
	"amount_approved",
	"notice_start",
	"notice_end",
}


def end_notice(doctype: str, name: str) -> None:
	"""Let the public notice of a record run out (as if its days had passed)."""
	frappe.db.set_value(
		doctype,
		name,
		{"notice_start": add_days(now_datetime(), -6), "notice_end": add_to_date(now_datetime(), minutes=-1)},
		update_modified=False,
	)


# --- Fund Application ---------------------------------------------------------------------------------


def fund_act(name: str, action: str, user: str, **values):
	return act_on("Fund Application", name, action, user, **values)


def branch_values():
	return dict(
		branch_meeting_date=today(),
		branch_resolution="同意上报",
		votes_for=25,
		votes_against=1,
		votes_abstain=2,
	)


def fund_to_committee(name, w):
	fund_act(name, "Submit", w.users.mem_a)
	fund_act(name, "Pass Branch Review", w.users.sec_a, **branch_values())
	fund_act(name, "Accept", w.users.officer, department_opinion="情况属实，符合条件")


def decide(name, w, amount):
	return fund_act(
		name,
		"Approve",
		w.users.committee,
		committee_meeting_date=today(),
		committee_decision="研究同意",
		amount_approved=amount,
	)


def fund_through_branch(name, w, secretary: str, votes_for: int = 20, votes_against: int = 0):
	"""An application its branch secretary `secretary` submits and passes in the branch meeting
	(同意, `votes_for` for, `votes_against` against), accepted by the officer (属实): at the
	committee."""
	fund_act(name, "Submit", secretary)
	fund_act(
		name,
		"Pass Branch Review",
		secretary,
		branch_meeting_date=today(),
		branch_resolution="同意",
		votes_for=votes_for,
		votes_against=votes_against,
		votes_abstain=0,
	)
	fund_act(name, "Accept", w.users.officer, department_opinion="属实")


def fund_through_notice(name, w, amount):
	"""An application at the committee: approved for `amount`, its notice run out and closed."""
	decide(name, w, amount)
	end_notice("Fund Application", name)
	return fund_act(name, "Close Notice", w.users.officer)


def fund_ready_to_pay(name, w, amount, secretary: str, payment_method: str = "Signed Receipt"):
	"""fund_through_branch, fund_through_notice, and the officer sets how it will be paid (saved,
	not paid: the test pays it)."""
	fund_through_branch(name, w, secretary)
	fund_through_notice(name, w, amount)
	return save_as(w.users.officer, "Fund Application", name, payment_method=payment_method)


def fund_to_paid(name, w, amount):
	fund_to_committee(name, w)
	decide(name, w, amount)
	end_notice("Fund Application", name)
	fund_act(name, "Close Notice", w.users.officer)
	return fund_act(name, "Pay", w.users.officer, payment_method="Signed Receipt")


# --- Care Payment Batch (holiday batches) ---------------------------------------------------------------

STANDARD = "测试慰问标准"


def batch_act(name: str, action: str, user: str, **values):
	return act_on("Care Payment Batch", name, action, user, **values)


def make_standard(name: str = STANDARD, combination: str = "Highest"):
	if frappe.db.exists("Care Standard", name):
		frappe.delete_doc("Care Standard", name, force=True)
	return frappe.get_doc(
		doctype="Care Standard",
		standard_name=name,
		combination=combination,
		rows=[
			{"category": "Age at Least", "threshold": 80, "label": "80岁以上", "amount": 500},
			{"category": "Party Standing at Least", "threshold": 50, "label": "老党员", "amount": 300},
			{"category": "Duty Martyr Family", "label": "烈属", "amount": 800},
			{"category": "In Hardship", "label": "困难党员", "amount": 400},
		],
	).insert()


def elderly(org: str, **kwargs):
	"""A member of 85 with 60 years' standing (fits 80岁以上 and 老党员)."""
	born = datetime.date(frappe.utils.getdate().year - 85, 3, 3)
	return make_member(
		org,
		date_of_birth=born,
		date_joined=datetime.date(born.year + 23, 5, 1),
		date_full_member=datetime.date(born.year + 24, 5, 1),
		**kwargs,
	).name


def martyr_family(org: str, **kwargs):
	return make_member(org, is_duty_martyr_family=1, **kwargs).name


def make_batch(
	w,
	fund: str,
	org: str | None = None,
	occasion: str = "Spring Festival",
	standard: str = STANDARD,
	user: str | None = None,
	year: int | None = None,
	**kwargs,
):
	"""A draft batch as the officer, with its lines drawn up."""
	from party_care.care_batches.batches import make_lines

	with acting_as(user or w.users.officer, then="Administrator"):
		doc = frappe.get_doc(
			doctype="Care Payment Batch",
			title="测试春节慰问",
			occasion=occasion,
			year=year or frappe.utils.getdate().year,
			party_organization=org or w.orgs.committee,
			care_fund=fund,
			care_standard=standard,
			**kwargs,
		).insert()
		make_lines(doc.name)
	return doc.name


def as_user(user, fn, *args, **kwargs):
	with acting_as(user, then="Administrator"):
		return fn(*args, **kwargs)


def lines(batch: str, **filters):
	return frappe.get_all(
		"Care Payment Line",
		filters={"batch": batch, **filters},
		fields=[
			"name",
			"member",
			"member_name",
			"party_organization",
			"amount",
			"status",
			"category",
			"skip_reason",
			"ledger_entry",
		],
		order_by="name",
	)


def confirm_all(name, w):
	from party_care.care_batches.batches import confirm_lines

	as_user(w.users.officer, confirm_lines, name)


def batch_to_committee(name, w):
	batch_act(name, "Submit", w.users.officer)
	confirm_all(name, w)
	batch_act(name, "Close Confirmation", w.users.officer)
	batch_act(name, "Accept", w.users.officer, department_opinion="名单经审核无误")


def batch_approve(name, w):
	return batch_act(
		name, "Approve", w.users.committee, committee_meeting_date=today(), committee_decision="研究同意"
	)


def to_approved(name, w):
	batch_to_committee(name, w)
	batch_approve(name, w)
	end_notice("Care Payment Batch", name)
	return batch_act(name, "Close Notice", w.users.officer)


def batch_ready_to_pay(name, w, payment_method: str = "Signed Receipt"):
	"""to_approved, and the officer sets how it will be paid (saved, not paid: the test pays it)."""
	to_approved(name, w)
	return save_as(w.users.officer, "Care Payment Batch", name, payment_method=payment_method)


def batch_to_paid(name, w):
	to_approved(name, w)
	return batch_act(name, "Pay", w.users.officer, payment_method="Signed Receipt")


# --- Commendation (honours) -----------------------------------------------------------------------------

EXCELLENT_MEMBER = "Excellent Party Member"
EXCELLENT_WORKER = "Excellent Party Worker"
ADVANCED_ORGANIZATION = "Advanced Party Organization"
PLEDGE_KEEPING = "Pledge-Keeping Member"
MEDAL = "50 Years in the Party medal"
TEN_YEAR = "Ten-Year Party Worker Certificate"

THIS_YEAR = getdate(today()).year


def make_commendation(
	member: str | None = None,
	award_type: str = EXCELLENT_MEMBER,
	user: str | None = None,
	recipient_organization: str | None = None,
	year: int = THIS_YEAR,
	**kwargs,
):
	"""A nomination, created as `user` (default: the current user)."""
	with acting_as(user):
		return frappe.get_doc(
			doctype="Commendation",
			award_type=award_type,
			member=member,
			recipient_organization=recipient_organization,
			year=year,
			citation=kwargs.pop("citation", "带头攻坚克难，事迹突出"),
			**kwargs,
		).insert()


def honours_act(name: str, action: str, user: str, **values):
	return act_on("Commendation", name, action, user, **values)


def commendation_state(name):
	return frappe.db.get_value("Commendation", name, ["workflow_state", "docstatus"])


def recommend(name, user):
	return honours_act(name, "Recommend", user, branch_opinion="经支部党员大会讨论，同意推荐")


def honours_approve(name, w, user=None, **values):
	return honours_act(
		name,
		"Approve",
		user or w.users.committee,
		committee_meeting_date=today(),
		committee_decision="党委会研究同意",
		**values,
	)


def to_notice(name, w, secretary=None, **approve_values):
	recommend(name, secretary or w.users.sec_a)
	honours_approve(name, w, **approve_values)
	return honours_act(name, "Publish Notice", w.users.officer)


def to_awarded(name, w, secretary=None, **approve_values):
	to_notice(name, w, secretary, **approve_values)
	end_notice("Commendation", name)
	return honours_act(name, "Award", w.users.officer)


def make_share(fund, unit, user="Administrator", submit=True, **values):
	"""A dues share of this quarter (12,000 collected, the default share of 10 %), as `user`."""
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(
			doctype="Dues Share",
			care_fund=fund,
			party_organization=unit,
			year=values.pop("year", frappe.utils.getdate().year),
			frequency=values.pop("frequency", "Quarterly"),
			period_number=values.pop("period_number", (frappe.utils.getdate().month - 1) // 3 + 1),
			dues_collected=values.pop("dues_collected", 12000),
			**values,
		).insert()
		if submit:
			doc.submit()
		return doc
	finally:
		frappe.set_user("Administrator")


def listed(user, doctype, **filters):
	frappe.set_user(user)
	try:
		return set(frappe.get_list(doctype, filters=filters, pluck="name", limit_page_length=0))
	except frappe.PermissionError:
		return set()
	finally:
		frappe.set_user("Administrator")
