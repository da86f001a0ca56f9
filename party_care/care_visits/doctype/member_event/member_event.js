frappe.ui.form.on("Member Event", {
	setup(frm) {
		frm.set_query("event_type", () => ({ filters: { opens_on_event: 1, is_active: 1 } }));
	},
});
