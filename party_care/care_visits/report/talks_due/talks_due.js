frappe.query_reports["Talks Due"] = party_care.drill_down({
	filters: [
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
});
