frappe.ui.form.on("Hardship Case", {
	setup(frm) {
		frm.set_query("helper", "helpers", () => ({
			filters: {
				member_status: ["in", ["Probationary", "Full"]],
				name: ["!=", frm.doc.member || ""],
			},
		}));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Closed") {
			frm.add_custom_button(__("Apply for Assistance"), () =>
				frappe.new_doc("Fund Application", {
					member: frm.doc.member,
					hardship_case: frm.doc.name,
				})
			);
			frm.add_custom_button(__("Apply for Dues Relief"), () =>
				frappe.new_doc("Dues Relief Application", {
					member: frm.doc.member,
					hardship_case: frm.doc.name,
				})
			);
		}
	},
});
