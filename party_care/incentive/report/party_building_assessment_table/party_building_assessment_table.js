frappe.query_reports["Party Building Assessment Table"] = {
	filters: [
		{
			fieldname: "assessment_round",
			label: __("Assessment Round"),
			fieldtype: "Link",
			options: "Party Building Assessment Round",
		},
		party_care.organization_filter(),
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
};
