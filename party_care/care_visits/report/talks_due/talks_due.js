frappe.query_reports["Talks Due"] = party_care.drill_down({
	// each member's row opens a new talk with him filled in, due today
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "record_talk" && data && data.member && !data.is_summary) {
			return `<a class="party-care-record-talk" data-member="${frappe.utils.escape_html(
				data.member
			)}">${__("Record a Talk")}</a>`;
		}
		return default_formatter(value, row, column, data);
	},
	onload(report) {
		report.page.wrapper.on("click", ".party-care-record-talk", (e) => {
			frappe.new_doc("Visit", {
				member: $(e.currentTarget).attr("data-member"),
				visit_reason: "Annual Talk",
				due_date: frappe.datetime.get_today(),
			});
		});
	},
	filters: [party_care.organization_filter()],
});
