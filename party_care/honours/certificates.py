"""Certificate numbers of awarded commendations: `<year>-<4 digits>`, sequential per year.

The counter is a row of Frappe's Series table per year, read with SELECT … FOR UPDATE and
incremented in the awarding transaction (frappe.model.naming.getseries): two officers awarding
at once are serialised on that row, and a rolled-back award gives its number back. The
Commendation's certificate_number is also a unique column, the last guard."""

from frappe.model.naming import getseries


def next_certificate_number(year: int) -> str:
	return f"{year}-{getseries(f'PC-CERTIFICATE-{year}-', 4)}"
