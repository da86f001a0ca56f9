frappe.ui.form.on("Dues Relief Application", {
	setup(frm) {
		frm.set_query("hardship_case", () => ({ filters: { member: frm.doc.member || "" } }));
	},
	before_workflow_action(frm) {
		return party_care.ask_reason_before_action(frm);
	},
});
