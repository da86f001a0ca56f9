frappe.query_reports["Annual Care Assessment"] = party_care.drill_down({
	filters: [
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: party_care.this_year(),
			reqd: 1,
		},
		party_care.summary_level_filter(),
	],
});
