frappe.ui.form.on("Fund Ledger Entry", {
	setup(frm) {
		frm.set_query("care_fund", () => ({ filters: { is_active: 1 } }));
		frm.set_query("entry_type", () => ({}));
	},
	refresh(frm) {
		if (frm.is_new()) {
			// payments come from approved applications only, dues shares from a Dues Share
			frm.set_df_property("entry_type", "options", ["Donation", "Allocation"]);
		}
	},
});
