"""Rules per committee, inherited (issue 22): the one place the app asks for a rule.

Notice days, limits by purpose, the yearly cap, visit deadlines by reason and the talk period are
set at a committee (a Committee Rules record, 党委规则) and hold for every organisation under it
down to the next committee that sets its own; Party Care Settings (and, for the visit deadlines,
each Visit Reason) are the defaults at the top of the tree. A committee may fix a value as the
maximum (for notice days: the minimum) for the committees below: they may set only a stricter
one. A committee that already set a looser value before the committee above fixed its maximum is
held to that maximum (the committee above cannot write the rules below, so it is not refused).

`rule(fieldname, organization)`, `purpose_limit(purpose, organization)` and
`visit_due_days(reason, organization)` answer for one organisation: one query on the nested set
for the Committee Rules at or above it (kept for the request), the rules themselves from the
document cache. `rule_sql(fieldname, alias)` gives a report the same answer for every row of a
set-based query, as one CASE on the organisation's place in the tree."""

import frappe
from frappe.utils import cint, flt

# fieldname → (its fixed flag, whether a larger value is the looser one)
SCALARS = {
	"notice_days": ("notice_days_fixed", False),  # fewer days of public notice: looser
	"yearly_cap_per_member": ("yearly_cap_per_member_fixed", True),
	"talk_period_years": ("talk_period_years_fixed", True),
}
FIXED = "fixed_for_below"


def default(fieldname: str):
	"""The value at the top of the tree: Party Care Settings, read as the app read it before rules
	(the cap from the cached settings document, the others as single values)."""
	if fieldname == "yearly_cap_per_member":
		return flt(frappe.get_cached_doc("Party Care Settings").yearly_cap_per_member)
	value = frappe.db.get_single_value("Party Care Settings", fieldname)
	if fieldname == "notice_days":
		return cint(value) or 5
	if fieldname == "talk_period_years":
		return cint(value) or 1
	return flt(value)


def stricter(fieldname: str, a, b):
	return max(a, b) if not SCALARS[fieldname][1] else min(a, b)


def looser(fieldname: str, value, than) -> bool:
	return value != than and stricter(fieldname, value, than) == than


# --- the Committee Rules at or above an organisation -----------------------------------------------


def chain(organization: str | None) -> list:
	"""The Committee Rules at or above `organization`, nearest first (one query per request)."""
	if not organization:
		return []
	cache = getattr(frappe.local, "party_care_rule_chains", None)
	if cache is None:
		cache = frappe.local.party_care_rule_chains = {}
	if organization not in cache:
		cache[organization] = frappe.db.sql_list(
			"""select r.name from `tabCommittee Rules` r
			join `tabParty Organization` c on c.name = r.committee
			join `tabParty Organization` o on c.lft <= o.lft and c.rgt >= o.rgt
			where o.name = %s order by c.lft desc""",
			organization,
		)
	try:
		return [frappe.get_cached_doc("Committee Rules", name) for name in cache[organization]]
	except frappe.DoesNotExistError:  # deleted since this request (or job) asked: ask again
		del cache[organization]
		return chain(organization)


def clear_cache() -> None:
	frappe.local.party_care_rule_chains = {}


def _resolve(docs, value_of, fallback, is_stricter):
	"""The nearest value set in `docs`, held to the strictest value fixed in them."""
	value, bound = None, None
	for doc in docs:
		for v, fixed in value_of(doc):
			if value is None:
				value = v
			if fixed and (bound is None or is_stricter(v, bound)):
				bound = v
	if value is None:
		value = fallback()
	if bound is not None and is_stricter(bound, value):
		value = bound
	return value


def _scalar_values(fieldname):
	flag = SCALARS[fieldname][0]

	def values(doc):
		v = doc.get(fieldname)
		return [(v, doc.get(flag))] if v else []

	return values


def _row_values(table: str, key_field: str, key, value_field: str):
	def values(doc):
		return [
			(row.get(value_field), row.get(FIXED))
			for row in doc.get(table) or []
			if row.get(key_field) == key
		]

	return values


def rule(fieldname: str, organization: str | None = None):
	"""One of SCALARS for the records of `organization`."""
	return _resolve(
		chain(organization),
		_scalar_values(fieldname),
		lambda: default(fieldname),
		lambda a, b: looser(fieldname, b, a),
	)


def purpose_limit(purpose: str, organization: str | None = None) -> float | None:
	"""The most one application for `purpose` may ask (None: only the yearly cap)."""

	def fallback():
		return frappe.get_cached_doc("Party Care Settings").max_amount_for(purpose)

	value = _resolve(
		chain(organization),
		_row_values("purpose_limits", "purpose", purpose, "max_amount"),
		fallback,
		lambda a, b: flt(a) < flt(b),
	)
	return None if value is None else flt(value)


def visit_due_days(reason: str, organization: str | None = None) -> int:
	"""The days within which a visit (or talk) for `reason` is due."""
	return cint(
		_resolve(
			chain(organization),
			_row_values("visit_deadlines", "visit_reason", reason, "due_days"),
			lambda: frappe.db.get_value("Visit Reason", reason, "due_days") or 0,
			lambda a, b: cint(a) < cint(b),
		)
	)


def bounds_above(committee: str) -> dict:
	"""What the committees strictly above `committee` fixed: {key: (value, committee)}, keys the
	SCALARS' fieldnames and ("purpose_limits", purpose) / ("visit_deadlines", reason)."""
	parent = frappe.db.get_value("Party Organization", committee, "parent_party_organization")
	out = {}

	def keep(key, value, owner, is_stricter):
		if key not in out or is_stricter(value, out[key][0]):
			out[key] = (value, owner)

	for doc in chain(parent):
		for fieldname, (flag, _larger_looser) in SCALARS.items():
			if doc.get(fieldname) and doc.get(flag):
				keep(fieldname, doc.get(fieldname), doc.committee, lambda a, b, f=fieldname: looser(f, b, a))
		for table, key_field, value_field in TABLES:
			for row in doc.get(table) or []:
				if row.get(FIXED):
					keep(
						(table, row.get(key_field)),
						row.get(value_field),
						doc.committee,
						lambda a, b: flt(a) < flt(b),
					)
	return out


TABLES = (
	("purpose_limits", "purpose", "max_amount"),
	("visit_deadlines", "visit_reason", "due_days"),
)


# --- the same answer for every row of a report -----------------------------------------------------


def rule_sql(fieldname: str, alias: str = "org") -> str:
	"""SQL: the value of `fieldname` for the row whose Party Organization is `alias` — one CASE on
	the committees with rules, deepest first (the first that holds the row is its nearest)."""
	rows = frappe.db.sql(
		"""select r.committee, c.lft, c.rgt from `tabCommittee Rules` r
		join `tabParty Organization` c on c.name = r.committee order by c.lft desc"""
	)
	fallback = _number(default(fieldname))
	if not rows:
		return fallback
	whens = " ".join(
		f"when {alias}.lft >= {cint(lft)} and {alias}.rgt <= {cint(rgt)} "
		f"then {_number(rule(fieldname, committee))}"
		for committee, lft, rgt in rows
	)
	return f"(case {whens} else {fallback} end)"


def _number(value) -> str:
	return str(cint(value)) if flt(value) == cint(value) else str(flt(value))
