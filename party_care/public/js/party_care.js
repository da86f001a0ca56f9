// Shared desk helpers of party_care (loaded on every desk page through app_include_js).
frappe.provide("party_care");

// Workflow actions that must carry a reason: ask for it before the action runs.
party_care.REASON_FIELDS = { Return: "return_reason", Reject: "rejection_reason" };

party_care.ask_reason_before_action = function (frm) {
	const fieldname = party_care.REASON_FIELDS[frm.selected_workflow_action];
	if (!fieldname || !frm.fields_dict[fieldname]) return;
	frappe.dom.unfreeze();
	return new Promise((resolve, reject) => {
		const dialog = new frappe.ui.Dialog({
			title: __(frm.selected_workflow_action),
			fields: [
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __(frm.fields_dict[fieldname].df.label),
					reqd: 1,
					default: frm.doc[fieldname],
				},
			],
			primary_action_label: __(frm.selected_workflow_action),
			primary_action({ reason }) {
				dialog.hide();
				frappe
					.call("frappe.client.set_value", {
						doctype: frm.doctype,
						name: frm.doc.name,
						fieldname: fieldname,
						value: reason,
					})
					.then(({ message }) => {
						frappe.model.sync(message);
						frappe.dom.freeze();
						resolve();
					}, reject);
			},
		});
		dialog.onhide = () => reject();
		dialog.show();
	});
};

// Frappe 16.9 asks the server for the Workflow's `enable_action_confirmation` before every workflow
// action (frappe/public/js/frappe/form/workflow.js, `frappe.db.get_value("Workflow", …)`); only a
// System Manager may read Workflow, so for a secretary, an officer or a committee member the action
// answers "No permission for Workflow" and does nothing (frappe/frappe#34991; upstream's fix,
// frappe/frappe#36955, reads the flag from the workflow the form has already loaded). Answer that
// one question the same way; Frappe 15 never asks it.
party_care.db_get_value = frappe.db.get_value;
frappe.db.get_value = function (doctype, filters, fieldname, callback, parent_doc) {
	const workflow =
		doctype === "Workflow" &&
		fieldname === "enable_action_confirmation" &&
		filters &&
		frappe.workflow.workflows[filters.document_type];
	if (!workflow) return party_care.db_get_value.apply(this, arguments);
	const message = { enable_action_confirmation: workflow.enable_action_confirmation || 0 };
	callback && callback(message);
	return Promise.resolve({ message });
};

// Report total rows: Frappe writes a bare "Total" into the first column; read it in the user's
// language (the app's translation, with its own context).
// The app's workspace cards and charts come with the boot (party_care/desk/boot.py): the workspace
// takes them from there instead of loading each one's document first (one request less per widget,
// and the figures are asked for at once). A form of a card or chart still loads it from the server.
party_care.widget_docs = {};
for (const doc of frappe.boot.party_care_widgets || []) {
	(party_care.widget_docs[doc.doctype] = party_care.widget_docs[doc.doctype] || {})[doc.name] =
		doc;
}
party_care.with_doc = frappe.model.with_doc;
frappe.model.with_doc = function (doctype, name, callback) {
	const preloaded = (party_care.widget_docs[doctype] || {})[name];
	if (preloaded && (frappe.get_route() || [])[0] !== "Form") {
		if (!(locals[doctype] && locals[doctype][name])) frappe.model.add_to_locals(preloaded);
		callback && callback(name);
		return Promise.resolve(locals[doctype][name]);
	}
	return party_care.with_doc.apply(this, arguments);
};

// Large numbers shortened the Chinese way (万, 亿) on Chinese screens — a number card's "¥ 75.04 K"
// reads "¥ 7.5 万" — where Frappe knows only K/M/B (and the Indian and Nepalese systems).
party_care.get_number_system = frappe.utils.get_number_system;
frappe.utils.get_number_system = function (country) {
	if (String(frappe.boot.lang || "").startsWith("zh")) {
		return [
			{ divisor: 1.0e8, symbol: "亿" },
			{ divisor: 1.0e4, symbol: "万" },
		];
	}
	return party_care.get_number_system.apply(this, arguments);
};

party_care.format = frappe.format;
frappe.format = function (value, df, options, doc) {
	// Frappe 15.44 writes "Total", later 15.x write __("Total") (Frappe's own 总)
	if ((value === "Total" || value === __("Total")) && !doc && df && df.fieldtype === "Data") {
		value = __("Total", null, "Report Total Row");
	}
	return party_care.format(value, df, options, doc);
};

// ERPNext: make Members from Employees (the Employee form and the Employee list's bulk action).
party_care.create_members_dialog = function (employees, after) {
	const dialog = new frappe.ui.Dialog({
		title: employees.length > 1 ? __("Create Members") : __("Create Member"),
		fields: [
			{
				fieldname: "party_organization",
				fieldtype: "Link",
				options: "Party Organization",
				label: __("Party Organization"),
				reqd: 1,
			},
			{
				fieldname: "id_number",
				fieldtype: "Data",
				label: __("ID Number"),
				description: __("Only needed when the Employee has none"),
				hidden: employees.length > 1 ? 1 : 0,
			},
			{ fieldname: "date_joined", fieldtype: "Date", label: __("Date Joined"), reqd: 1 },
			{
				fieldname: "member_status",
				fieldtype: "Select",
				options: ["Full", "Probationary"].map((v) => ({ value: v, label: __(v) })),
				default: "Full",
				label: __("Member Status"),
				reqd: 1,
			},
			{
				fieldname: "date_full_member",
				fieldtype: "Date",
				label: __("Date Made Full Member"),
				depends_on: "eval:doc.member_status=='Full'",
				mandatory_depends_on: "eval:doc.member_status=='Full'",
			},
		],
		primary_action_label: __("Create"),
		primary_action(values) {
			dialog.hide();
			frappe
				.call("party_care.integrations.erpnext.employees.create_members", {
					employees,
					...values,
				})
				.then(({ message }) => {
					const lines = (message.failed || []).map((f) => `${f.employee}: ${f.reason}`);
					frappe.msgprint({
						title: __("Create Members"),
						indicator: lines.length ? "orange" : "green",
						message:
							__("{0} Members created.", [message.created.length]) +
							(lines.length
								? "<br>" + lines.map(frappe.utils.escape_html).join("<br>")
								: ""),
					});
					if (message.created.length === 1 && employees.length === 1) {
						frappe.set_route("Form", "Member", message.created[0]);
					} else if (after) {
						after();
					}
				});
		},
	});
	dialog.show();
};

// Reports that open on one line per organisation when their rows would be too many
// (party_care/reports.py summary_or_details): the "Details" cell of a summary line drills down
// by setting the organisation filter.
party_care.drill_down = function (settings) {
	const formatter = settings.formatter;
	settings.formatter = function (value, row, column, data, default_formatter) {
		if (column.fieldname === "drill_down" && data && data.is_summary) {
			const org = frappe.utils.escape_html(data.party_organization);
			return `<a class="party-care-drill" data-organization="${org}">${__("Show Rows")}</a>`;
		}
		// one line per committee (reports.roll_up): the line opens the report filtered to it
		if (column.fieldname === "drill_down" && data && data.is_committee_line) {
			if (!data.drill_down) return "";
			const org = frappe.utils.escape_html(data.drill_down);
			return `<a class="party-care-drill" data-organization="${org}" data-ungroup="1">${__(
				"Show Committee"
			)}</a>`;
		}
		return formatter
			? formatter(value, row, column, data, default_formatter)
			: default_formatter(value, row, column, data);
	};
	const onload = settings.onload;
	settings.onload = function (report) {
		report.page.wrapper.on("click", ".party-care-drill", (e) => {
			const target = $(e.currentTarget);
			const values = { party_organization: target.attr("data-organization") };
			if (target.attr("data-ungroup")) values.group_by = "";
			report.set_filter_value(values);
		});
		return onload && onload.call(this, report);
	};
	return settings;
};

// The "Summary Level" filter of the organisation-level reports: blank (per organisation) or one line
// per committee (party_care/reports.py BY_COMMITTEE).
party_care.summary_level_filter = function () {
	return {
		fieldname: "group_by",
		label: __("Summary Level"),
		fieldtype: "Select",
		options: [
			{ value: "", label: "" },
			{ value: "Committee", label: __("Committee") },
		],
	};
};

// The filters many reports share: the year (this year, required) and the organisation.
// today's year and month in the site's (the user's) time zone, as the server counts them: a
// browser's own clock may be a day off (Frappe's frappe.datetime.get_today)
party_care.this_year = () => Number(frappe.datetime.get_today().slice(0, 4));
party_care.this_month = () => Number(frappe.datetime.get_today().slice(5, 7));

party_care.year_filter = function () {
	return {
		fieldname: "year",
		label: __("Year"),
		fieldtype: "Int",
		default: party_care.this_year(),
		reqd: 1,
	};
};

party_care.organization_filter = function () {
	return {
		fieldname: "party_organization",
		label: __("Party Organization"),
		fieldtype: "Link",
		options: "Party Organization",
	};
};

// Approval routes: the "what next" line of the step (state, who acts, what to fill, which
// action) above the form, and the route's fields another role fills in this state read-only —
// both sent by the server from the rules it enforces (party_care/desk/route_guide.py).
party_care.show_route_guide = function (frm) {
	const guide = frm.doc.__onload && frm.doc.__onload.route_guide;
	frm.layout.wrapper.find(".party-care-route-guide").remove();
	if (!guide || frm.is_new()) return;
	$(`<div class="party-care-route-guide form-message blue" role="status"></div>`)
		.text(guide.headline)
		.prependTo(frm.layout.wrapper);
	for (const fieldname of guide.step_fields) {
		if (!frm.fields_dict[fieldname]) continue;
		const original = (frappe.meta.docfield_map[frm.doctype] || {})[fieldname] || {};
		frm.set_df_property(
			fieldname,
			"read_only",
			guide.editable.includes(fieldname) ? original.read_only || 0 : 1
		);
	}
};

["Fund Application", "Commendation", "Dues Relief Application", "Care Payment Batch"].forEach(
	(doctype) => frappe.ui.form.on(doctype, { refresh: (frm) => party_care.show_route_guide(frm) })
);

// The objections raised to a record's public notice, on its form (officers, committee): who,
// when, why, how it was answered; an open one can be dismissed with an answer here, or upheld
// with the Uphold Objection action (back to the committee).
party_care.show_objections = function (frm) {
	frm.layout.wrapper.find(".party-care-objections").remove();
	const rows = frm.doc.__onload && frm.doc.__onload.objections;
	if (!rows || !rows.length) return;
	const box = $(`<div class="party-care-objections form-message yellow"></div>`);
	$("<div>")
		.append($("<strong>").text(__("Objections to the Public Notice ({0})", [rows.length])))
		.appendTo(box);
	for (const row of rows) {
		const line = $(`<div class="mt-2"></div>`).appendTo(box);
		line.append(
			$("<span>").text(
				`${frappe.datetime.str_to_user(row.raised_on).slice(0, 16)} ${
					row.raised_by_name
				}：${row.reason}（${row.status_label}）`
			)
		);
		if (row.response_label)
			line.append(
				$("<div class='text-muted'>").text(`${__("Response")}：${row.response_label}`)
			);
		if (row.may_dismiss) {
			$(`<button class="btn btn-xs btn-default ml-2"></button>`)
				.text(__("Dismiss Objection"))
				.on("click", () => party_care.dismiss_objection(frm, row.name))
				.appendTo(line);
		}
	}
	if (rows.some((r) => r.status === "Open")) {
		$("<div class='mt-2 text-muted'>")
			.text(
				__(
					"To uphold an objection, choose Uphold Objection under Actions: the application goes back to the party committee."
				)
			)
			.appendTo(box);
	}
	const guide = frm.layout.wrapper.find(".party-care-route-guide");
	guide.length ? box.insertAfter(guide) : box.prependTo(frm.layout.wrapper);
};

party_care.dismiss_objection = function (frm, objection) {
	frappe.prompt(
		{ fieldname: "response", fieldtype: "Small Text", label: __("Response"), reqd: 1 },
		({ response }) =>
			frappe
				.call("frappe.client.set_value", {
					doctype: "Notice Objection",
					name: objection,
					fieldname: { status: "Dismissed", response },
				})
				.then(() => frm.reload_doc()),
		__("Dismiss Objection"),
		__("Dismiss Objection")
	);
};

["Fund Application", "Commendation"].forEach((doctype) =>
	frappe.ui.form.on(doctype, { refresh: (frm) => party_care.show_objections(frm) })
);

// Report charts with a Currency fieldtype: Frappe formats their tooltip and legend values with
// frappe.format, whose HTML (<div style='text-align: right'>…) the chart prints as text. Call
// from a report's onload: its values read as plain text (¥ 3,000.00).
party_care.plain_chart_values = function (report) {
	const original = report.get_chart_options.bind(report);
	report.get_chart_options = (data) => {
		const options = original(data);
		const format = options && options.tooltipOptions && options.tooltipOptions.formatTooltipY;
		if (format)
			options.tooltipOptions.formatTooltipY = (d) => strip_html(String(format(d))).trim();
		return options;
	};
};

// A Select value in a list column, translated before it is escaped (Frappe escapes first, so
// "Children's Schooling" never meets its translation); filterable as Frappe's own pill.
party_care.select_pill = function (fieldname, value) {
	if (!value) return "";
	const raw = frappe.utils.escape_html(value);
	return `<span class="filterable indicator-pill gray ellipsis" data-filter="${fieldname},=,${raw}">
		<span class="ellipsis">${frappe.utils.escape_html(__(value))}</span></span>`;
};
