frappe.ui.form.on("Visit Campaign", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Generate Visit Plan"), () => {
				frappe
					.call("party_care.care_visits.visits.enqueue_campaign", { campaign: frm.doc.name })
					.then(({ message }) => {
						frappe.show_alert({ message, indicator: "blue" });
						frm.reload_doc();
					});
			});
			frm.add_custom_button(__("Progress"), () =>
				frappe.set_route("query-report", "Care Coverage", { campaign: frm.doc.name })
			);
		}
	},
});
