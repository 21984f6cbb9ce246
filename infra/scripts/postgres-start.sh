#!/usr/bin/env bash
# Starts a PostgreSQL cluster of its own in DIR (initdb on first use, trust authentication for local connections),
# listening on 127.0.0.1 only with its socket in DIR. As root the cluster belongs to the postgres user (root may not
# run PostgreSQL). --throwaway turns durability off (fsync) for test runs. Writes DIR/env with
#   REMEDIATION_TEST_POSTGRES (a superuser connection string)
# The port is a free one unless given (or remembered from an earlier start in the same DIR).
# Stop it with postgres-stop.sh DIR.
#
#   infra/scripts/postgres-start.sh [--throwaway] DIR [PORT]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

throwaway=0
if [ "${1:-}" = "--throwaway" ]; then
    throwaway=1
    shift
fi
dir="${1:?usage: postgres-start.sh [--throwaway] DIR [PORT]}"
bin="$(postgres_bin)" || die "PostgreSQL is not installed (run infra/scripts/install-packages.sh postgresql)"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
chmod 755 "$dir"
if is_root; then
    id postgres >/dev/null 2>&1 || die "there is no postgres user to run PostgreSQL as (is the postgresql package installed?)"
    chown postgres:postgres "$dir"
fi

port="${2:-$(cat "$dir/port" 2>/dev/null || free_port)}"
echo "$port" > "$dir/port"

if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "Creating a PostgreSQL cluster in $dir/data"
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
fi

options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=300"
[ "$throwaway" = 1 ] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
log "Starting PostgreSQL on 127.0.0.1:$port"
if ! as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 120 start >/dev/null; then
    tail -n 40 "$dir/server.log" >&2 || true
    die "PostgreSQL did not start"
fi

cat > "$dir/env" <<ENV
export REMEDIATION_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
ENV
log "PostgreSQL ready"
