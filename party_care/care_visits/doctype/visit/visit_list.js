frappe.listview_settings["Visit"] = {
	add_fields: ["status", "due_date", "visit_type"],
	get_indicator(doc) {
		if (
			doc.status === "Planned" &&
			doc.due_date &&
			doc.due_date < frappe.datetime.get_today()
		) {
			return [__("Overdue"), "red", "status,=,Planned|due_date,<,Today"];
		}
		const colors = { Planned: "orange", Done: "green", Cancelled: "gray" };
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
