frappe.listview_settings["Fund Ledger Entry"] = {
	add_fields: ["entry_type", "docstatus"],
	get_indicator(doc) {
		if (doc.docstatus === 2) return [__("Cancelled"), "red", "docstatus,=,2"];
		if (doc.docstatus === 0) return [__("Draft"), "orange", "docstatus,=,0"];
		return doc.entry_type === "Payment"
			? [__("Payment"), "blue", "entry_type,=,Payment"]
			: [__(doc.entry_type), "green", "entry_type,=," + doc.entry_type];
	},
};
