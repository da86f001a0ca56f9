// Shared desk helpers of party_care (loaded on every desk page through app_include_js).
frappe.provide("party_care");

// Workflow actions that must carry a reason: ask for it before the action runs.
party_care.REASON_FIELDS = { Return: "return_reason", Reject: "rejection_reason" };

party_care.ask_reason_before_action = function (frm) {
	const fieldname = party_care.REASON_FIELDS[frm.selected_workflow_action];
	if (!fieldname || !frm.fields_dict[fieldname]) return;
	frappe.dom.unfreeze();
	return new Promise((resolve, reject) => {
		const dialog = new frappe.ui.Dialog({
			title: __(frm.selected_workflow_action),
			fields: [
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __(frm.fields_dict[fieldname].df.label),
					reqd: 1,
					default: frm.doc[fieldname],
				},
			],
			primary_action_label: __(frm.selected_workflow_action),
			primary_action({ reason }) {
				dialog.hide();
				frappe
					.call("frappe.client.set_value", {
						doctype: frm.doctype,
						name: frm.doc.name,
						fieldname: fieldname,
						value: reason,
					})
					.then(({ message }) => {
						frappe.model.sync(message);
						frappe.dom.freeze();
						resolve();
					}, reject);
			},
		});
		dialog.onhide = () => reject();
		dialog.show();
	});
};

// Reports that open on one line per organisation when their rows would be too many
// (party_care/reports.py summary_or_details): the "Details" cell of a summary line drills down
// by setting the organisation filter.
party_care.drill_down = function (settings) {
	const formatter = settings.formatter;
	settings.formatter = function (value, row, column, data, default_formatter) {
		if (column.fieldname === "drill_down" && data && data.is_summary) {
			const org = frappe.utils.escape_html(data.party_organization);
			return `<a class="party-care-drill" data-organization="${org}">${__("Show Rows")}</a>`;
		}
		return formatter
			? formatter(value, row, column, data, default_formatter)
			: default_formatter(value, row, column, data);
	};
	const onload = settings.onload;
	settings.onload = function (report) {
		report.page.wrapper.on("click", ".party-care-drill", (e) => {
			report.set_filter_value("party_organization", $(e.currentTarget).attr("data-organization"));
		});
		return onload && onload.call(this, report);
	};
	return settings;
};
