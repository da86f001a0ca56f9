frappe.query_reports["Batch Summary"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: party_care.this_year(),
			reqd: 1,
		},
		{
			fieldname: "occasion",
			label: __("Occasion"),
			fieldtype: "Select",
			options: [
				"",
				"Spring Festival",
				"July 1",
				"New Year",
				"Regular Allowance",
				"Other",
			].map((o) => ({ value: o, label: __(o) })),
		},
		{
			fieldname: "party_organization",
			label: __("Party Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
};
