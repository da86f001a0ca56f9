// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

// Care Standard: Frappe opens a new standard with one blank category row; a row left blank is
// dropped on save instead of blocking it, and a row's label follows its category until typed.
frappe.ui.form.on("Care Standard", {
	validate(frm) {
		const blank = (frm.doc.rows || []).filter(
			(row) => !row.category && !row.label && !row.amount
		);
		if (blank.length) {
			blank.forEach((row) => frappe.model.clear_doc(row.doctype, row.name));
			frm.refresh_field("rows");
		}
	},
});

frappe.ui.form.on("Care Standard Row", {
	category(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (!row.label || row.__label_from_category) {
			frappe.model.set_value(cdt, cdn, "label", __(row.category));
			row.__label_from_category = true;
		}
	},
	label(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (row.label !== __(row.category)) row.__label_from_category = false;
	},
});
