"""Allowance periods: "2026" (yearly), "2026-Q3" (quarterly), "2026-08" (monthly)."""

import datetime

from frappe.utils import getdate


def period_of(day, frequency: str) -> str:
	day = getdate(day)
	if frequency == "Yearly":
		return f"{day.year}"
	if frequency == "Quarterly":
		return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
	return f"{day.year}-{day.month:02d}"


def period_start(period: str) -> datetime.date:
	if "-Q" in period:
		year, quarter = period.split("-Q")
		return datetime.date(int(year), 3 * (int(quarter) - 1) + 1, 1)
	if "-" in period:
		year, month = period.split("-")
		return datetime.date(int(year), int(month), 1)
	return datetime.date(int(period), 1, 1)
