// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Study Mentorship", {
	setup(frm) {
		frm.set_query("member", () => ({
			filters: { member_status: ["in", ["Probationary", "Full"]] },
		}));
		frm.set_query("mentor", () => ({
			filters: { member_status: ["in", ["Probationary", "Full"]] },
		}));
	},
});
