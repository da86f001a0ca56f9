frappe.query_reports["Activity and Volunteer Hours"] = {
	filters: [
		party_care.organization_filter(),
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
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Organization", label: __("Party Organization") },
				{ value: "Member", label: __("Member") },
			],
			default: "Organization",
		},
	],
};
