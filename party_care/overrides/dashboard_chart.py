"""Dashboard charts (frappe.desk.doctype.dashboard_chart): the months on a time-series chart's axis
in the user's language. Frappe writes them in English whatever the language ("Dec 2025",
"Quarter 4 2025": frappe.utils.dateutils.get_period)."""

import re

import frappe
from frappe import _

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = re.compile(r"^(" + "|".join(_MONTHS) + r") (\d{4})$")
_QUARTER = re.compile(r"^Quarter ([1-4]) (\d{4})$")


@frappe.whitelist()
def get(**kwargs):
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_get

	kwargs.pop("cmd", None)
	result = frappe.call(frappe_get, **kwargs)
	if isinstance(result, dict) and isinstance(result.get("labels"), list):
		result["labels"] = [period_label(label) for label in result["labels"]]
	return result


def period_label(label):
	"""'Dec 2025' → '2025年12月', 'Quarter 4 2025' → '2025年第4季度' (in Chinese); anything else as it is."""
	if not isinstance(label, str):
		return label
	if match := _MONTH.match(label):
		return _("Month {1}, {0}").format(match.group(2), _MONTHS.index(match.group(1)) + 1)
	if match := _QUARTER.match(label):
		return _("Quarter {1}, {0}").format(match.group(2), match.group(1))
	return label
