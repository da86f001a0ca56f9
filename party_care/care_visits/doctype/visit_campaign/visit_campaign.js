frappe.ui.form.on("Visit Campaign", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Generate Visit Plan"), () => {
				frappe
					.call("party_care.care_visits.visits.enqueue_campaign", {
						campaign: frm.doc.name,
					})
					.then(({ message }) => {
						frappe.show_alert({ message, indicator: "blue" });
						frm.reload_doc();
					});
			});
			// the campaign's own visits (Care Coverage counts all of them with a campaign), over
			// the dates they are planned and done in: from the campaign's creation to its due date
			frm.add_custom_button(__("Campaign Progress"), () => {
				const created = frappe.datetime.obj_to_str(frm.doc.creation);
				const end = [frm.doc.due_date, frappe.datetime.get_today()].sort().pop();
				frappe.set_route("query-report", "Care Coverage", {
					campaign: frm.doc.name,
					from_date: [created, end].sort()[0],
					to_date: end,
				});
			});
		}
	},
});
