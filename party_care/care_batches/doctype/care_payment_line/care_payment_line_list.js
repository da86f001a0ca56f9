// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.listview_settings["Care Payment Line"] = {
	get_indicator(doc) {
		const colors = {
			Proposed: "orange",
			Confirmed: "blue",
			Removed: "gray",
			Paid: "green",
			Skipped: "red",
		};
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
	onload(listview) {
		if (
			!(
				frappe.user.has_role("Branch Secretary") ||
				frappe.user.has_role("Organization Officer")
			)
		)
			return;
		// one reason for all the chosen lines: all are removed, or none (each checked on the server)
		listview.page.add_action_item(__("Remove with Reason"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) return frappe.msgprint(__("Choose the lines to remove."));
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
				(v) =>
					frappe
						.call({
							method: "party_care.care_batches.batches.remove_lines",
							args: { lines: names, reason: v.reason },
							freeze: true,
						})
						.then((r) => {
							frappe.show_alert({
								message: __("{0} lines removed", [r.message.removed]),
								indicator: "green",
							});
							listview.refresh();
						}),
				__("Remove {0} lines", [names.length])
			);
		});
	},
};
