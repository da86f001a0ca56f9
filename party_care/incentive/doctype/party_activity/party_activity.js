// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Party Activity", {
	setup(frm) {
		// a pairing of the activity's organisation
		frm.set_query("organization_pairing", () => ({
			filters: { status: "Ongoing" },
		}));
	},
});
