frappe.query_reports["Study Hours Shortfall"] = {
	filters: [
		party_care.organization_filter(),
		party_care.year_filter(),
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
