"""Age, party standing and political birthdays, computed on the day they are read.

Party standing (党龄) counts from the day a member became a full member (Party
Constitution art. 7); the political birthday is the anniversary of joining (入党日期).
Organisations that count "as of 31 December" set Party Care Settings.age_reference.
"""

import datetime

import frappe
from frappe.utils import getdate, today


def reference_date(on=None) -> datetime.date:
	"""The date age and standing are counted on: `on` (default today), or 31 Dec of its year."""
	day = getdate(on or today())
	# the cached settings document (cleared when the settings are saved or set): no query per
	# record read (the REST get of a Member computes its age; issue 22)
	if frappe.get_cached_doc("Party Care Settings").get("age_reference") == "End of Year":
		return datetime.date(day.year, 12, 31)
	return day


def whole_years(start, end) -> int:
	"""Completed years from start to end; a 29 February start completes on 28 February."""
	if not start:
		return 0
	start, end = getdate(start), getdate(end)
	years = end.year - start.year
	if (end.month, end.day) < (start.month, start.day):
		years -= 1
	return max(years, 0)


def anniversary(start, year: int) -> datetime.date:
	"""The anniversary of `start` in `year`; 29 February falls on 28 February in common years."""
	start = getdate(start)
	try:
		return start.replace(year=year)
	except ValueError:
		return datetime.date(year, 2, 28)


def next_anniversary(start, on=None) -> datetime.date | None:
	"""The first anniversary of `start` on or after `on` (default today)."""
	if not start:
		return None
	day = getdate(on or today())
	candidate = anniversary(start, day.year)
	if candidate < day:
		candidate = anniversary(start, day.year + 1)
	return candidate
