frappe.treeview_settings["Party Organization"] = {
	breadcrumb: "Organization",
	title: __("Party Organization"),
	get_tree_nodes:
		"party_care.organization.doctype.party_organization.party_organization.get_children",
	ignore_fields: ["parent_party_organization"],
	fields: [
		{
			fieldtype: "Data",
			fieldname: "organization_name",
			label: __("Organization Name"),
			reqd: 1,
		},
		{
			fieldtype: "Select",
			fieldname: "organization_type",
			label: __("Organization Type"),
			options: [
				{ value: "General Branch", label: __("General Branch") },
				{ value: "Branch", label: __("Branch") },
				{ value: "Party Group", label: __("Party Group") },
				{ value: "Committee", label: __("Committee") },
			],
			reqd: 1,
		},
	],
	menu_items: [
		{
			label: __("New Member"),
			action: function () {
				frappe.new_doc("Member");
			},
			condition: 'frappe.boot.user.can_create.indexOf("Member") !== -1',
		},
	],
	onrender: function (node) {
		if (node.data && node.data.organization_type) {
			$(node.parent)
				.find(".tree-label")
				.first()
				.append(
					` <span class="text-muted small">${__(node.data.organization_type)}</span>`
				);
		}
	},
};
