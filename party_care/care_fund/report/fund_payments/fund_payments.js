frappe.query_reports["Fund Payments"] = party_care.drill_down({
	onload(report) {
		party_care.plain_chart_values(report); // the donut's legend reads ¥ 3,000.00, not HTML
	},
	filters: [
		party_care.year_filter(),
		party_care.organization_filter(),
		{
			fieldname: "care_fund",
			label: __("Care Fund"),
			fieldtype: "Link",
			options: "Care Fund",
		},
		party_care.summary_level_filter(),
	],
});
