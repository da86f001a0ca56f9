frappe.query_reports["Party Building Rectifications"] = {
	filters: [
		party_care.organization_filter(),
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "Reported", "Closed"],
		},
		{ fieldname: "overdue_only", label: __("Overdue Only"), fieldtype: "Check" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
};
