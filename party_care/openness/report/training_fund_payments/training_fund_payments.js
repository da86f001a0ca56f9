frappe.query_reports["Training Fund Payments"] = {
	filters: [
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_end(),
		},
	],
};
