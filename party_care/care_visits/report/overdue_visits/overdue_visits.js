frappe.query_reports["Overdue Visits"] = party_care.drill_down({
	filters: [
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		{
			fieldname: "visit_type",
			label: __("Kind"),
			fieldtype: "Select",
			options: ["", "Visit", "Talk"],
		},
	],
});
