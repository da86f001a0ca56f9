"""scripts/setup on a machine without a bench: its checks and messages, before anything runs.

Each test runs `scripts/setup --check` with a crafted PATH (stub commands in a temporary
directory) and HOME, so no network, no root and no real MariaDB are needed."""

import os
import shutil
import stat
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the Frappe line of the Python running the tests (the bench's): its Python and Node versions pass
LINE = "version-16" if sys.version_info >= (3, 14) else "version-15"
NODE = "v24.11.0" if LINE == "version-16" else "v20.11.1"
NODE_RANGE = "24 or later" if LINE == "version-16" else "18 or 20"
REAL_TOOLS = ("bash", "dirname", "realpath", "sed", "timeout", "env", "cat", "uname")
STUBS = {
	"id": 'echo "${FAKE_UID:-1000}"',
	"node": f"echo {NODE}",
	"yarn": "echo 1.22.19",
	"git": 'exit "${FAKE_GIT_EXIT:-0}"',
	"pkg-config": "exit 0",
	"mariadbd": "exit 0",
	"redis-server": "exit 0",
	"nginx": "exit 0",
	"pipx": "exit 0",
}


@pytest.fixture
def machine(tmp_path):
	"""A fake machine: PATH with real basics and stubs; `remove(...)` takes commands away."""
	bin_dir = tmp_path / "bin"
	bin_dir.mkdir()
	for tool in REAL_TOOLS:
		os.symlink(shutil.which(tool), bin_dir / tool)
	os.symlink(sys.executable, bin_dir / "python3")
	for name, body in STUBS.items():
		path = bin_dir / name
		path.write_text(f"#!/bin/bash\n{body}\n")
		path.chmod(path.stat().st_mode | stat.S_IEXEC)
	home = tmp_path / "home"
	home.mkdir()

	class Machine:
		def remove(self, *names):
			for name in names:
				(bin_dir / name).unlink()

		def add(self, name, body="exit 0"):
			path = bin_dir / name
			path.write_text(f"#!/bin/bash\n{body}\n")
			path.chmod(0o755)

		def setup(self, **env):
			full_env = {
				"PATH": str(bin_dir),
				"HOME": str(home),
				"FRAPPE_BENCH": str(tmp_path / "bench"),
				"FRAPPE_BRANCH": LINE,
				**env,
			}
			result = subprocess.run(
				[str(bin_dir / "bash"), os.path.join(ROOT, "scripts", "setup"), "--check"],
				env=full_env,
				capture_output=True,
				text=True,
				timeout=60,
			)
			result.output = result.stdout + result.stderr
			assert not (tmp_path / "bench").exists(), "the check created a bench"
			return result

	return Machine()


def test_all_prerequisites_present_gives_the_plan_with_pipx(machine):
	r = machine.setup()
	assert r.returncode == 0, r.output
	assert "checks passed" in r.output
	assert "pipx install frappe-bench" in r.output
	assert "bench init" in r.output


def test_root_is_refused_before_anything_runs(machine):
	r = machine.setup(FAKE_UID="0")
	assert r.returncode == 1
	assert "Nothing was changed" in r.output
	assert "running as root" in r.output and "adduser" in r.output


def test_missing_mariadb_names_it_and_the_install_command(machine):
	machine.remove("mariadbd")
	r = machine.setup()
	assert r.returncode == 1
	assert "MariaDB is missing" in r.output and "apt-get install -y mariadb-server" in r.output


def test_missing_nginx_is_named_unless_not_serving(machine):
	machine.remove("nginx")
	result = machine.setup()
	assert result.returncode == 1 and "nginx is missing" in result.output
	assert "sudo apt-get install -y nginx" in result.output
	assert machine.setup(SERVE="0").returncode == 0  # set up only: nginx is not needed


def test_every_missing_prerequisite_is_listed_at_once(machine):
	machine.remove("node", "yarn", "redis-server")
	r = machine.setup()
	assert r.returncode == 1
	assert "3 thing(s) to fix" in r.output
	assert (
		"Node.js is missing" in r.output and "yarn is missing" in r.output and "Redis is missing" in r.output
	)


def test_wrong_node_version_is_named(machine):
	machine.add("node", "echo v22.3.0")
	r = machine.setup()
	assert r.returncode == 1
	assert "v22.3.0" in r.output and NODE_RANGE in r.output


def test_bench_missing_without_pipx_or_uv_says_so_not_network(machine):
	machine.remove("pipx")
	r = machine.setup()
	assert r.returncode == 1
	assert "bench CLI is missing" in r.output and "apt-get install -y pipx" in r.output
	assert "unreachable" not in r.output


def test_uv_is_used_when_pipx_is_absent(machine):
	machine.remove("pipx")
	machine.add("uv")
	r = machine.setup()
	assert r.returncode == 0, r.output
	assert "uv install frappe-bench" in r.output or "uv tool install" in r.output or "with uv" in r.output


def test_a_bench_already_installed_is_called_by_its_path(machine, tmp_path):
	local_bin = tmp_path / "home" / ".local" / "bin"
	local_bin.mkdir(parents=True)
	(local_bin / "bench").write_text("#!/bin/bash\nexit 0\n")
	(local_bin / "bench").chmod(0o755)
	r = machine.setup()  # ~/.local/bin is not on PATH, as after `pip install --user`
	assert r.returncode == 0, r.output
	assert f"with {local_bin / 'bench'}" in r.output


def test_unreachable_upstream_is_told_apart_and_offers_a_local_clone(machine):
	r = machine.setup(FAKE_GIT_EXIT="128")
	assert r.returncode == 1
	assert "Upstream is unreachable" in r.output and "FRAPPE_PATH" in r.output
	assert "bench CLI is missing" not in r.output


def test_a_local_frappe_clone_needs_no_upstream(machine, tmp_path):
	clone = tmp_path / "frappe"
	(clone / "frappe").mkdir(parents=True)
	r = machine.setup(FAKE_GIT_EXIT="128", FRAPPE_PATH=str(clone))
	assert r.returncode == 0, r.output
	assert f"--frappe-path {clone}" in r.output


def test_a_local_path_that_is_not_frappe_is_refused(machine, tmp_path):
	r = machine.setup(FRAPPE_PATH=str(tmp_path))
	assert r.returncode == 1
	assert "not a Frappe clone" in r.output
