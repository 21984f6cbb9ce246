#!/usr/bin/env bash
# Stops the node rabbitmq-start.sh DIR started (cleanly, then by force if it lingers) and its port mapper. Keeps DIR.
#
#   infra/scripts/rabbitmq-stop.sh DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="${1:?usage: rabbitmq-stop.sh DIR}"
[ -f "$dir/node" ] || { log "No RabbitMQ node in $dir"; exit 0; }
source "$dir/node"
export ERL_EPMD_PORT="$epmd_port" HOME="$dir/home" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"

leader="$(cat "$dir/leader.pid" 2>/dev/null || true)"
if [ -n "$leader" ] && kill -0 -- "-$leader" 2>/dev/null; then
    log "Stopping RabbitMQ $node"
    timeout 90 "$sbin/rabbitmqctl" -n "$node" stop "$dir/rabbitmq.pid" >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do
        kill -0 -- "-$leader" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 -- "-$leader" 2>/dev/null; then
        log "RabbitMQ $node did not stop; killing it"
        kill -s KILL -- "-$leader" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 -- "-$leader" 2>/dev/null || break; sleep 0.1; done
    fi
fi
rm -f "$dir/leader.pid"

epmd="$(command -v epmd || echo /usr/lib/erlang/bin/epmd)"
[ -x "$epmd" ] && "$epmd" -port "$epmd_port" -kill >/dev/null 2>&1 || true
log "RabbitMQ stopped"
