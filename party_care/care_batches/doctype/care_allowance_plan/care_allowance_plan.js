// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

const ALLOWANCES = "party_care.care_batches.allowances";

frappe.ui.form.on("Care Allowance Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Draft" && frappe.user.has_role("Party Committee Member")) {
			frm.add_custom_button(__("Approve Plan"), () =>
				frappe.prompt(
					[
						{ fieldname: "committee_meeting_date", fieldtype: "Date", label: __("Committee Meeting Date"), reqd: 1 },
						{ fieldname: "committee_decision", fieldtype: "Small Text", label: __("Committee Decision"), reqd: 1 },
					],
					(values) =>
						frappe
							.call({ method: `${ALLOWANCES}.approve_plan`, args: { plan: frm.doc.name, ...values }, freeze: true })
							.then(() => frm.reload_doc()),
					__("Approve Plan")
				)
			);
		}
		if (frm.doc.status === "Active") {
			frm.add_custom_button(__("Payment Batches"), () =>
				frappe.set_route("List", "Care Payment Batch", { allowance_plan: frm.doc.name })
			);
			frm.add_custom_button(__("Stop Plan"), () =>
				frappe.confirm(__("Stop this plan? No further periods will be opened."), () =>
					frappe.call({ method: `${ALLOWANCES}.stop_plan`, args: { plan: frm.doc.name } }).then(() => frm.reload_doc())
				)
			);
		}
	},
});
