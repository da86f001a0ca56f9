frappe.query_reports["Political Birthdays"] = party_care.drill_down({
	filters: [
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Select",
			options: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
			default: String(party_care.this_month()),
			reqd: 1,
		},
		party_care.year_filter(),
		party_care.organization_filter(),
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.round_anniversary && column.fieldname === "years") {
			value = `<strong>${value} ★</strong>`;
		}
		return value;
	},
});
