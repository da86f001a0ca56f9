// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

const ALLOWANCES = "party_care.care_batches.allowances";

frappe.ui.form.on("Care Allowance Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Draft" && frappe.user.has_role("Organization Officer")) {
			frm.add_custom_button(__("Submit for Approval"), () =>
				frappe
					.call({
						method: `${ALLOWANCES}.submit_plan`,
						args: { plan: frm.doc.name },
						freeze: true,
					})
					.then((r) => frappe.set_route("Form", "Care Payment Batch", r.message))
			);
		}
		if (frm.doc.status === "Active") {
			frm.add_custom_button(__("Payment Batches"), () =>
				frappe.set_route("List", "Care Payment Batch", { allowance_plan: frm.doc.name })
			);
			frm.add_custom_button(__("Stop Plan"), () =>
				frappe.confirm(__("Stop this plan? No further periods will be opened."), () =>
					frappe
						.call({ method: `${ALLOWANCES}.stop_plan`, args: { plan: frm.doc.name } })
						.then(() => frm.reload_doc())
				)
			);
		}
	},
});
