// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

const BATCHES = "party_care.care_batches.batches";

frappe.ui.form.on("Care Payment Batch", {
	refresh(frm) {
		if (frm.is_new()) return;
		const state = frm.doc.workflow_state || "Draft";
		const officer =
			frappe.user.has_role("Organization Officer") || frappe.user.has_role("System Manager");
		render_summary(frm);
		if (state === "Draft" && officer) {
			frm.add_custom_button(__("Draw Up Lines"), () =>
				frappe
					.call({
						method: `${BATCHES}.make_lines`,
						args: { batch: frm.doc.name },
						freeze: true,
					})
					.then((r) => {
						frappe.show_alert({
							message: __("{0} lines added", [r.message.added]),
							indicator: "green",
						});
						frm.reload_doc();
					})
			);
		}
		if (!officer) {
			// a secretary reads his own subtree's figures (the summary below), not the whole batch's
			for (const f of ["line_count", "total_amount", "lines_pending", "approved_total"])
				frm.toggle_display(f, false);
		}
		if (
			state === "Branch Confirmation" &&
			(officer || frappe.user.has_role("Branch Secretary"))
		) {
			frm.add_custom_button(
				officer ? __("Confirm All Pending Lines") : __("Confirm My Branch's Lines"),
				() =>
					frappe
						.call({
							method: `${BATCHES}.confirm_lines`,
							args: { batch: frm.doc.name },
							freeze: true,
						})
						.then((r) => {
							frappe.show_alert({
								message: __("{0} lines confirmed", [r.message.confirmed]),
								indicator: "green",
							});
							if (r.message.own_pending) {
								frappe.msgprint(
									__(
										"Your own line is confirmed by the organisation above you, not by yourself."
									)
								);
							}
							frm.reload_doc();
						})
			);
			frm.add_custom_button(__("Add a Missed Member"), () => add_member_dialog(frm));
		}
		frm.add_custom_button(__("Lines"), () =>
			frappe.set_route("List", "Care Payment Line", { batch: frm.doc.name })
		);
		if (officer && ["Approved", "Paid", "Public Notice"].includes(state)) {
			for (const format of ["XLSX", "CSV"]) {
				frm.add_custom_button(
					format,
					() =>
						window.open(
							`/api/method/party_care.care_batches.export.export_bank_list?batch=${encodeURIComponent(
								frm.doc.name
							)}&file_format=${format}`
						),
					__("Export Bank Transfer List")
				);
			}
		}
	},
});

function add_member_dialog(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Add a Missed Member"),
		fields: [
			{
				fieldname: "member",
				fieldtype: "Link",
				options: "Member",
				label: __("Member"),
				reqd: 1,
			},
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
			{
				fieldname: "amount",
				fieldtype: "Currency",
				options: "CNY",
				label: __("Amount"),
				description: __(
					"Only for a member the standard does not cover; otherwise the standard's amount is used."
				),
			},
		],
		primary_action_label: __("Add"),
		primary_action(values) {
			frappe
				.call({
					method: `${BATCHES}.add_line`,
					args: { batch: frm.doc.name, ...values },
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frappe.show_alert({
						message: __("Member added to the batch"),
						indicator: "green",
					});
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}

function render_summary(frm) {
	frappe
		.call({
			method: `${BATCHES}.lines_by_organization`,
			args: { batch: frm.doc.name },
			type: "GET",
		})
		.then((r) => {
			const rows = (r.message || [])
				.map(
					(row) => `<tr data-organization="${frappe.utils.escape_html(
						row.party_organization
					)}">
				<td>${frappe.utils.escape_html(row.party_organization)}</td><td class="text-right">${
						row.lines
					}</td>
				<td class="text-right">${format_currency(row.amount, "CNY")}</td>
				<td class="text-right pending">${row.proposed}</td><td class="text-right">${row.removed}</td>
				<td class="text-right">${row.paid}</td><td class="text-right">${row.skipped}</td></tr>`
				)
				.join("");
			const sum = (key) =>
				(r.message || []).reduce((total, row) => total + (row[key] || 0), 0);
			const mine =
				frappe.user.has_role("Organization Officer") ||
				frappe.user.has_role("System Manager")
					? ""
					: `<p class="care-batch-mine">${frappe.utils.escape_html(
							__("Your organisations: {0} members, {1}, {2} lines to confirm.", [
								sum("lines"),
								format_currency(sum("amount"), "CNY"),
								sum("proposed"),
							])
					  )}</p>`;
			frm.get_field("lines_html").$wrapper
				.html(`${mine}<table class="table table-bordered care-batch-summary">
			<thead><tr><th>${__("Party Organization")}</th><th>${__("Members")}</th><th>${__("Amount")}</th>
			<th>${__("To Confirm")}</th><th>${__("Removed")}</th><th>${__("Paid")}</th><th>${__(
				"Skipped"
			)}</th></tr></thead>
			<tbody>${rows}</tbody></table>`);
		});
}
