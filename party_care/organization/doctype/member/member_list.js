frappe.listview_settings["Member"] = {
	add_fields: ["member_status", "party_organization"],
	get_indicator(doc) {
		const colors = {
			Probationary: "orange",
			Full: "green",
			"Transferred Out": "gray",
			Deceased: "darkgrey",
		};
		return [
			__(doc.member_status),
			colors[doc.member_status] || "gray",
			"member_status,=," + doc.member_status,
		];
	},
};
