#!/usr/bin/env bash
# Stops the local stack infra/local/up.sh started: every process it recorded (by its id: asked to stop, then killed if
# it lingers), then RabbitMQ and PostgreSQL. Keeps the directory (data, logs, secrets) unless --purge is given.
#
#   infra/local/down.sh [--purge]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/infra/scripts/lib.sh"
source "$root/infra/local/stack.sh"
stack_load_settings

[ -d "$dir" ] || { log "No local stack in $dir"; exit 0; }
for file in "$dir"/pids/*; do
    [ -f "$file" ] || continue
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        log "Stopping $(basename "$file") ($pid)"
        kill -TERM "$pid" 2>/dev/null || true
    fi
done
for file in "$dir"/pids/*; do
    [ -f "$file" ] || continue
    pid="$(cat "$file")"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$(basename "$file") ($pid) did not stop; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
done
"$root/infra/scripts/rabbitmq-stop.sh" "$dir/rabbitmq"
"$root/infra/scripts/postgres-stop.sh" "$dir/postgres"
if [ "${1:-}" = "--purge" ]; then
    rm -rf "$dir"
    log "Removed $dir"
fi
log "Local stack stopped"
