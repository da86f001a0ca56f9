frappe.ui.form.on("Party Organization", {
	setup(frm) {
		frm.set_query("parent_party_organization", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name || ""] },
		}));
		frm.set_query("secretary", () => ({
			filters: { member_status: "Full" },
		}));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Members"), () =>
				frappe.set_route("List", "Member", {
					party_organization: ["descendants of (inclusive)", frm.doc.name],
				})
			);
		}
	},
});
