"""Count the SQL statements a piece of code runs (the benchmark's QueryCounter, for tests)."""

import frappe


class QueryCounter:
	"""with QueryCounter() as q: …  — q.count is the number of frappe.db.sql calls made inside
	(frappe.qb and frappe.get_all go through it too)."""

	def __init__(self):
		self.count = 0
		self.queries: list[str] = []

	def __enter__(self):
		self.original = frappe.db.sql

		def counted(query, *args, **kwargs):
			self.count += 1
			self.queries.append(str(query))
			return self.original(query, *args, **kwargs)

		frappe.db.sql = counted
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self.original
