frappe.query_reports["Fund Movements"] = party_care.drill_down({
	filters: [
		party_care.year_filter(),
		{
			fieldname: "care_fund",
			label: __("Care Fund"),
			fieldtype: "Link",
			options: "Care Fund",
		},
		{
			fieldname: "party_organization",
			label: __("Committee"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		party_care.summary_level_filter(),
	],
});
