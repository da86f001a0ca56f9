// ERPNext's Employee form with party_care: Create Member, open the linked Member, and the member
// events an Employee's relieving, retirement or death offers (party_care/employees.py).
frappe.ui.form.on("Employee", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe
			.call("party_care.integrations.erpnext.employees.employee_member", {
				employee: frm.doc.name,
			})
			.then(({ message: info }) => {
				if (!info) return;
				const group = __("Party Care");
				if (!info.member) {
					if (info.can_create) {
						frm.add_custom_button(
							__("Create Member"),
							() =>
								party_care.create_members_dialog([frm.doc.name], () =>
									frm.reload_doc()
								),
							group
						);
					}
					return;
				}
				frm.add_custom_button(
					__("Open Member"),
					() => frappe.set_route("Form", "Member", info.member),
					group
				);
				(info.offers || []).forEach((offer) => {
					frm.add_custom_button(
						offer.label,
						() => party_care.report_employee_event(frm, offer),
						group
					);
				});
			});
	},
});

party_care.report_employee_event = function (frm, offer) {
	const dialog = new frappe.ui.Dialog({
		title: offer.label,
		fields: [
			{
				fieldname: "event_date",
				fieldtype: "Date",
				label: __("Event Date"),
				reqd: 1,
				default: offer.event_date,
			},
			{ fieldname: "details", fieldtype: "Small Text", label: __("Details") },
		],
		primary_action_label: __("Record Event"),
		primary_action(values) {
			dialog.hide();
			frappe
				.call("party_care.integrations.erpnext.employees.report_employee_event", {
					employee: frm.doc.name,
					event_type: offer.event_type,
					...values,
				})
				.then(({ message }) => {
					frappe.show_alert({
						message: __("Event {0} recorded", [message.event]),
						indicator: "green",
					});
					frm.refresh();
				});
		},
	});
	dialog.show();
};
