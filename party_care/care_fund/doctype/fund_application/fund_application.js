// Fund Application: the route is the shipped Workflow; this script asks for the reason of a
// return or rejection (party_care.js), and shows the balance of the chosen fund.

frappe.ui.form.on("Fund Application", {
	setup(frm) {
		// the member picker offers the statuses this form accepts: party_care/desk/search.py
		frm.set_query("care_fund", () => ({ filters: { is_active: 1 } }));
	},

	onload(frm) {
		// a new application starts on a hardship-assistance fund, not the first fund by name
		if (frm.is_new() && !frm.doc.care_fund) {
			frappe.db
				.get_list("Care Fund", {
					filters: { is_active: 1, fund_type: "Hardship Assistance" },
					fields: ["name"],
					order_by: "fund_name asc",
					limit: 1,
				})
				.then(
					(rows) =>
						rows.length &&
						!frm.doc.care_fund &&
						frm.set_value("care_fund", rows[0].name)
				);
		}
	},

	refresh(frm) {
		if (frm.doc.care_fund) frm.trigger("show_fund_balance");
		if (frm.doc.workflow_state === "Public Notice" && frm.doc.notice_end) {
			// to the minute: a deadline, not a timestamp
			const until = frappe.datetime.str_to_user(frm.doc.notice_end).replace(/:\d\d$/, "");
			frm.dashboard.set_headline_alert(__("On public notice until {0}", [until]), "blue");
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
				__("Balance of {0}: {1}", [fund.fund_name, format_currency(fund.balance, "CNY")]),
				"blue"
			);
		});
	},

	before_workflow_action(frm) {
		return party_care.ask_reason_before_action(frm);
	},
});
