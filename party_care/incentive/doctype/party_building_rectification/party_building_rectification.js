// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Party Building Rectification", {
	refresh(frm) {
		const move = (status, label) =>
			frm.add_custom_button(label, () => {
				frm.set_value("status", status);
				frm.save();
			});
		if (frm.doc.status === "Open" && frm.perm[0] && frm.perm[0].write) {
			move("Reported", __("Report Back"));
		}
		if (frm.doc.status === "Reported" && frm.perm[0] && frm.perm[0].write) {
			move("Closed", __("Close"));
			move("Open", __("Send Back"));
		}
		if (
			frm.doc.status === "Open" &&
			frm.doc.due_date &&
			frm.doc.due_date < frappe.datetime.get_today()
		) {
			frm.dashboard.set_headline_alert(
				__("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				"red"
			);
		}
	},
});
