// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.listview_settings["Care Payment Line"] = {
	get_indicator(doc) {
		const colors = { Proposed: "orange", Confirmed: "blue", Removed: "gray", Paid: "green", Skipped: "red" };
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
	onload(listview) {
		if (!(frappe.user.has_role("Branch Secretary") || frappe.user.has_role("Organization Officer"))) return;
		listview.page.add_action_item(__("Remove with Reason"), () => {
			const names = listview.get_checked_items(true);
			if (names.length !== 1) return frappe.msgprint(__("Choose one line."));
			frappe.prompt({ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }, (v) =>
				frappe.call({ method: "party_care.care_batches.batches.remove_line", args: { line: names[0], reason: v.reason } })
					.then(() => listview.refresh())
			);
		});
	},
};
