frappe.query_reports["Overdue Visits"] = party_care.drill_down({
	filters: [
		party_care.organization_filter(),
		{
			fieldname: "visit_type",
			label: __("Kind"),
			fieldtype: "Select",
			options: ["", "Visit", "Talk"],
		},
	],
});
