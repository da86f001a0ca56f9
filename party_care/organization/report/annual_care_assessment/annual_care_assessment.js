frappe.query_reports["Annual Care Assessment"] = party_care.drill_down({
	filters: [
		party_care.organization_filter(),
		party_care.year_filter(),
		party_care.summary_level_filter(),
	],
});
