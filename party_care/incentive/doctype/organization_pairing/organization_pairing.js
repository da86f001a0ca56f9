// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Organization Pairing", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Activities"), () =>
			frappe.set_route("List", "Party Activity", { organization_pairing: frm.doc.name })
		);
	},
});
