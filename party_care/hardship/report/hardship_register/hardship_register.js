frappe.query_reports["Hardship Register"] = party_care.drill_down({
	filters: [
		party_care.organization_filter(),
		{
			fieldname: "hardship_type",
			label: __("Hardship Type"),
			fieldtype: "Select",
			options: [
				"",
				"Illness",
				"Disaster",
				"Accident",
				"Bereavement",
				"Elderly without Fixed Income",
				"Disability",
				"Unemployment",
				"Low Income",
				"Children's Schooling",
				"Other",
			].map((v) => ({ value: v, label: __(v) })),
		},
		{
			fieldname: "hardship_level",
			label: __("Hardship Level"),
			fieldtype: "Select",
			options: ["", "General", "Serious", "Urgent"].map((v) => ({ value: v, label: __(v) })),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "Under Assistance", "Closed"].map((v) => ({
				value: v,
				label: __(v, null, "Hardship Case"),
			})),
		},
		{
			fieldname: "attention",
			label: __("Attention"),
			fieldtype: "Select",
			options: ["", "No Helper Yet", "Review Overdue"].map((v) => ({
				value: v,
				label: __(v),
			})),
		},
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: party_care.this_year(),
		},
		party_care.summary_level_filter(),
	],
});
