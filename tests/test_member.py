"""Member register: what a secretary types is checked, and nothing half-valid is saved."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, add_years, getdate, today

from party_care.exceptions import (
	DuplicateIDNumberError,
	InvalidIDNumberError,
	InvalidMemberDatesError,
	InvalidOrganizationError,
)
from party_care.utils import id_number
from tests.support.factories import make_member, member_values


def _insert(values):
	return frappe.get_doc(values).insert()


def _count():
	return frappe.db.count("Member")


def test_valid_member_is_saved_with_masked_id(world):
	member = make_member(world.orgs.branch_a, full_name=" 孙立平 ")
	assert member.full_name == "孙立平"
	assert member.id_number_masked == member.id_number[:4] + "*" * 10 + member.id_number[-4:]


def test_wrong_id_checksum_is_refused_and_nothing_saved(world):
	values = member_values(world.orgs.branch_a)
	good = values["id_number"]
	values["id_number"] = good[:17] + ("0" if good[17] != "0" else "1")
	before = _count()
	with pytest.raises(InvalidIDNumberError):
		_insert(values)
	assert _count() == before


def test_id_birth_date_must_match_date_of_birth(world):
	values = member_values(world.orgs.branch_a)
	values["date_of_birth"] = add_days(values["date_of_birth"], 1)
	with pytest.raises(InvalidIDNumberError, match="does not match"):
		_insert(values)


def test_birth_date_and_gender_are_taken_from_id_when_left_empty(world):
	values = member_values(world.orgs.branch_a, gender="Female")
	born = values.pop("date_of_birth")
	values.pop("gender")
	member = _insert(values)
	assert getdate(member.date_of_birth) == born
	assert member.gender == "Female"


def test_gender_contradicting_id_is_refused(world):
	values = member_values(world.orgs.branch_a, gender="Female")
	values["gender"] = "Male"
	with pytest.raises(InvalidIDNumberError):
		_insert(values)


def test_duplicate_id_number_is_refused(world):
	first = make_member(world.orgs.branch_a)
	values = member_values(
		world.orgs.branch_b, date_of_birth=getdate(first.date_of_birth), gender=first.gender
	)
	values["id_number"] = first.id_number.lower()  # a lower-case x must not slip past
	with pytest.raises(DuplicateIDNumberError):
		_insert(values)


def test_missing_id_number_is_refused(world):
	values = member_values(world.orgs.branch_a)
	values["id_number"] = ""
	with pytest.raises(InvalidIDNumberError):
		_insert(values)


def test_joining_before_birth_is_refused(world):
	values = member_values(world.orgs.branch_a)
	values["date_joined"] = add_days(values["date_of_birth"], -1)
	values["date_full_member"] = None
	values["member_status"] = "Probationary"
	with pytest.raises(InvalidMemberDatesError):
		_insert(values)


def test_joining_before_age_18_is_refused_and_18th_birthday_is_allowed(world):
	born = datetime.date(1990, 5, 20)
	values = member_values(
		world.orgs.branch_a, date_of_birth=born, member_status="Probationary", date_full_member=None
	)
	values["date_joined"] = datetime.date(2008, 5, 19)
	with pytest.raises(InvalidMemberDatesError, match="18"):
		_insert(dict(values))
	values["date_joined"] = datetime.date(2008, 5, 20)
	assert _insert(values).name


def test_full_member_date_before_joining_is_refused(world):
	values = member_values(world.orgs.branch_a)
	values["date_full_member"] = add_days(values["date_joined"], -1)
	with pytest.raises(InvalidMemberDatesError):
		_insert(values)


def test_full_member_date_in_future_is_refused(world):
	values = member_values(world.orgs.branch_a)
	values["date_full_member"] = add_days(today(), 1)
	with pytest.raises(InvalidMemberDatesError):
		_insert(values)


def test_full_member_needs_full_member_date(world):
	values = member_values(world.orgs.branch_a, date_full_member=None)
	with pytest.raises(InvalidMemberDatesError):
		_insert(values)


@pytest.mark.parametrize("org_key", ["committee", "general_branch"])
def test_member_only_in_branch_or_party_group(world, org_key):
	with pytest.raises(InvalidOrganizationError):
		_insert(member_values(world.orgs[org_key]))


def test_member_in_party_group_is_allowed(world):
	assert make_member(world.orgs.group_a).party_organization == world.orgs.group_a


def test_age_standing_and_political_birthday_are_computed_on_read(world):
	today_ = getdate(today())
	born = getdate(add_years(today_, -81))
	joined = getdate(add_years(today_, -55))
	full = getdate(add_days(add_years(today_, -54), 1))  # 54th anniversary is tomorrow
	member = make_member(world.orgs.branch_a, date_of_birth=born, date_joined=joined, date_full_member=full)
	fresh = frappe.get_doc("Member", member.name)
	assert fresh.age == 81
	assert fresh.party_standing == 53
	assert getdate(fresh.next_political_birthday) == today_  # anniversary of joining is today
	# nothing stale is stored: the columns do not exist
	columns = frappe.db.get_table_columns("Member")
	assert "age" not in columns and "party_standing" not in columns


def test_probationary_member_has_no_standing(world):
	member = make_member(world.orgs.branch_a, member_status="Probationary", date_full_member=None)
	assert member.party_standing == 0


def test_end_of_year_reference_date_setting(world):
	today_ = getdate(today())
	# born on 31 December, so before that day the age differs between the two settings
	born = datetime.date(today_.year - 40, 12, 31)
	member = make_member(
		world.orgs.branch_a,
		date_of_birth=born,
		date_joined=datetime.date(born.year + 20, 1, 1),
		date_full_member=datetime.date(born.year + 21, 1, 1),
	)
	frappe.db.set_single_value("Party Care Settings", "age_reference", "End of Year")
	frappe.clear_document_cache("Party Care Settings", "Party Care Settings")
	assert member.age == 40
	frappe.db.set_single_value("Party Care Settings", "age_reference", "Current Date")
	frappe.clear_document_cache("Party Care Settings", "Party Care Settings")
	assert member.age == (40 if today_.month == 12 and today_.day == 31 else 39)


def test_one_user_links_one_member(world):
	with pytest.raises(frappe.ValidationError, match="already linked"):
		make_member(world.orgs.branch_b, user=world.users.mem_a)


def test_linking_a_user_gives_him_the_party_member_role(world):
	from tests.support.factories import make_user

	user = make_user("new-member@party-care.test", roles=[])
	make_member(world.orgs.branch_a, user=user.name)
	assert "Party Member" in frappe.get_roles(user.name)


def test_id_number_helpers():
	number = id_number.make("110105", datetime.date(1949, 10, 1), 123)
	assert id_number.is_well_formed(number)
	assert id_number.birth_date(number) == datetime.date(1949, 10, 1)
	assert id_number.gender(number) == "Male"
	assert id_number.is_well_formed("11010519491231002X")
	assert not id_number.is_well_formed("110105194912310021")
	assert id_number.mask("11010519491231002X") == "1101**********002X"
