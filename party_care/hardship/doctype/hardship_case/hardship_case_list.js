frappe.listview_settings["Hardship Case"] = {
	add_fields: ["status", "is_unpaired", "next_review_date"],
	get_indicator(doc) {
		if (
			doc.status !== "Closed" &&
			doc.next_review_date &&
			doc.next_review_date < frappe.datetime.get_today()
		) {
			return [__("Review Overdue"), "red", "status,!=,Closed|next_review_date,<,Today"];
		}
		if (doc.status !== "Closed" && doc.is_unpaired) {
			return [__("No Helper Yet"), "orange", "is_unpaired,=,1|status,!=,Closed"];
		}
		const colors = { Open: "blue", "Under Assistance": "green", Closed: "gray" };
		return [
			__(doc.status, null, "Hardship Case"),
			colors[doc.status] || "gray",
			"status,=," + doc.status,
		];
	},
};
