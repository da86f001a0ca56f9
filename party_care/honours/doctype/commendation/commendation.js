// Commendation: the route is the shipped Workflow; this script fills the year, shows the
// member or organisation field the award type asks for, and asks for a rejection reason.
frappe.ui.form.on("Commendation", {
	setup(frm) {
		// the member picker offers the statuses this form accepts: party_care/desk/search.py
		frm.set_query("award_type", () => ({ filters: { disabled: 0 } }));
		frm.set_query("care_fund", () => ({ filters: { is_active: 1 } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.year) frm.set_value("year", party_care.this_year());
	},

	refresh(frm) {
		if (frm.doc.workflow_state === "Public Notice" && frm.doc.notice_end) {
			frm.dashboard.set_headline_alert(
				__("On public notice until {0}", [
					frappe.datetime.str_to_user(frm.doc.notice_end),
				]),
				"blue"
			);
		}
		if (frm.doc.ledger_entry) {
			frm.add_custom_button(__("Ledger Entry"), () =>
				frappe.set_route("Form", "Fund Ledger Entry", frm.doc.ledger_entry)
			);
		}
	},

	award_type(frm) {
		if (!frm.doc.award_type) return;
		frappe.db
			.get_value("Award Type", frm.doc.award_type, [
				"recipient_kind",
				"default_reward_amount",
			])
			.then(({ message }) => {
				frm.set_value("recipient_kind", message.recipient_kind);
				if (message.recipient_kind === "Party Organization") frm.set_value("member", null);
				else frm.set_value("recipient_organization", null);
				if (!frm.doc.reward_amount && message.default_reward_amount)
					frm.set_value("reward_amount", message.default_reward_amount);
			});
	},

	before_workflow_action(frm) {
		return party_care.ask_reason_before_action(frm);
	},
});
