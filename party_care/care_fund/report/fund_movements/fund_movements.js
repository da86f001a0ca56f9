frappe.query_reports["Fund Movements"] = party_care.drill_down({
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
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
