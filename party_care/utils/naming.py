"""Names for rows written in bulk, taken from the same counters Frappe's own naming uses."""

import frappe
from frappe.model.naming import BRACED_PARAMS_PATTERN, parse_naming_series

_MARK = "\x00"


def reserve_format_names(doctype: str, count: int) -> list[str]:
	"""`count` new names for a DocType named by a `format:` expression (e.g. CPL-{#######}), taken
	in one locked step from the very series counter Frappe's autoname would use, so names made
	here and names Frappe makes one at a time never collide."""
	autoname = frappe.get_meta(doctype).autoname or ""
	if not autoname.startswith("format:"):
		raise ValueError(f"{doctype} is not named by a format expression")
	counters = []

	def capture(key, digits):
		counters.append((key, digits))
		return _MARK

	template = BRACED_PARAMS_PATTERN.sub(
		lambda match: parse_naming_series([match.group()[1:-1]], number_generator=capture), autoname[7:]
	)
	if len(counters) != 1 or count <= 0:
		return [] if count <= 0 else frappe.throw(f"Cannot reserve names for {doctype}")
	key, digits = counters[0]
	frappe.db.sql("insert ignore into `tabSeries` (`name`, `current`) values (%s, 0)", key)
	current = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", key)[0][0]
	frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (current + count, key))
	return [template.replace(_MARK, f"{n:0{digits}d}") for n in range(current + 1, current + count + 1)]
