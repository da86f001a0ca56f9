import frappe
from frappe import _


def get_data():
	"""The member form's connections: his case, applications, visits, talks and honours."""
	groups = [
		(_("Care"), ["Hardship Case", "Fund Application", "Dues Relief Application"]),
		(_("Visits and Talks"), ["Visit", "Member Event"]),
		(_("Honours"), ["Commendation"]),
	]
	return {
		"fieldname": "member",
		"transactions": [
			{"label": label, "items": [d for d in items if frappe.db.exists("DocType", d)]}
			for label, items in groups
		],
	}
