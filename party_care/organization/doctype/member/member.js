frappe.ui.form.on("Member", {
	setup(frm) {
		frm.set_query("party_organization", () => ({
			filters: { organization_type: ["in", ["Branch", "Party Group"]] },
		}));
	},
	refresh(frm) {
		if (frm.doc.member_status === "Deceased" || frm.doc.member_status === "Transferred Out") {
			frm.dashboard.set_headline_alert(__(frm.doc.member_status), "gray");
		}
	},
	id_number(frm) {
		// fill birth date and gender from the ID number, as the server does on save
		const id = (frm.doc.id_number || "").trim().toUpperCase();
		if (id.length !== 18) return;
		const born = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
		if (!frm.doc.date_of_birth) frm.set_value("date_of_birth", born);
		if (!frm.doc.gender) frm.set_value("gender", parseInt(id[16], 10) % 2 ? "Male" : "Female");
	},
});

// 党员关怀档案: the Care Record tab, from the server's care_record (it applies the Member's own
// permission check and shows sensitive notes only to level-1 readers).
frappe.ui.form.on("Member", {
	refresh(frm) {
		if (frm.is_new() || !frm.fields_dict.care_record_html) return;
		frappe
			.call({
				method: "party_care.care_batches.care_record.get_care_record",
				args: { member: frm.doc.name },
				type: "GET",
			})
			.then((r) =>
				frm.fields_dict.care_record_html.$wrapper.html(render_care_record(r.message))
			);
	},
});

function render_care_record(record) {
	const esc = frappe.utils.escape_html;
	const money = (v) => format_currency(v || 0, "CNY");
	const kinds = record.kinds;
	const years = record.years
		.map(
			(y) => `<tr><td>${y.year}</td>${kinds
				.map((k) => `<td class="text-right">${y[k.kind] || 0}</td>`)
				.join("")}
			<td class="text-right">${money(y.amount)}</td></tr>`
		)
		.join("");
	const events = record.events
		.map(
			(e) => `<tr><td>${e.date ? frappe.datetime.str_to_user(e.date) : ""}</td><td>${esc(
				e.kind_label
			)}</td>
			<td><a href="${frappe.utils.get_form_link(e.doctype, e.name)}">${esc(e.title || e.name)}</a></td>
			<td>${esc(e.status || "")}</td><td class="text-right">${e.amount ? money(e.amount) : ""}</td>
			${record.sensitive ? `<td>${esc(e.note || "")}</td>` : ""}</tr>`
		)
		.join("");
	const st = record.study; // this year's study hours against 32 (16 for a young member) and his mentor
	const study = st
		? `<p class="care-record-study"><b>${__("Study Hours")} ${st.year}</b>: ${__(
				"Collective Training Hours"
		  )} ${st.collective_hours} / ${st.collective_required}${
				st.young
					? ` · ${__("Mentor Study Hours")} ${st.mentor_study_hours} / ${
							st.young_required
					  }`
					: ""
		  }${st.mentor_name ? ` · ${__("Mentor Name")}: ${esc(st.mentor_name)}` : ""}</p>`
		: "";
	return `<div class="care-record">
		<p><b>${__("This year")}</b>: ${money(record.this_year.amount)} · <b>${__(
		"All years"
	)}</b>: ${money(record.total_amount)}</p>${study}
		<table class="table table-bordered care-record-years"><thead><tr><th>${__("Year")}</th>
			${kinds.map((k) => `<th>${esc(k.label)}</th>`).join("")}<th>${__(
		"Amount"
	)}</th></tr></thead><tbody>${years}</tbody></table>
		<table class="table table-bordered care-record-events"><thead><tr><th>${__("Date")}</th><th>${__(
		"Kind"
	)}</th>
			<th>${__("Record")}</th><th>${__("Status")}</th><th>${__("Amount")}</th>${
		record.sensitive ? `<th>${__("Notes")}</th>` : ""
	}</tr></thead>
			<tbody>${events}</tbody></table></div>`;
}
