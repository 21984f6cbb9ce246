#!/usr/bin/env bash
# Starts a RabbitMQ node of its own, as the current user, with everything in DIR: data, logs, configuration, Erlang
# cookie and port mapper (no system service, nothing in /var/lib/rabbitmq). Listens on 127.0.0.1 only, with the
# management plugin. Waits until the node is ready, then writes DIR/env, the variables that point clients at it:
#   REMEDIATION_TEST_RABBITMQ_HOST, _PORT, _MANAGEMENT_PORT, _USER, _PASSWORD
# Ports are free ones unless given (or remembered from an earlier start in the same DIR, whose data is kept).
# Stop it with rabbitmq-stop.sh DIR.
#
#   infra/scripts/rabbitmq-start.sh DIR [AMQP_PORT [MANAGEMENT_PORT]]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="${1:?usage: rabbitmq-start.sh DIR [AMQP_PORT [MANAGEMENT_PORT]]}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
sbin="$(rabbitmq_sbin)" || die "RabbitMQ is not installed (run infra/scripts/install-packages.sh rabbitmq-server)"

node="" amqp_port="" management_port="" dist_port="" epmd_port=""
fresh=1
if [ -f "$dir/node" ]; then
    source "$dir/node"
    fresh=0 # a restart keeps its ports: clients know them
fi
node="${node:-remediation-$$-$RANDOM@localhost}"
amqp_port="${2:-${amqp_port:-$(free_port)}}"
management_port="${3:-${management_port:-$(free_port)}}"
dist_port="${dist_port:-$(free_port)}"
epmd_port="${epmd_port:-$(free_port)}"

mkdir -p "$dir/home" "$dir/log"
write_node_config() {
cat > "$dir/node" <<NODE
node=$node
amqp_port=$amqp_port
management_port=$management_port
dist_port=$dist_port
epmd_port=$epmd_port
sbin=$sbin
NODE
cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
collect_statistics_interval = 1000
log.console = true
log.console.level = warning
log.file = false
CONF
}
write_node_config
echo '[rabbitmq_management].' > "$dir/enabled_plugins"
echo '# This node is configured by its environment, not /etc/rabbitmq.' > "$dir/rabbitmq-env.conf"

export RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp_port" \
    RABBITMQ_DIST_PORT="$dist_port" ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_LOGS=- \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid" HOME="$dir/home"

# A port chosen free a moment ago can be taken by another process before the node binds it (parallel test runs):
# when the ports were ours to choose, try again with new ones.
attempt=1
while true; do
    log "Starting RabbitMQ $node on 127.0.0.1:$amqp_port (management $management_port), data in $dir"
    rm -f "$dir/rabbitmq.pid"
    setsid "$sbin/rabbitmq-server" </dev/null >>"$dir/log/server.log" 2>&1 &
    echo $! > "$dir/leader.pid"

    if "$sbin/rabbitmqctl" -n "$node" wait "$dir/rabbitmq.pid" --timeout 150 >"$dir/log/wait.log" 2>&1; then
        break
    fi
    cat "$dir/log/wait.log" >&2
    grep -iE "eaddrinuse|error|failed|reason" "$dir/log/server.log" | head -n 20 >&2 || true
    "$(dirname "${BASH_SOURCE[0]}")/rabbitmq-stop.sh" "$dir" || true
    if [ "$attempt" -ge 3 ] || [ "$fresh" = 0 ] || [ -n "${2:-}" ]; then
        die "RabbitMQ did not start"
    fi
    attempt=$((attempt + 1))
    amqp_port="$(free_port)" management_port="$(free_port)" dist_port="$(free_port)" epmd_port="$(free_port)"
    write_node_config
    export RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_DIST_PORT="$dist_port" ERL_EPMD_PORT="$epmd_port"
    log "RabbitMQ did not start (attempt $((attempt - 1))); trying again on new ports"
done

cat > "$dir/env" <<ENV
export REMEDIATION_TEST_RABBITMQ_HOST=127.0.0.1
export REMEDIATION_TEST_RABBITMQ_PORT=$amqp_port
export REMEDIATION_TEST_RABBITMQ_MANAGEMENT_PORT=$management_port
export REMEDIATION_TEST_RABBITMQ_USER=guest
export REMEDIATION_TEST_RABBITMQ_PASSWORD=guest
ENV
log "RabbitMQ ready"
