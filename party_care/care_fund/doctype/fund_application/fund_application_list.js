frappe.listview_settings["Fund Application"] = {
	add_fields: ["workflow_state", "purpose", "amount_requested", "amount_approved"],
	has_indicator_for_draft: true,
	// Frappe looks the purpose up after escaping it (Children&#39;s Schooling finds no translation)
	formatters: { purpose: (value) => party_care.select_pill("purpose", value) },
	get_indicator(doc) {
		const colors = {
			Draft: "orange",
			"Branch Review": "blue",
			"Department Review": "blue",
			"Committee Review": "blue",
			"Public Notice": "cyan",
			Approved: "green",
			Paid: "green",
			Rejected: "red",
		};
		return [
			__(doc.workflow_state),
			colors[doc.workflow_state] || "gray",
			"workflow_state,=," + doc.workflow_state,
		];
	},
};
