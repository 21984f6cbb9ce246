#!/usr/bin/env bash
# Stops the cluster postgres-start.sh DIR started (fast shutdown: open sessions are ended). Keeps DIR.
#
#   infra/scripts/postgres-stop.sh DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="${1:?usage: postgres-stop.sh DIR}"
[ -f "$dir/data/postmaster.pid" ] || { log "No running PostgreSQL in $dir"; exit 0; }
bin="$(postgres_bin)" || die "PostgreSQL is not installed"
log "Stopping PostgreSQL in $dir"
as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null \
    || as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
log "PostgreSQL stopped"
