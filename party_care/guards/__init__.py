"""The guard layer: what closes Frappe's generic side doors for the app's DocTypes (README,
"Permissions" and "Side doors"). One package, so a newcomer finds every piece of it:

* `visibility` — the one answer to "is this an app DocType" and "which fields may this user read";
* `list_query` — the checks of a list query's filters, group-bys and order-bys on unreadable
  fields (called by the endpoint overrides), and **a runtime patch** of the point where Frappe
  builds list queries (v15: also child tables outside their parent's scope);
* `selfcheck` — the patch proves itself at start-up; if not on the path, reads are refused;
* `request` — malformed input gets a translated 4xx, never a 500 (before/after_request hooks);
* `limits` — what a value of the app may be (doc_events "*");
* `side_writes` — comments, tags, assignments, follows, files and events on an app record come
  from who may write it (doc_events), and **a runtime patch** of the document-follow digest.

The whitelisted-method overrides that use these guards live in `party_care.overrides`.
`install()` puts both runtime patches in place; hooks.py runs it before every request *and*
before every background job, so a web worker and an RQ worker are guarded alike.
"""


def install(*args, **kwargs) -> None:
	"""Install the runtime patches (idempotent), and prove the list guard once per process
	(`selfcheck`: a Frappe that routes around it gets the app's reads refused, not unguarded)."""
	from party_care.guards import list_query, selfcheck, side_writes

	list_query.install()
	side_writes.install_digest_filter()
	selfcheck.ensure_checked()
