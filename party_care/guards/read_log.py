"""Who looked at what: every read of sensitive personal information is logged (issue 19).

The Personal Information Protection Law treats health, finances and ID numbers as sensitive
personal information. Each field below belongs to a *field group*; when a request hands a value
of a group to its reader, one row of Sensitive Read Log names the reader, the record (or, for a
list, the DocType and the number of rows), the group, the channel and the reader's IP.

Where values are handed over (each point sees what Frappe returns *after* its permission checks
and `apply_fieldlevel_read_permissions`, so a field the reader may not read is empty and is not
logged; a refused read never gets that far):

* the desk form — `party_care.overrides.form_load.getdoc` (the document and its history);
* REST — `/api/resource/<DocType>/<name>` and `/api/v2/document/…` (the response body, read by
  the after_request hook `flush` itself: Frappe has no hook between its read and its answer),
  `frappe.client.get` and `get_value` (their overrides);
* lists and reports — `frappe.client.get_list`, `reportview.get` / `get_list`, the `/api/resource`
  listing, the Hardship Register report (its run and its export, `note_report`), the member's care
  record (party_care/care_batches/care_record.py): one row per DocType and group, with the number
  of rows;
* prints — doc_events "*" `before_print`, after party_care/guards/visibility.py blanked the rest;
  the Member Care Record print format's notes and situations (care_record_for_print);
* exports — `reportview.export_query` (one row per group, with the number of rows exported), the
  Hardship Register's export; Frappe's Data Export and Data Import tools are refused for the
  sensitive fields (`check_export_tools`).

Cost: the points only *note* (a dict in `frappe.local`); `flush`, the last after_request hook,
writes everything a request noted in one multi-row INSERT (party_care/utils/bulk.py), and only if
the request succeeded (status < 400): a refused read logs nothing.

A background job (a prepared report, an auto e-mail report, a print attached to an e-mail) notes
the same way; the after_job hook `flush_job` writes what it noted once it has finished.

Replicas: Frappe's `@frappe.read_only()` reads on the replica connection and puts the primary back
when the method returns, so by the time the after_request hook runs `frappe.db` is the primary
again; `flush` writes there (making sure of it) in its own short transaction — a read served from
the replica is logged on the primary, synchronously, and nothing waits on a queue. Only when the
site is in read-only maintenance mode (`frappe.flags.read_only`: no write can succeed) are the rows
handed to a background job instead. A failure to log never fails the read: it goes to the app's
log file.
"""

import json
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.utils import cint, now

LOG = "Sensitive Read Log"

# DocType → field → field group (the Select options of Sensitive Read Log.field_group)
GROUPS: dict[str, dict[str, str]] = {
	"Member": {"id_number": "ID Number"},
	"Hardship Case": {
		"situation": "Hardship Situation",
		"causes": "Hardship Situation",
		"family_members": "Family Members",
		"household_annual_income": "Income",
		"per_capita_income": "Income",
	},
	"Visit": {"notes": "Private Notes"},
	"Member Event": {"details": "Private Notes"},
	"Confidential Letter": dict.fromkeys(
		("subject", "letter_text", "reply", "talk_summary"), "Confidential Letter"
	),
	"Psychological Care Plan": dict.fromkeys(
		("plan_type", "assessment", "referral_to", "plan_notes", "closing_note"), "Care Plan"
	),
}
# child tables whose every field is in one group of their parent
CHILD_GROUPS: dict[str, tuple[str, str]] = {"Hardship Family Member": ("Hardship Case", "Family Members")}

CHANNELS = ("Desk Form", "REST API", "List or Report", "Print", "Export")
FIELDS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"read_at",
	"user",
	"channel",
	"ip_address",
	"reference_doctype",
	"reference_name",
	"field_group",
	"record_count",
	"request_path",
	"query",
	"party_organization",
]
_PENDING = "party_care_sensitive_reads"


def is_sensitive(doctype) -> bool:
	return isinstance(doctype, str) and (doctype in GROUPS or doctype in CHILD_GROUPS)


def _has_value(value) -> bool:
	if isinstance(value, list | tuple):
		return len(value) > 0
	return value not in (None, "", 0, 0.0)


# --- noting what a request hands over --------------------------------------------------------------


def note(doctype: str, name: str | None, group: str, channel: str, count: int = 1, query=None) -> None:
	"""Remember that this request hands `count` values of `group` (of record `name`, or of a list)
	to its user; one entry per (DocType, record, group, channel), whatever number of points saw it."""
	pending = getattr(frappe.local, _PENDING, None)
	if pending is None:
		pending = {}
		setattr(frappe.local, _PENDING, pending)
	key = (doctype, name, group, channel)
	if key in pending:
		pending[key]["count"] = max(pending[key]["count"], count)
		return
	pending[key] = {"count": count, "query": query}


def before_print(doc, method=None, *args, **kwargs) -> None:
	"""doc_events "*" before_print, after visibility.before_print blanked what the reader may not read."""
	note_doc(doc, "Print")


def groups_in_doc(doctype: str, doc) -> set[str]:
	"""The groups of which `doc` (a Document or a dict, as returned to the reader) carries a value."""
	fields = GROUPS.get(doctype)
	if not fields or not doc:
		return set()
	get = doc.get if hasattr(doc, "get") else (lambda f: getattr(doc, f, None))
	return {group for field, group in fields.items() if _has_value(get(field))}


def note_doc(doc, channel: str) -> None:
	"""A whole record handed to its reader (form, REST, print)."""
	try:
		doctype = doc.get("doctype") if isinstance(doc, dict) else doc.doctype
		if doctype in GROUPS:
			for group in groups_in_doc(doctype, doc):
				note(doctype, doc.get("name") if isinstance(doc, dict) else doc.name, group, channel)
	except Exception:
		_failed("note_doc")


def note_versions(doctype: str, name: str, versions: list[dict], channel: str = "Desk Form") -> None:
	"""A record's history handed to its reader: the old and new values of the fields it changed."""
	fields = GROUPS.get(doctype)
	if not fields or not versions:
		return
	try:
		groups = set()
		for version in versions:
			data = json.loads(version.get("data") or "{}")
			groups |= {fields[c[0]] for c in data.get("changed") or [] if c[0] in fields}
			for key in ("added", "removed", "row_changed"):
				groups |= {fields[row[0]] for row in data.get(key) or [] if row[0] in fields}
		for group in groups:
			note(doctype, name, group, channel)
	except Exception:
		_failed("note_versions")


def _output_keys(doctype: str, fields, own_names: bool = True) -> dict[str, str]:
	"""Which key of a returned row carries which group, from the `fields` the client asked for
	(`id_number`, `tabMember`.`id_number`, `upper(id_number) as x`, a child table's column);
	with `own_names`, also each sensitive field under its own name (what `*` returns)."""
	from party_care.guards.list_query import _columns

	keys = dict(GROUPS.get(doctype, {})) if own_names else {}
	if isinstance(fields, str):
		try:
			fields = json.loads(fields)
		except ValueError:
			fields = [fields]
	for field in fields if isinstance(fields, list | tuple) else []:
		if not isinstance(field, str):
			continue
		groups = set()
		for dt, column in _columns(field, doctype):
			if dt in CHILD_GROUPS and CHILD_GROUPS[dt][0] == doctype and column not in ("name", "idx"):
				groups.add(CHILD_GROUPS[dt][1])
			elif column in GROUPS.get(dt if dt in GROUPS else doctype, {}):
				groups.add(GROUPS[dt if dt in GROUPS else doctype][column])
		if not groups:
			continue
		lowered = field.lower()
		if " as " in lowered:
			key = field[lowered.rindex(" as ") + 4 :].strip().strip("`'\"")
		else:
			key = field.strip().rsplit(".", 1)[-1].strip("`")
		for group in groups:
			keys[key] = group
	return keys


def note_rows(doctype: str, rows, channel: str, fields=None, query=None, keys: list | None = None) -> None:
	"""Rows of a list or report handed to the reader: one entry per group, counting the rows that
	carry a value of it (rows are dicts, or lists whose column names are `keys` or `fields`)."""
	if not is_sensitive(doctype) or not rows:
		return
	try:
		if doctype in CHILD_GROUPS:  # the family table listed on its own (its parent's scope)
			parent, group = CHILD_GROUPS[doctype]
			note(parent, None, group, channel, count=len(rows), query=_query(query))
			return
		by_key = _output_keys(doctype, fields)
		counts: dict[str, int] = {}
		names: dict[str, set] = {}
		columns = keys or (frappe.parse_json(fields) if isinstance(fields, str) else fields) or []
		for row in rows:
			if isinstance(row, list | tuple) and len(row) == len(columns):
				row = dict(zip((str(c).rsplit(".", 1)[-1].strip("`") for c in columns), row, strict=True))
			if not isinstance(row, dict):
				continue
			seen = {by_key[k] for k, v in row.items() if k in by_key and _has_value(v)}
			for group in seen:
				counts[group] = counts.get(group, 0) + 1
				if row.get("name"):
					names.setdefault(group, set()).add(row["name"])
		for group, count in counts.items():
			single = names.get(group)
			name = next(iter(single)) if count == 1 and single and len(single) == 1 else None
			note(doctype, name, group, channel, count=count, query=_query(query))
	except Exception:
		_failed("note_rows")


def note_group_counts(doctype: str, field: str, rows, query=None) -> None:
	"""A list's sidebar counts grouped by a field (frappe.desk.listview.get_group_by_count): its
	values are the groups' names; one entry counting the records behind them."""
	group = GROUPS.get(doctype, {}).get(field) if isinstance(doctype, str) else None
	if not group or not isinstance(rows, list):
		return
	try:
		count = sum(
			cint(row.get("count")) for row in rows if isinstance(row, dict) and _has_value(row.get("name"))
		)
		if count:
			note(doctype, None, group, "List or Report", count=count, query=_query(query))
	except Exception:
		_failed("note_group_counts")


def note_search(doctype: str, fields, results) -> None:
	"""A link search whose result shows sensitive fields (`searchfield`, `filter_fields`): one
	entry per group, with the number of records found."""
	if not is_sensitive(doctype) or not results or doctype in CHILD_GROUPS:
		return
	try:
		named = [f for f in fields if isinstance(f, str)]
		for group in {GROUPS[doctype][f] for f in named if f in GROUPS[doctype]}:
			note(doctype, None, group, "List or Report", count=len(results))
	except Exception:
		_failed("note_search")


def note_report(doctype: str, rows, fields, query=None) -> None:
	"""Rows of a Script Report handed to the reader (its run, or its export: whichever the request
	is), as a list's: one entry per group, with the number of rows."""
	request = getattr(frappe.local, "request", None)
	path = (getattr(request, "path", None) or frappe.form_dict.get("cmd") or "").rstrip("/")
	channel = "Export" if path.endswith("export_query") else "List or Report"
	note_rows(doctype, rows, channel, fields=fields, query=query)


def note_export(doctype: str, fields, content, file_format: str, query=None) -> None:
	"""An export of the report view: one entry per group among its columns, with the rows exported."""
	if not is_sensitive(doctype):
		return
	try:
		groups = set(_output_keys(doctype, fields, own_names=False).values())
		if doctype in CHILD_GROUPS:
			doctype, group = CHILD_GROUPS[doctype]
			groups = {group}
		if groups:
			count = _exported_rows(content, file_format)
			for group in groups:
				note(doctype, None, group, "Export", count=count, query=_query(query))
	except Exception:
		_failed("note_export")


def _exported_rows(content, file_format: str) -> int:
	"""Data rows of an exported file (its first row is the header); 0 when it went elsewhere."""
	if not content:
		return 0
	if file_format == "Excel":
		from io import BytesIO

		from openpyxl import load_workbook

		sheet = load_workbook(BytesIO(content), read_only=True).active
		return max((sheet.max_row or 1) - 1, 0)
	import csv
	from io import StringIO

	text = content.decode("utf-8-sig") if isinstance(content, bytes) else str(content)
	return max(sum(1 for _row in csv.reader(StringIO(text))) - 1, 0)


def _query(query) -> str | None:
	"""The fields a list was filtered on — never their values: a filter may carry the very value
	(an ID number) that the log's own readers may not read."""
	if isinstance(query, str):
		try:
			query = json.loads(query)
		except ValueError:
			return None
	items = (
		[{k: None} for k in query] if isinstance(query, dict) else query if isinstance(query, list) else []
	)
	names = []
	for item in items:
		if isinstance(item, dict):
			names += [str(k) for k in item]
		elif isinstance(item, list | tuple) and item:
			names.append(str(item[1] if len(item) >= 4 else item[0]))
	return ", ".join(dict.fromkeys(names))[:1000] or None


# --- Frappe's bulk export tools, charts and cards: refused for the sensitive fields ---------------

# Data Export (`export_data`) and Data Import's template with records (`download_template`) write
# every column asked for — a family table straight from the database, past its permission levels —
# and hand their rows to no point above; a dashboard chart grouped by a field hands its values over
# as the chart's labels, and a chart or number card aggregating one (the sum of one case's income)
# hands over the value. For the sensitive fields they are refused (a 403, for every role: the
# report view and its export, which are logged, show them). Their blank templates, their other
# columns and the charts and cards of other fields pass.
DATA_EXPORT = "frappe.core.doctype.data_export.exporter.export_data"
DATA_IMPORT_TEMPLATE = "frappe.core.doctype.data_import.data_import.download_template"
DASHBOARD_CHART = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
NUMBER_CARD = "frappe.desk.doctype.number_card.number_card.get_result"


def check_export_tools() -> None:
	"""before_request (after the request guard): Frappe's export tools, a dashboard chart or a
	number card asked for a sensitive field."""
	request = getattr(frappe.local, "request", None)
	if not request or not request.path.startswith("/api/"):
		return
	from party_care.guards.request import api_route, frappe_name

	method = frappe_name(api_route(request.path).method)
	form = frappe.form_dict
	if method in (DASHBOARD_CHART, NUMBER_CARD):
		doctype, groups = _aggregated_groups(method, form)
		if groups:
			_refuse(
				_(
					"{0} holds sensitive personal information ({1}): a chart or number card does not group or total it. Read it in the report view, where each read is logged."
				),
				doctype,
				groups,
			)
		return
	if method not in (DATA_EXPORT, DATA_IMPORT_TEMPLATE):
		return
	doctype = form.get("doctype")
	if not is_sensitive(doctype):
		return
	if method == DATA_EXPORT:
		template = form.get("template")
		template = template.lower() == "true" if isinstance(template, str) else bool(template)
		if template and not cint(form.get("with_data")):  # as Frappe decides: a blank template
			return
		groups = _exported_groups(
			doctype, _json_dict(form.get("select_columns")), bool(form.get("all_doctypes", True)), "options"
		)
	else:
		if form.get("export_records") == "blank_template":
			return
		groups = _exported_groups(doctype, _json_dict(form.get("export_fields")), True, "fieldname")
	if groups:
		_refuse(
			_(
				"{0} holds sensitive personal information ({1}): the Data Export and Data Import tools do not export it. Export it from the report view, where each export is logged."
			),
			doctype,
			groups,
		)


def _refuse(message: str, doctype: str, groups: set[str]) -> None:
	frappe.throw(
		message.format(frappe.bold(_(doctype)), "、".join(sorted(_(g) for g in groups))),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def _aggregated_groups(method: str, form) -> tuple[str | None, set[str]]:
	"""(DocType, groups) a chart groups by or aggregates, or a card aggregates."""
	if method == NUMBER_CARD:
		card, keys = _json_dict(form.get("doc")), ("aggregate_function_based_on",)
	else:
		keys = ("group_by_based_on", "aggregate_function_based_on", "value_based_on")
		name = form.get("chart_name")
		if isinstance(name, str) and name:
			card = frappe.db.get_value("Dashboard Chart", name, ["document_type", *keys], as_dict=True)
		else:
			card = _json_dict(form.get("chart"))
	doctype = card.get("document_type") if card else None
	if not is_sensitive(doctype):
		return None, set()
	named = {card.get(key) for key in keys} - {None, "", "name", "idx"}
	if doctype in CHILD_GROUPS:
		return CHILD_GROUPS[doctype][0], {CHILD_GROUPS[doctype][1]} if named else set()
	return doctype, {GROUPS[doctype][f] for f in named if isinstance(f, str) and f in GROUPS[doctype]}


def _json_dict(value) -> dict | None:
	"""The columns asked for ({DocType or table field: [fields]}); None: every column."""
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			return None
	return value if isinstance(value, dict) and value else None


def _exported_groups(doctype: str, columns: dict | None, children: bool, child_key: str) -> set[str]:
	"""The groups among the columns an export tool would write (`columns` None: all of them); a
	child table's columns are keyed by its DocType (`options`, Data Export) or its field (Data Import)."""
	if doctype in CHILD_GROUPS:
		return {CHILD_GROUPS[doctype][1]}
	fields = GROUPS.get(doctype, {})

	def named(key) -> set:
		value = columns.get(key) if columns is not None else None
		return {f for f in value if isinstance(f, str)} if isinstance(value, list) else set()

	groups = {group for field, group in fields.items() if columns is None or field in named(doctype)}
	if children:
		for df in frappe.get_meta(doctype).get_table_fields():
			child = CHILD_GROUPS.get(df.options)
			if child and child[0] == doctype and (columns is None or named(df.get(child_key))):
				groups.add(child[1])
	return groups


# --- REST: the response of /api/resource and /api/v2/document -------------------------------------


def _rest_target(request) -> tuple[str, str | None] | None:
	"""(DocType, name or None for a listing) of a GET on a document resource of a sensitive DocType."""
	if request.method != "GET":
		return None
	path = request.path
	for prefix in ("/api/resource/", "/api/v2/document/"):
		if path.startswith(prefix):
			parts = path[len(prefix) :].split("/", 1)
			doctype = unquote(parts[0])
			if not is_sensitive(doctype):
				return None
			name = unquote(parts[1]) if len(parts) > 1 and parts[1] else None
			return doctype, name
	return None


def note_rest_response(response, request) -> None:
	target = _rest_target(request)
	if not target or response.status_code != 200:
		return
	doctype, name = target
	try:
		data = json.loads(response.get_data(as_text=True)).get("data")
	except Exception:
		return
	if name and isinstance(data, dict) and doctype in GROUPS:
		groups = groups_in_doc(doctype, data)
		if groups and data.get("party_organization") and data.get("name"):
			# the record's organisation is in what was read: no query for it when writing
			_known_organizations()[(doctype, data["name"])] = data["party_organization"]
		for group in groups:
			note(doctype, data.get("name") or name, group, "REST API")
	elif not name and isinstance(data, list):
		form = frappe.form_dict
		note_rows(
			doctype,
			data,
			"List or Report",
			fields=form.get("fields"),
			query=form.get("filters") or form.get("or_filters"),
		)


# --- writing: once per request ---------------------------------------------------------------------


def flush(response=None, request=None) -> None:
	"""after_request (the last): write what this request handed over, if it succeeded."""
	try:
		if response is not None and request is not None:
			note_rest_response(response, request)
		pending = getattr(frappe.local, _PENDING, None)
		setattr(frappe.local, _PENDING, None)
		if not pending or response is None or response.status_code >= 400:
			return
		rows = rows_for(pending, request)
		if frappe.flags.read_only:  # read-only maintenance mode: no write succeeds here
			frappe.enqueue(write_rows, rows=rows, queue="short", enqueue_after_commit=False)
			return
		write_on_primary(rows)
	except Exception:
		_failed("flush")


def flush_job(method=None, **kwargs) -> None:
	"""after_job: what a background job handed over (a prepared report, a print attached to an
	e-mail), written after the job committed, in its own transaction; the job's method is the path."""
	try:
		pending = getattr(frappe.local, _PENDING, None)
		setattr(frappe.local, _PENDING, None)
		if pending:
			write_on_primary(rows_for(pending, path=f"job: {method}" if method else None))
	except Exception:
		_failed("flush_job")


def organizations_of(pending: dict, user: str) -> dict:
	"""(DocType, record) → the record's organisation, one query per DocType; a list's entries (no
	record) → the reader's own organisation. The log is read within the tree by it (a committee's
	auditor reads the reads of his committee's records); what has none is read only site-wide."""
	names: dict[str, set] = {}
	known = getattr(frappe.local, _KNOWN, None) or {}
	setattr(frappe.local, _KNOWN, None)
	found = {}
	for doctype, name, _group, _channel in pending:
		if (doctype, name) in known:
			found[(doctype, name)] = known[(doctype, name)]
		elif name:
			names.setdefault(doctype, set()).add(name)
	for doctype, wanted in names.items():
		if not frappe.get_meta(doctype).has_field("party_organization"):
			continue
		for name, organization in frappe.get_all(
			doctype,
			filters={"name": ["in", sorted(wanted)]},
			fields=["name", "party_organization"],
			as_list=True,
			ignore_permissions=True,
		):
			found[(doctype, name)] = organization
	if any(not name for _doctype, name, _group, _channel in pending):  # only a list's entries need it
		found[None] = reader_organization(user)
	return found


_KNOWN = "party_care_read_organizations"


def _known_organizations() -> dict:
	"""(DocType, record) → organisation, as the response of this request showed it."""
	known = getattr(frappe.local, _KNOWN, None)
	if known is None:
		known = {}
		setattr(frappe.local, _KNOWN, known)
	return known


def reader_organization(user: str) -> str | None:
	from party_care.organization import tree
	from party_care.permissions import ALL, SUBTREE, get_scope, scope_organizations

	scope = get_scope(user)
	if scope == SUBTREE:
		orgs = scope_organizations(user)
		return orgs[0] if orgs else None
	if scope == ALL:
		roots = tree.roots()
		return roots[0] if len(roots) == 1 else None
	return frappe.db.get_value("Member", {"user": user}, "party_organization")


def rows_for(pending: dict, request=None, path: str | None = None) -> list[tuple]:
	user = frappe.session.user
	stamp = now()
	ip = getattr(frappe.local, "request_ip", None)
	path = ((request.path if request is not None else path) or frappe.form_dict.get("cmd") or "")[:255]
	organizations = organizations_of(pending, user)
	return [
		(
			frappe.generate_hash(length=12),
			stamp,
			stamp,
			user,
			user,
			0,
			stamp,
			user,
			channel,
			ip,
			doctype,
			name,
			group,
			cint(entry["count"]),
			path,
			entry["query"],
			organizations.get((doctype, name)) if name else organizations.get(None),
		)
		for (doctype, name, group, channel), entry in pending.items()
	]


def write_on_primary(rows: list[tuple]) -> None:
	"""One INSERT of every row, committed on its own (the request's read is over: for a GET nothing
	of it is kept, so the rollback first drops nothing Frappe would have kept)."""
	local = frappe.local
	replica = getattr(local, "primary_db", None) and local.db is not local.primary_db
	if replica:  # still inside a read_only method: write on the primary
		current, local.db = local.db, local.primary_db
	try:
		if getattr(
			frappe.db, "transaction_writes", 1
		):  # nothing written since Frappe's own rollback: no round trip
			frappe.db.rollback()
		write_rows(rows)
		frappe.db.commit()
	except Exception:
		frappe.db.rollback()
		raise
	finally:
		if replica:
			local.db = current


def write_rows(rows: list[tuple]) -> None:
	from party_care.utils.bulk import insert_rows

	insert_rows(LOG, FIELDS, [tuple(r) for r in rows])


def _failed(where: str) -> None:
	frappe.logger("party_care").error(f"party_care: the sensitive read log failed in {where}", exc_info=True)


# --- reading the log: within the tree ---------------------------------------------------------------


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions: site-wide readers (System Manager, a root committee's auditor,
	a one-committee site) read every row; a committee's auditor the rows of his committee's subtree;
	rows without an organisation only site-wide (fail closed)."""
	from party_care.organization import tree
	from party_care.permissions import ALL, SUBTREE, get_scope, scope_organizations

	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return ""
	if scope == SUBTREE:
		return f"`tab{LOG}`.party_organization in ({tree.under_sql(scope_organizations(user))})"
	return "1 = 0"


def readable_organizations(user: str) -> list[str] | None:
	"""The organisations whose rows of the log `user` reads: None for every row (site-wide)."""
	from party_care.organization import tree
	from party_care.permissions import ALL, SUBTREE, get_scope, scope_organizations

	scope = get_scope(user)
	if scope == ALL:
		return None
	if scope == SUBTREE:
		return frappe.db.sql_list(tree.under_sql(scope_organizations(user)))
	return []


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	from party_care.compat import NO_OBJECTION
	from party_care.organization import tree
	from party_care.permissions import ALL, SUBTREE, get_scope, scope_organizations

	user = user or frappe.session.user
	scope = get_scope(user)
	if scope == ALL:
		return NO_OBJECTION
	if scope == SUBTREE and doc.get("party_organization"):
		return NO_OBJECTION if tree.is_under_any(doc.party_organization, scope_organizations(user)) else False
	return False
