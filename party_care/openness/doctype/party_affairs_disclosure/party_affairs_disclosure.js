// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Party Affairs Disclosure", {
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.set_intro(
				__(
					"The figures are drawn from the ledger and the records each time the draft is saved; they cannot be typed."
				),
				"blue"
			);
		}
	},
});
