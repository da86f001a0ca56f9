frappe.query_reports["Study Hours Shortfall"] = {
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
			fieldname: "requirement",
			label: __("Requirement"),
			fieldtype: "Select",
			options: [
				{ value: "Both", label: __("Both") },
				{ value: "Collective Training", label: __("Collective Training (32 Hours)") },
				{ value: "Young Members' Study", label: __("Young Members' Study (16 Hours)") },
			],
			default: "Both",
		},
	],
};
