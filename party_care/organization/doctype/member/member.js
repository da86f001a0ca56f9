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
