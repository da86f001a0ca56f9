frappe.query_reports["Batch Summary"] = {
	filters: [
		party_care.year_filter(),
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
		party_care.organization_filter(),
	],
};
