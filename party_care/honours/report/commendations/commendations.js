frappe.query_reports["Commendations"] = party_care.drill_down({
	filters: [
		party_care.year_filter(),
		{
			fieldname: "award_type",
			label: __("Award Type"),
			fieldtype: "Link",
			options: "Award Type",
		},
		party_care.organization_filter(),
		party_care.summary_level_filter(),
	],
});
