frappe.query_reports["Fund Payments"] = party_care.drill_down({
	onload(report) {
		party_care.plain_chart_values(report); // the donut's legend reads ¥ 3,000.00, not HTML
	},
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		{
			fieldname: "care_fund",
			label: __("Care Fund"),
			fieldtype: "Link",
			options: "Care Fund",
		},
		party_care.summary_level_filter(),
	],
});
