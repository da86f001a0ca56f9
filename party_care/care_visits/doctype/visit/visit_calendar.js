frappe.views.calendar["Visit"] = {
	field_map: {
		start: "due_date",
		end: "due_date",
		id: "name",
		title: "member_name",
		allDay: "allDay",
		status: "status",
	},
	style_map: {
		Planned: "warning",
		Done: "success",
		Cancelled: "default",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
