frappe.query_reports["Talks Due"] = {
	filters: [
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
};
