"""How each generic Frappe endpoint is asked for one DocType (the side-door suites' probes):
shared by tests/test_side_doors.py and the suites of the newer modules."""

import json

# --- the probes: how each endpoint is asked for one DocType -------------------------------------


def M(method, **params):
	return ("POST", f"/api/method/{method}", {k: v for k, v in params.items() if v is not None})


def record(ctx, planted):
	names = planted.records.get(ctx.doctype)
	return names[0] if names else None


def on_record(method: str, key: str = "name", child_tables: bool = False):
	"""A builder probing `method` on the planted record of the DocType (doctype + `key`); not
	applicable where none is planted, nor on a child table unless `child_tables`."""

	def build(ctx, planted):
		name = record(ctx, planted)
		if not name or (ctx.child and not child_tables):
			return None
		return M(method, doctype=ctx.doctype, **{key: name})

	return build


def link_search(method: str):
	"""A builder of a link search (search_link, search_widget) in the DocType's first level-1 field
	(or its name), ignoring User Permissions, from its parent's form."""
	return lambda c, p: M(
		method,
		doctype=c.doctype,
		txt="",
		searchfield=(c.level1 or ["name"])[0],
		ignore_user_permissions=1,
		page_length=500,
		reference_doctype=c.parent,
	)


def list_stats(method: str):
	"""A builder of the list sidebar's counts (get_sidebar_stats, get_stats) by owner and tag; not
	applicable to a child table."""
	return lambda c, p: (
		None if c.child else M(method, stats=["owner", "_user_tags"], doctype=c.doctype, filters=[])
	)


def columns(ctx):
	return [f"`tab{ctx.doctype}`.`{f}`" for f in ctx.fields]


# endpoint → (builder(ctx, planted) → request or None when not applicable, strict)
# strict: 200 exactly when the role reads the DocType (README), 403 otherwise; PARENTLESS: the
# same, but a child table is refused to all (the endpoint takes no parent, Frappe needs one).
PARENTLESS = "parentless"
PROBES = {
	"frappe.client.get_list": (
		lambda c, p: M(
			"frappe.client.get_list", doctype=c.doctype, fields=["*"], limit_page_length=0, parent=c.parent
		),
		True,
	),
	"frappe.client.get_count": (
		lambda c, p: None if c.child else M("frappe.client.get_count", doctype=c.doctype),
		True,
	),
	"frappe.client.get_value": (
		lambda c, p: M(
			"frappe.client.get_value",
			doctype=c.doctype,
			fieldname=c.fields,
			filters={"name": record(c, p)} if record(c, p) else None,
			parent=c.parent,
		),
		True,
	),
	"frappe.client.get": (
		lambda c, p: (
			M("frappe.client.get", doctype=c.doctype, name=record(c, p))
			if record(c, p) and not c.child
			else None
		),
		False,
	),
	"frappe.client.validate_link": (
		lambda c, p: (
			M("frappe.client.validate_link", doctype=c.doctype, docname=record(c, p), fields=c.fields)
			if record(c, p)
			else None
		),
		False,
	),
	# Frappe 16: validate_link's successor (a link's check through search_widget, then its fetched fields)
	"frappe.client.validate_link_and_fetch": (
		lambda c, p: (
			M(
				"frappe.client.validate_link_and_fetch",
				doctype=c.doctype,
				docname=record(c, p),
				fields_to_fetch=c.fields,
			)
			if record(c, p)
			else None
		),
		False,
	),
	"frappe.desk.reportview.get": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.reportview.get",
				doctype=c.doctype,
				fields=columns(c),
				filters=[],
				page_length=500,
			)
		),
		True,
	),
	"frappe.desk.reportview.get_list": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.reportview.get_list",
				doctype=c.doctype,
				fields=columns(c),
				filters=[],
				page_length=500,
			)
		),
		True,
	),
	"frappe.desk.reportview.get_count": (
		lambda c, p: (
			None if c.child else M("frappe.desk.reportview.get_count", doctype=c.doctype, filters=[])
		),
		True,
	),
	"frappe.desk.reportview.export_query": (
		lambda c, p: M(
			"frappe.desk.reportview.export_query",
			doctype=c.doctype,
			file_format_type="CSV",
			fields=columns(c),
			title=c.doctype,
			filters=[],
		),
		False,
	),
	"frappe.desk.reportview.get_sidebar_stats": (
		list_stats("frappe.desk.reportview.get_sidebar_stats"),
		True,
	),
	"frappe.desk.reportview.get_stats": (list_stats("frappe.desk.reportview.get_stats"), True),
	"frappe.desk.reportview.get_filter_dashboard_data": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.reportview.get_filter_dashboard_data",
				doctype=c.doctype,
				filters=[],
				stats=[{"name": f, "type": "Data"} for f in c.level0],
			)
		),
		True,
	),
	"frappe.desk.listview.get_group_by_count": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.listview.get_group_by_count",
				doctype=c.doctype,
				current_filters=[],
				field="owner",
			)
		),
		True,
	),
	"frappe.desk.listview.get_group_by_count#assigned_to": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.listview.get_group_by_count",
				doctype=c.doctype,
				current_filters=[],
				field="assigned_to",
			)
		),
		False,
	),
	"frappe.desk.search.search_link": (link_search("frappe.desk.search.search_link"), PARENTLESS),
	"frappe.desk.search.search_widget": (link_search("frappe.desk.search.search_widget"), PARENTLESS),
	"frappe.desk.form.utils.get_next": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.form.utils.get_next",
				doctype=c.doctype,
				value=record(c, p) or "x",
				prev=0,
				filters=[],
				sort_order="desc",
				sort_field="modified",
			)
		),
		False,
	),
	"frappe.desk.calendar.get_events": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.calendar.get_events",
				doctype=c.doctype,
				start="2000-01-01",
				end="2100-01-01",
				field_map={"start": "creation", "end": "creation", "title": "name"},
				filters=[],
				fields=c.fields,
			)
		),
		True,
	),
	"frappe.desk.treeview.get_children": (
		lambda c, p: (
			M("frappe.desk.treeview.get_children", doctype=c.doctype, parent="") if c.is_tree else None
		),
		False,
	),
	"frappe.desk.treeview.get_all_nodes": (
		lambda c, p: (
			M(
				"frappe.desk.treeview.get_all_nodes",
				doctype=c.doctype,
				label="x",
				parent="",
				tree_method="frappe.desk.treeview.get_children",
			)
			if c.is_tree
			else None
		),
		False,
	),
	"frappe.desk.query_report.get_data_for_custom_field": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.desk.query_report.get_data_for_custom_field",
				doctype=c.doctype,
				field=(c.level1 or ["name"])[0],
				names=[record(c, p)] if record(c, p) else None,
			)
		),
		False,
	),
	"frappe.core.doctype.data_export.exporter.export_data": (
		lambda c, p: (
			None
			if c.child
			else M(
				"frappe.core.doctype.data_export.exporter.export_data",
				doctype=c.doctype,
				select_columns={c.doctype: c.fields},
				with_data=1,
				file_type="CSV",
				all_doctypes=1,
			)
		),
		False,
	),
	"frappe.core.doctype.data_import.data_import.download_template": (
		lambda c, p: M(
			"frappe.core.doctype.data_import.data_import.download_template",
			doctype=c.parent or c.doctype,
			export_fields={c.doctype: c.fields[1:]},
			export_records="all",
			file_type="CSV",
		),
		False,
	),
	"frappe.desk.doctype.tag.tag.get_tags": (
		lambda c, p: M("frappe.desk.doctype.tag.tag.get_tags", doctype=c.doctype, txt=""),
		False,
	),
	"frappe.geo.utils.get_coords": (
		lambda c, p: M("frappe.geo.utils.get_coords", doctype=c.doctype, filters=[], type="location_field"),
		False,
	),
	"frappe.utils.goal.get_monthly_goal_graph_data": (
		lambda c, p: M(
			"frappe.utils.goal.get_monthly_goal_graph_data",
			title="x",
			doctype=c.parent or c.doctype,
			docname="x",
			goal_value_field="name",
			goal_total_field="name",
			goal_history_field="name",
			goal_doctype=c.doctype,
			goal_doctype_link="name",
			goal_field=(c.level1 or ["name"])[0],
			date_field="creation",
			aggregation="group_concat",
		),
		False,
	),
	"frappe.www.list.get": (lambda c, p: M("frappe.www.list.get", doctype=c.doctype, txt=""), False),
	"frappe.www.list.get_list_data": (
		lambda c, p: M("frappe.www.list.get_list_data", doctype=c.doctype, txt=""),
		False,
	),
	# doctype + name: the record's form, history, links, previews (issue 10 items 4–5)
	"frappe.desk.form.load.getdoc": (on_record("frappe.desk.form.load.getdoc"), False),
	"frappe.desk.form.load.get_docinfo": (on_record("frappe.desk.form.load.get_docinfo"), False),
	"frappe.desk.form.load.get_communications": (
		on_record("frappe.desk.form.load.get_communications"),
		False,
	),
	"frappe.desk.form.linked_with.get_submitted_linked_docs": (
		lambda c, p: (
			M(
				"frappe.desk.form.linked_with.get_submitted_linked_docs",
				doctype=c.doctype,
				name=record(c, p) or (p.fund if c.doctype == "Care Fund" else None),
			)
			if (record(c, p) or c.doctype == "Care Fund") and not c.child
			else None
		),
		False,
	),
	"frappe.desk.form.linked_with.get": (on_record("frappe.desk.form.linked_with.get", key="docname"), False),
	"frappe.desk.link_preview.get_preview_data": (
		on_record("frappe.desk.link_preview.get_preview_data", key="docname", child_tables=True),
		False,
	),
	"frappe.desk.search.get_link_title": (
		on_record("frappe.desk.search.get_link_title", key="docname", child_tables=True),
		False,
	),
	"frappe.desk.doctype.number_card.number_card.get_result": (
		lambda c, p: M(
			"frappe.desk.doctype.number_card.number_card.get_result",
			doc={"document_type": c.doctype, "function": "Count", "parent_document_type": c.parent},
			filters=[],
		),
		False,
	),
	# /api/resource/<doctype> (REST v1 list)
	"/api/resource": (
		lambda c, p: (
			"GET",
			f"/api/resource/{c.doctype}",
			{"fields": ["*"], "limit_page_length": 0, "parent": c.parent},
		),
		True,
	),
}


def send(session, request):
	method, path, params = request
	params = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
	if method == "GET":
		return session.get(session.base_url + path, params=params, timeout=120)
	return session.post(session.base_url + path, data=params, timeout=120)


def route_forms(request) -> dict:
	"""The same request through each REST prefix Frappe serves (frappe/api/__init__.py): a method
	under /api/method/, /api/v1/method/ and /api/v2/method/; a record list under /api/resource/,
	/api/v1/resource/ and /api/v2/document/ (v2 takes `limit`, not `limit_page_length`)."""
	verb, path, params = request
	if path.startswith("/api/method/"):
		tail = path.removeprefix("/api/method/")
		return {
			"method": request,
			"v1": (verb, f"/api/v1/method/{tail}", params),
			"v2": (verb, f"/api/v2/method/{tail}", params),
		}
	tail = path.removeprefix("/api/resource/")
	v2 = {("limit" if k == "limit_page_length" else k): v for k, v in params.items()}
	return {
		"resource": request,
		"v1": (verb, f"/api/v1/resource/{tail}", params),
		"v2": (verb, f"/api/v2/document/{tail}", v2),
	}
