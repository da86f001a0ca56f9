// Medal Candidates: computed lists; tick candidates and nominate them in one click.
const AWARD_OF_LIST = {
	"50-Year Medal": "50 Years in the Party medal",
	"Ten Years in Party Work": "Ten-Year Party Worker Certificate",
};

frappe.query_reports["Medal Candidates"] = party_care.drill_down({
	filters: [
		{
			fieldname: "kind",
			label: __("List"),
			fieldtype: "Select",
			options: [
				{ value: "50-Year Medal", label: __("50-Year Medal") },
				{ value: "Ten Years in Party Work", label: __("Ten Years in Party Work") },
				{ value: "Party Standing Milestones", label: __("Party Standing Milestones") },
			],
			default: "50-Year Medal",
			reqd: 1,
		},
		party_care.year_filter(),
		party_care.organization_filter(),
	],

	get_datatable_options(options) {
		return Object.assign(options, { checkboxColumn: true });
	},

	onload(report) {
		report.page.add_inner_button(__("Nominate Selected"), () => {
			const filters = report.get_values();
			const award_type = AWARD_OF_LIST[filters.kind];
			if (!award_type) {
				frappe.msgprint(
					__(
						"Only the 50-year medal and the ten-year certificate are nominated from here."
					)
				);
				return;
			}
			const rows = report.datatable.rowmanager
				.getCheckedRows()
				.map((index) => report.data[index])
				.filter((row) => row && row.member && !row.nomination);
			if (!rows.length) {
				frappe.msgprint(__("Tick the candidates to nominate first."));
				return;
			}
			frappe.confirm(
				__("Nominate {0} members for {1} in {2}?", [
					rows.length,
					__(award_type),
					filters.year,
				]),
				() =>
					frappe
						.call({
							method: "party_care.honours.eligibility.create_nominations",
							args: {
								award_type: award_type,
								year: filters.year,
								members: rows.map((row) => row.member),
							},
							freeze: true,
						})
						.then(({ message }) => {
							if (message.queued) {
								frappe.show_alert({
									message: __(
										"{0} nominations are being created in the background.",
										[message.queued]
									),
									indicator: "blue",
								});
								return;
							}
							frappe.show_alert({
								message: __("{0} nominations created, {1} already nominated", [
									message.created.length,
									message.skipped.length,
								]),
								indicator: "green",
							});
							report.refresh();
						})
			);
		});
	},
});
