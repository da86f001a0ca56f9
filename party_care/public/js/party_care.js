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

// Report total rows: Frappe writes a bare "Total" into the first column; read it in the user's
// language (the app's translation, with its own context).
party_care.format = frappe.format;
frappe.format = function (value, df, options, doc) {
	if (value === "Total" && !doc && df && df.fieldtype === "Data") {
		value = __("Total", null, "Report Total Row");
	}
	return party_care.format(value, df, options, doc);
};
