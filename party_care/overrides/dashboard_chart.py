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
def get(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache=None,
	filters: str | dict | list | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | int | None = None,
	refresh=None,
):
	"""Frappe's chart endpoint, its arguments checked first (a translated 417, not a 500)."""
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_get

	from party_care.guards.arguments import check_doctype, invalid, json_arg

	if chart_name not in (None, ""):
		if not isinstance(chart_name, str) or not frappe.db.exists("Dashboard Chart", chart_name):
			invalid(_("{0}: no such chart.").format(frappe.bold("chart_name")))
		chart_type = frappe.db.get_value("Dashboard Chart", chart_name, "chart_type")
	else:
		chart = json_arg(chart, "chart", dict) or invalid(
			_("{0} is missing.").format(frappe.bold("chart_name"))
		)
		check_doctype("chart.document_type", chart.get("document_type"), required=True)
		chart_type = chart.get("chart_type")
	if chart_type not in ("Count", "Sum", "Average", "Group By"):
		invalid(_("{0}: no such chart.").format(frappe.bold("chart_name")))
	filters = json_arg(filters, "filters", (list, dict))
	for name, value in (
		("from_date", from_date),
		("to_date", to_date),
		("timespan", timespan),
		("time_interval", time_interval),
	):
		if value is not None and not isinstance(value, str):
			invalid(_("{0} must be one of {1}.").format(frappe.bold(name), "YYYY-MM-DD"))
	if heatmap_year not in (None, "") and not str(heatmap_year).isdigit():
		invalid(_("{0} must be one of {1}.").format(frappe.bold("heatmap_year"), "2026"))
	result = frappe_get(
		chart_name=chart_name or None,
		chart=frappe.as_json(chart) if isinstance(chart, dict) else None,
		no_cache=no_cache,
		filters=filters,
		from_date=from_date,
		to_date=to_date,
		timespan=timespan,
		time_interval=time_interval,
		heatmap_year=heatmap_year,
		refresh=refresh,
	)
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
