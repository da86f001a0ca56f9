// Fund Application: the route is the shipped Workflow; this script asks for the reason of a
// return or rejection, and shows the balance of the chosen fund.
const REASON_FIELD = { Return: "return_reason", Reject: "rejection_reason" };

frappe.ui.form.on("Fund Application", {
	setup(frm) {
		frm.set_query("member", () => ({
			filters: { member_status: ["in", ["Probationary", "Full", "Deceased"]] },
		}));
		frm.set_query("care_fund", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		if (frm.doc.care_fund) frm.trigger("show_fund_balance");
		if (frm.doc.workflow_state === "Public Notice" && frm.doc.notice_end) {
			frm.dashboard.set_headline_alert(
				__("On public notice until {0}", [frappe.datetime.str_to_user(frm.doc.notice_end)]),
				"blue"
			);
		}
		if (frm.doc.ledger_entry) {
			frm.add_custom_button(__("Ledger Entry"), () =>
				frappe.set_route("Form", "Fund Ledger Entry", frm.doc.ledger_entry)
			);
		}
	},

	care_fund(frm) {
		frm.trigger("show_fund_balance");
	},

	show_fund_balance(frm) {
		frappe.db.get_doc("Care Fund", frm.doc.care_fund).then((fund) => {
			frm.set_intro(
				__("Balance of {0}: {1}", [
					fund.fund_name,
					format_currency(fund.balance, "CNY"),
				]),
				"blue"
			);
		});
	},

	before_workflow_action(frm) {
		const fieldname = REASON_FIELD[frm.selected_workflow_action];
		if (!fieldname) return;
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
	},
});
