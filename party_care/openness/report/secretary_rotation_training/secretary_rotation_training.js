frappe.query_reports["Secretary Rotation Training"] = {
	filters: [
		party_care.organization_filter(),
		party_care.year_filter(),
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
