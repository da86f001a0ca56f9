frappe.ui.form.on("Dues Share", {
	setup(frm) {
		frm.set_query("care_fund", () => ({ filters: { is_active: 1 } }));
	},
});
