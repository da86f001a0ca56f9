frappe.query_reports["Sensitive Reads"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -30),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "user", label: __("Reader"), fieldtype: "Link", options: "User" },
		{
			fieldname: "reference_doctype",
			label: __("Document Type"),
			fieldtype: "Select",
			options: [
				"",
				"Member",
				"Hardship Case",
				"Visit",
				"Member Event",
				"Confidential Letter",
				"Psychological Care Plan",
			],
		},
		{
			fieldname: "reference_name",
			label: __("Record"),
			fieldtype: "Dynamic Link",
			options: "reference_doctype",
		},
		{
			fieldname: "field_group",
			label: __("Information Read"),
			fieldtype: "Select",
			options: [
				"",
				"ID Number",
				"Hardship Situation",
				"Family Members",
				"Income",
				"Private Notes",
				"Confidential Letter",
				"Care Plan",
			],
		},
		{
			fieldname: "channel",
			label: __("Channel"),
			fieldtype: "Select",
			options: ["", "Desk Form", "REST API", "List or Report", "Print", "Export"],
		},
	],
};
