"""Background jobs in tests. No RQ worker runs, and a test rolls back instead of committing, so
the jobs queued for after the commit (`frappe.enqueue(..., enqueue_after_commit=True)`) would
never start. `run_jobs_after_commit()` does what the commit and a worker would do: it puts each
of them on its real queue, takes it off again as the worker would read it, and runs it in the
test's transaction as the user who queued it."""

import frappe
from rq.job import Job


def run_jobs_after_commit() -> list[str]:
	"""Run the jobs waiting for the commit; returns their method names (other after-commit calls,
	such as realtime messages, are made too)."""
	pending = frappe.db.after_commit._functions
	ran = []
	while pending:
		queued = pending.popleft()()
		if not isinstance(queued, Job):
			continue
		job = Job.fetch(queued.id, connection=queued.connection)  # as the worker reads it
		job.delete()  # off the queue: no worker may run it a second time
		args = job.kwargs
		method = frappe.get_attr(args["method"]) if isinstance(args["method"], str) else args["method"]
		user = frappe.session.user
		frappe.set_user(args["user"])
		try:
			method(**args["kwargs"])
		finally:
			frappe.set_user(user)
		ran.append(args["job_name"])
	return ran
