# Shared by scripts/setup and scripts/test. Source it; do not run it.
# shellcheck shell=bash
set -euo pipefail

APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$(realpath -m "${FRAPPE_BENCH:-$HOME/frappe-bench}")
DB_ROOT_USER=${DB_ROOT_USER:-root}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-root}
# MariaDB over TCP when set (e.g. 127.0.0.1 from a chroot that shares the host's server); else its socket
DB_HOST=${DB_HOST:-}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}

say() { printf '\033[1m[party_care]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[party_care] %s\033[0m\n' "$*" >&2; exit 1; }

# Frappe's own CLI, exactly what `bench --site ...` runs, without bench's wrapper.
frappe_cli() { (cd "$BENCH/sites" && "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe "$@"); }

have_bench() { [ -d "$BENCH/apps/frappe" ] && [ -x "$BENCH/env/bin/python" ] && [ -d "$BENCH/sites" ]; }

db_host_args() { [ -z "$DB_HOST" ] || printf -- '--host=%s\n--protocol=TCP\n' "$DB_HOST"; }

db_ping() {
	local host
	mapfile -t host < <(db_host_args)
	mysqladmin "${host[@]}" --user="$DB_ROOT_USER" --password="$DB_ROOT_PASSWORD" ping >/dev/null 2>&1 ||
		mysqladmin "${host[@]}" ping >/dev/null 2>&1
}

start_mariadb() {
	db_ping && return 0
	[ -z "$DB_HOST" ] || die "MariaDB does not answer at $DB_HOST (DB_HOST): start it there; nothing was tested."
	# a server that is running but busy (too many connections, a long start) is waited for, never
	# started a second time: `service mariadb start` on a live server restarts it under everyone
	if pgrep -x mariadbd >/dev/null 2>&1 || pgrep -x mysqld >/dev/null 2>&1; then
		for _ in $(seq 1 120); do db_ping && return 0; sleep 1; done
		die "MariaDB is running but does not answer (too many connections? see SHOW PROCESSLIST)."
	fi
	command -v mysqld_safe >/dev/null 2>&1 || command -v mariadbd-safe >/dev/null 2>&1 ||
		die "MariaDB is not installed. Install it (Debian/Ubuntu: apt-get install mariadb-server) and set utf8mb4 as the README says."
	say "starting MariaDB"
	if command -v service >/dev/null 2>&1 && service mariadb start >/dev/null 2>&1; then :; else
		mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
		(mysqld_safe >/dev/null 2>&1 &)
	fi
	for _ in $(seq 1 60); do db_ping && return 0; sleep 1; done
	die "MariaDB did not start (see /var/log/mysql or journalctl)."
}

redis_port() { awk '/^port /{print $2}' "$1"; }

redis_up() { redis-cli -p "$1" ping >/dev/null 2>&1 || (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_redis() {  # a Redis already answering on the bench's ports (e.g. started outside a chroot) is used
	local conf port
	for conf in "$BENCH"/config/redis_cache.conf "$BENCH"/config/redis_queue.conf; do
		[ -f "$conf" ] || continue
		port=$(redis_port "$conf")
		if ! redis_up "$port"; then
			command -v redis-server >/dev/null 2>&1 || die "Redis is not installed. Install it (Debian/Ubuntu: apt-get install redis-server)."
			say "starting Redis on port $port"
			(cd "$BENCH/config" && redis-server "$conf" --daemonize yes >/dev/null)
			for _ in $(seq 1 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		fi
	done
}

# Put this checkout into the bench as the app `party_care` (a symlink plus an editable install).
link_app() {
	local target="$BENCH/apps/party_care"
	if [ -e "$target" ] && [ ! -L "$target" ] && [ "$(realpath "$target")" != "$APP_DIR" ]; then
		local aside="$BENCH/apps/.party_care.replaced.$(date +%s)"
		say "moving the bench's own copy of party_care aside to $aside"
		mv "$target" "$aside"
	fi
	[ "$(realpath -m "$target")" = "$APP_DIR" ] || ln -sfn "$APP_DIR" "$target"
	local where
	# Ask the bench's Python from a neutral directory: from the checkout, `import party_care` would
	# succeed through the current directory and hide a missing installation.
	where=$(cd / && "$BENCH/env/bin/python" -c 'import os, party_care; print(os.path.realpath(os.path.dirname(party_care.__file__)))' 2>/dev/null || true)
	if [ "$where" != "$APP_DIR/party_care" ]; then
		say "installing party_care into the bench's Python (editable)"
		"$BENCH/env/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e "$target" 2>&1 | grep -v "^WARNING: Location" || true
		(cd / && "$BENCH/env/bin/python" -c "import party_care") || die "party_care could not be installed into the bench"
	fi
	grep -qx party_care "$BENCH/sites/apps.txt" || printf '\nparty_care\n' >>"$BENCH/sites/apps.txt"
	sed -i '/^$/d' "$BENCH/sites/apps.txt"
}

# Desk assets: the desk, print views and workflow e-mails need Frappe's built bundles.
build_assets() {
	if [ ! -f "$BENCH/sites/assets/assets.json" ]; then
		say "building Frappe's assets (once)"
		frappe_cli build --app frappe >/dev/null
	fi
	# the app's public files: a link into this checkout (a link left by another checkout is renewed)
	if [ "$(realpath -m "$BENCH/sites/assets/party_care")" != "$APP_DIR/party_care/public" ]; then
		rm -f "$BENCH/sites/assets/party_care"
		frappe_cli build --app party_care >/dev/null
	fi
}

site_exists() { [ -f "$BENCH/sites/$1/site_config.json" ]; }

app_installed() {  # app_installed <site> [app]
	frappe_cli --site "$1" list-apps 2>/dev/null | grep -q "^${2:-party_care}\b"
}

# ERPNext is optional: a bench that has it (apps/erpnext, listed in apps.txt) gets it on its sites.
bench_has_erpnext() { [ -d "$BENCH/apps/erpnext" ] && grep -qx erpnext "$BENCH/sites/apps.txt"; }

# Drop a site and its database (no backup kept): the next prepare_site makes it anew.
drop_site() {
	local site=$1 archive
	site_exists "$site" || return 0
	archive=$(mktemp -d "${TMPDIR:-/tmp}/party-care-dropped.XXXXXX")
	say "dropping $site (a brand-new site for this run)"
	frappe_cli drop-site "$site" --db-root-username "$DB_ROOT_USER" --db-root-password "$DB_ROOT_PASSWORD" \
		--no-backup --force --archived-sites-path "$archive" >/dev/null ||
		die "could not drop $site (is DB_ROOT_PASSWORD right for MariaDB's $DB_ROOT_USER?)"
	rm -rf "$archive"
}

# Create the site if missing, install the app if missing, then migrate.
prepare_site() {
	local site=$1
	if ! site_exists "$site"; then
		say "creating site $site"
		frappe_cli new-site "$site" ${DB_HOST:+--db-host "$DB_HOST"} --db-root-username "$DB_ROOT_USER" \
			--db-root-password "$DB_ROOT_PASSWORD" --admin-password "${ADMIN_PASSWORD:-admin}" ||
			die "could not create $site (is DB_ROOT_PASSWORD right for MariaDB's $DB_ROOT_USER?)"
	fi
	if bench_has_erpnext && ! app_installed "$site" erpnext; then
		say "installing erpnext on $site (the bench has it)"
		frappe_cli --site "$site" install-app erpnext >"$BENCH/logs/party_care_erpnext_install.log" 2>&1 ||
			{ tail -n 40 "$BENCH/logs/party_care_erpnext_install.log"; die "could not install erpnext on $site"; }
	fi
	if ! app_installed "$site"; then
		say "installing party_care on $site"
		frappe_cli --site "$site" install-app party_care
	fi
	say "migrating $site (log: $BENCH/logs/party_care_migrate.log)"
	frappe_cli --site "$site" migrate >"$BENCH/logs/party_care_migrate.log" 2>&1 ||
		{ tail -n 40 "$BENCH/logs/party_care_migrate.log"; die "migrate failed on $site"; }
}
