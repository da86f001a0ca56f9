// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Party Building Assessment", {
	refresh(frm) {
		// the grades of the round, offered where the committee decides
		if (frm.doc.assessment_round && frm.fields_dict.grade) {
			frappe.db
				.get_doc("Party Building Assessment Round", frm.doc.assessment_round)
				.then((round) => {
					const names = (round.grades || []).map((g) => g.grade_name);
					frm.set_df_property(
						"grade",
						"description",
						__("Grades of this round: {0}", [names.join("、")])
					);
				});
		}
		if (frm.doc.reminder_talk) {
			frm.add_custom_button(__("Reminder Talk"), () =>
				frappe.set_route("Form", "Visit", frm.doc.reminder_talk)
			);
		}
		if (frm.doc.rectification) {
			frm.add_custom_button(__("Rectification"), () =>
				frappe.set_route("Form", "Party Building Rectification", frm.doc.rectification)
			);
		}
	},
});
