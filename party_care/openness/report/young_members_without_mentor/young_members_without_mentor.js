frappe.query_reports["Young Members Without Mentor"] = {
	filters: [
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
};
