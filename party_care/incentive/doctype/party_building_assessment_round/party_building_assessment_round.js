// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Party Building Assessment Round", {
	refresh(frm) {
		if (
			frm.is_new() ||
			frm.doc.status !== "Open" ||
			!frappe.model.can_create("Party Building Assessment")
		)
			return;
		frm.add_custom_button(__("Open Assessments"), () => {
			frappe
				.call({
					method: "party_care.incentive.assessment.make_assessments",
					args: { assessment_round: frm.doc.name },
					freeze: true,
				})
				.then(() =>
					frappe.set_route("List", "Party Building Assessment", {
						assessment_round: frm.doc.name,
					})
				);
		});
		frm.add_custom_button(__("Assessment Table"), () =>
			frappe.set_route("query-report", "Party Building Assessment Table", {
				assessment_round: frm.doc.name,
			})
		);
	},
});
