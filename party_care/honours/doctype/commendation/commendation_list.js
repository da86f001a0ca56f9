frappe.listview_settings["Commendation"] = {
	add_fields: ["workflow_state", "award_type", "year", "certificate_number"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const colors = {
			Nominated: "orange",
			"Branch Recommended": "blue",
			"Committee Approved": "blue",
			"Public Notice": "cyan",
			Awarded: "green",
			Rejected: "red",
		};
		return [
			__(doc.workflow_state),
			colors[doc.workflow_state] || "gray",
			"workflow_state,=," + doc.workflow_state,
		];
	},
};
