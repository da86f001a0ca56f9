frappe.query_reports["Commendations"] = party_care.drill_down({
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "award_type",
			label: __("Award Type"),
			fieldtype: "Link",
			options: "Award Type",
		},
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		party_care.summary_level_filter(),
	],
});
