// Copyright (c) 2026, party_care contributors
// License: MIT. See LICENSE

frappe.ui.form.on("Study Session", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0]?.write) return;
		// the members of the organisation's subtree as unticked rows: tick who attended, then save
		frm.add_custom_button(
			__("List the Organisation's Members"),
			() => {
				frappe.db
					.get_list("Member", {
						filters: {
							party_organization: [
								"descendants of (inclusive)",
								frm.doc.party_organization,
							],
							member_status: ["in", ["Probationary", "Full"]],
						},
						fields: ["name", "full_name"],
						order_by: "full_name asc",
						limit: 2000,
					})
					.then((members) => {
						const present = new Set(
							(frm.doc.attendees || []).map((row) => row.member)
						);
						members
							.filter((m) => !present.has(m.name))
							.forEach((m) => {
								const row = frm.add_child("attendees", {
									member: m.name,
									attended: 0,
								});
								row.member_name = m.full_name;
							});
						frm.refresh_field("attendees");
						frm.dirty();
					});
			},
			__("Attendance")
		);
		// a column of a sheet: member IDs or names, one a line
		frm.add_custom_button(
			__("Add Attendees"),
			() => {
				frappe.prompt(
					[
						{
							fieldname: "members",
							fieldtype: "Small Text",
							reqd: 1,
							label: __("Member IDs or Names, One a Line"),
						},
					],
					(values) =>
						frappe
							.call({
								method: "party_care.openness.study.add_attendees",
								args: { study_session: frm.doc.name, members: values.members },
								freeze: true,
							})
							.then((r) => {
								frappe.show_alert(
									__("{0} added, {1} already listed.", [
										r.message.added,
										r.message.already,
									])
								);
								frm.reload_doc();
							}),
					__("Add Attendees")
				);
			},
			__("Attendance")
		);
	},
});
