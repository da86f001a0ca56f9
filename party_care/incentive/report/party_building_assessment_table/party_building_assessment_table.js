frappe.query_reports["Party Building Assessment Table"] = {
	filters: [
		{
			fieldname: "assessment_round",
			label: __("Assessment Round"),
			fieldtype: "Link",
			options: "Party Building Assessment Round",
		},
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
};
