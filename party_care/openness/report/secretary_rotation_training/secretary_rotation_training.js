frappe.query_reports["Secretary Rotation Training"] = {
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
		{
			fieldname: "show",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Not Yet Trained", label: __("Not Yet Trained") },
				{ value: "All", label: __("All") },
			],
			default: "Not Yet Trained",
		},
	],
};
