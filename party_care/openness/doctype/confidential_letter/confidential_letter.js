// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE
// A reader's form of a confidential letter: opening it tells the writer it was read; a talk
// answers it (a Visit of kind Talk on the reader's own to-do list).

frappe.ui.form.on("Confidential Letter", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.set_intro(
			__(
				"Confidential: only its addressee and the committee's designated readers read this letter. Keep its content out of visits, comments and e-mails."
			),
			"yellow"
		);
		if (frm.doc.status === "Sent") {
			frappe
				.call("party_care.openness.letters.mark_read", { letter: frm.doc.name })
				.then(() => frm.reload_doc());
		}
		if (frm.doc.status !== "Closed") {
			frm.add_custom_button(__("Arrange a Talk"), () => arrange_talk(frm));
		}
	},
});

function arrange_talk(frm) {
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
				.call("party_care.openness.letters.arrange_talk", {
					letter: frm.doc.name,
					due_date: values.due_date,
				})
				.then(() => frm.reload_doc());
		},
		__("Arrange a Talk"),
		__("Arrange")
	);
}
