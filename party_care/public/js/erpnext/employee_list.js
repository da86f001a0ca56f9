// ERPNext's Employee list with party_care: "Create Members" for the selected Employees.
(function () {
	const settings = (frappe.listview_settings["Employee"] =
		frappe.listview_settings["Employee"] || {});
	const onload = settings.onload;
	settings.onload = function (listview) {
		if (onload) onload.apply(this, arguments);
		if (!frappe.model.can_create("Member")) return;
		listview.page.add_actions_menu_item(__("Create Members"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) {
				frappe.msgprint(__("Choose at least one Employee."));
				return;
			}
			party_care.create_members_dialog(names, () => listview.refresh());
		});
	};
})();
