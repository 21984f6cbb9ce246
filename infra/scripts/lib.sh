# Helpers shared by the infra scripts (sourced, not run).

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as root: directly when root, else through sudo.
as_root() {
    if is_root; then "$@"; else sudo "$@"; fi
}

# A loopback TCP port nothing listens on, below the ephemeral range (so outgoing connections cannot take it), outside
# REMEDIATION_RESERVED_PORTS ("first-last": ports a caller will bind later, such as the local stack's).
free_port() {
    local port low=1 high=0
    if [[ "${REMEDIATION_RESERVED_PORTS:-}" =~ ^([0-9]+)-([0-9]+)$ ]]; then
        low="${BASH_REMATCH[1]}" high="${BASH_REMATCH[2]}"
    fi
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 12000))
        if (( port >= low && port <= high )); then
            continue
        fi
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free loopback port found"
}

# The RabbitMQ package's own scripts (not the /usr/sbin wrapper, which switches to the rabbitmq user and its data).
rabbitmq_sbin() {
    local dir
    for dir in /usr/lib/rabbitmq/bin /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin; do
        if [ -x "$dir/rabbitmq-server" ] && [ -x "$dir/rabbitmqctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# The newest PostgreSQL server binaries (Debian and Ubuntu keep initdb and pg_ctl off PATH).
postgres_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# Runs a PostgreSQL tool as the user that owns the cluster: root may not run initdb or the server, so as root that
# is the postgres user; anyone else runs them as themselves.
as_postgres() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}
