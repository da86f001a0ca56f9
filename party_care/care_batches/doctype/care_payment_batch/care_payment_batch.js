// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

const BATCHES = "party_care.care_batches.batches";

frappe.ui.form.on("Care Payment Batch", {
	refresh(frm) {
		if (frm.is_new()) return;
		const state = frm.doc.workflow_state || "Draft";
		const officer = frappe.user.has_role("Organization Officer") || frappe.user.has_role("System Manager");
		render_summary(frm);
		if (state === "Draft" && officer) {
			frm.add_custom_button(__("Draw Up Lines"), () =>
				frappe.call({ method: `${BATCHES}.make_lines`, args: { batch: frm.doc.name }, freeze: true }).then((r) => {
					frappe.show_alert({ message: __("{0} lines added", [r.message.added]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
		if (state === "Branch Confirmation" && (officer || frappe.user.has_role("Branch Secretary"))) {
			frm.add_custom_button(__("Confirm My Branch's Lines"), () =>
				frappe.call({ method: `${BATCHES}.confirm_lines`, args: { batch: frm.doc.name }, freeze: true }).then((r) => {
					frappe.show_alert({ message: __("{0} lines confirmed", [r.message.confirmed]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
		frm.add_custom_button(__("Lines"), () => frappe.set_route("List", "Care Payment Line", { batch: frm.doc.name }));
		if (officer && ["Approved", "Paid", "Public Notice"].includes(state)) {
			for (const format of ["XLSX", "CSV"]) {
				frm.add_custom_button(
					format,
					() => window.open(`/api/method/party_care.care_batches.export.export_bank_list?batch=${encodeURIComponent(frm.doc.name)}&file_format=${format}`),
					__("Export Bank Transfer List")
				);
			}
		}
	},
});

function render_summary(frm) {
	frappe.call({ method: `${BATCHES}.lines_by_organization`, args: { batch: frm.doc.name }, type: "GET" }).then((r) => {
		const rows = (r.message || [])
			.map(
				(row) => `<tr data-organization="${frappe.utils.escape_html(row.party_organization)}">
				<td>${frappe.utils.escape_html(row.party_organization)}</td><td class="text-right">${row.lines}</td>
				<td class="text-right">${format_currency(row.amount, "CNY")}</td>
				<td class="text-right pending">${row.proposed}</td><td class="text-right">${row.removed}</td>
				<td class="text-right">${row.paid}</td><td class="text-right">${row.skipped}</td></tr>`
			)
			.join("");
		frm.get_field("lines_html").$wrapper.html(`<table class="table table-bordered care-batch-summary">
			<thead><tr><th>${__("Party Organization")}</th><th>${__("Members")}</th><th>${__("Amount")}</th>
			<th>${__("To Confirm")}</th><th>${__("Removed")}</th><th>${__("Paid")}</th><th>${__("Skipped")}</th></tr></thead>
			<tbody>${rows}</tbody></table>`);
	});
}
