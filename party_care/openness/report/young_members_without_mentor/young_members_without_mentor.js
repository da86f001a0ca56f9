frappe.query_reports["Young Members Without Mentor"] = {
	filters: [party_care.organization_filter()],
};
