"""The bench's gunicorn on a free loopback port, as the HTTP tests (tests/conftest.py `server`,
tests/test_faults.py) and the benchmarks (benchmarks/load.py, benchmarks/soak.py) start it: one
launcher for both. Plain Python and requests (no pytest, no frappe), so the benchmarks import it too."""

import os
import socket
import subprocess
import time


class ServerDidNotStart(RuntimeError):
	pass


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def start(
	bench: str,
	site: str,
	workers: int = 2,
	log_name: str = "party_care_test_gunicorn.log",
	env: dict | None = None,
	statics: bool = True,
	boot_timeout: float = 180,
) -> tuple[subprocess.Popen, str]:
	"""gunicorn of `bench` on 127.0.0.1 (a free port), up and answering `ping` for `site`; returns
	(process, base URL). `env` is added to the environment (e.g. FRAPPE_DB_PORT to serve the site
	from another database server); `statics`: also the desk's assets (prints fetch them by URL),
	else Frappe's bare application (the benchmarks measure that). Raises ServerDidNotStart, its log
	in bench/logs/`log_name`."""
	import requests

	port = free_port()
	log = open(os.path.join(bench, "logs", log_name), "ab")
	proc = subprocess.Popen(
		[
			os.path.join(bench, "env", "bin", "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"--timeout",
			"120",
			"frappe.app:application_with_statics()" if statics else "frappe.app:application",
		],
		cwd=os.path.join(bench, "sites"),
		stdout=log,
		stderr=log,
		env={**os.environ, **(env or {})},
	)
	log.close()  # the child holds its own copy
	url = f"http://127.0.0.1:{port}"
	deadline = time.time() + boot_timeout  # a loaded 2-core machine boots workers slowly
	while True:
		try:
			if requests.get(url + "/api/method/ping", headers={"X-Frappe-Site-Name": site}, timeout=30).ok:
				return proc, url
		except requests.RequestException:  # not up yet, or slow on a busy machine
			pass
		if proc.poll() is not None or time.time() > deadline:
			proc.kill()
			raise ServerDidNotStart(
				f"gunicorn did not come up on {url}; see {os.path.join(bench, 'logs', log_name)}"
			)
		time.sleep(0.3)


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
	"""Ask gunicorn to stop; kill it if it has not within `timeout` seconds."""
	proc.terminate()
	try:
		proc.wait(timeout=timeout)
	except subprocess.TimeoutExpired:
		proc.kill()
		proc.wait()
