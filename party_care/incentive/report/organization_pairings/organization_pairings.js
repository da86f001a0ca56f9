frappe.query_reports["Organization Pairings"] = {
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
