frappe.ui.form.on("Visit", {
	refresh(frm) {
		if (frm.doc.status === "Planned" && frm.doc.due_date < frappe.datetime.get_today()) {
			frm.dashboard.set_headline_alert(
				__("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				"red"
			);
		}
		if (!frm.is_new() && !frm.doc.fund_application && frm.doc.visit_reason) {
			frappe.db
				.get_value("Visit Reason", frm.doc.visit_reason, "payment_purpose")
				.then(({ message }) => {
					if (message && message.payment_purpose) {
						frm.add_custom_button(__("Request Fund Payment"), () =>
							request_payment(frm)
						);
					}
				});
		}
	},
});

function request_payment(frm) {
	frappe.prompt(
		[
			{
				fieldname: "care_fund",
				fieldtype: "Link",
				options: "Care Fund",
				label: __("Care Fund"),
				reqd: 1,
			},
			{
				fieldname: "amount",
				fieldtype: "Currency",
				options: "CNY",
				label: __("Amount Requested"),
				reqd: 1,
			},
		],
		(values) => {
			frappe
				.call("party_care.care_visits.doctype.visit.visit.request_fund_payment", {
					visit: frm.doc.name,
					care_fund: values.care_fund,
					amount: values.amount,
				})
				.then(({ message }) => frappe.set_route("Form", "Fund Application", message));
		},
		__("Request Fund Payment"),
		__("Create")
	);
}
