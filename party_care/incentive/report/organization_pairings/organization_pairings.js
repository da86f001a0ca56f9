frappe.query_reports["Organization Pairings"] = {
	filters: [
		party_care.organization_filter(),
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: party_care.this_year(),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Ongoing", label: __("Ongoing") },
				{ value: "Ended", label: __("Ended") },
			],
		},
	],
};
