frappe.query_reports["Fund Movements"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "care_fund",
			label: __("Care Fund"),
			fieldtype: "Link",
			options: "Care Fund",
		},
	],
};
