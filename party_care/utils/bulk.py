"""Multi-row INSERTs for rows the app writes by the thousand (batch lines, their ledger entries,
political birthday greetings and notifications)."""

import frappe

# the columns every row of a DocType has, in the order the app's multi-row INSERTs name them first
STANDARD_FIELDS = ("name", "owner", "modified_by", "creation", "modified", "docstatus", "idx")


def insert_rows(
	doctype: str,
	fields: list[str],
	values: list[tuple],
	chunk_size: int = 2000,
	ignore_duplicates: bool = False,
) -> int:
	"""INSERT the rows in chunks of `chunk_size`, one parameterised statement per chunk; returns
	the number of rows inserted.

	Does what frappe.db.bulk_insert does, without building the statement through the query
	builder (which costs more Python time than the database needs to store 5,000 rows). A
	duplicate of a unique key raises IntegrityError, as for any insert — or, with
	`ignore_duplicates`, is left out (INSERT IGNORE: the row already there stays)."""
	columns = ", ".join(f"`{f}`" for f in fields)
	row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
	verb = "insert ignore" if ignore_duplicates else "insert"
	inserted = 0
	for start in range(0, len(values), chunk_size):
		chunk = values[start : start + chunk_size]
		frappe.db.sql(
			f"{verb} into `tab{doctype}` ({columns}) values {', '.join([row_marks] * len(chunk))}",
			[value for row in chunk for value in row],
		)
		inserted += frappe.db._cursor.rowcount
	return inserted
