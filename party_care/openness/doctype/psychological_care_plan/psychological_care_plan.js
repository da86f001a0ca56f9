// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Psychological Care Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.set_intro(
			__(
				"Confidential: only the designated readers and the person responsible read this plan."
			),
			"yellow"
		);
		if (frm.doc.status !== "Closed") {
			frm.add_custom_button(__("Arrange a Talk"), () => {
				frappe.prompt(
					[
						{
							fieldname: "due_date",
							fieldtype: "Date",
							label: __("Talk Due On"),
							reqd: 1,
							default: frappe.datetime.add_days(frappe.datetime.get_today(), 7),
						},
					],
					(values) => {
						frappe
							.call("party_care.openness.letters.arrange_plan_talk", {
								plan: frm.doc.name,
								due_date: values.due_date,
							})
							.then(() => frm.reload_doc());
					},
					__("Arrange a Talk"),
					__("Arrange")
				);
			});
		}
	},
});
