# Helpers of the local stack scripts (sourced by up.sh, down.sh and deploy.sh after infra/scripts/lib.sh).

# Where the stack lives and its ports (see up.sh).
stack_load_settings() {
    dir="${REMEDIATION_LOCAL_DIR:-${TMPDIR:-/tmp}/remediation-local}"
    configuration="${REMEDIATION_LOCAL_CONFIGURATION:-Release}"
    interval="${REMEDIATION_LOCAL_INTERVAL:-5s}"
    rate_window="$(( ${interval%s} * 4 ))s"
    local base="${REMEDIATION_LOCAL_PORT_BASE:-8080}"
    port_shop=$base
    port_detector=$((base + 1))
    port_decision=$((base + 2))
    port_executor=$((base + 3))
    port_notifier=$((base + 4))
    port_postmortem=$((base + 5))
    port_haproxy_metrics=$((base + 6))
    port_runtime=$((base + 7))
    port_prometheus=$((base + 10))
    port_alertmanager=$((base + 13))
    port_shop_v0=$((base + 20))
    port_shop_v1=$((base + 21))
    port_shop_v2=$((base + 22))
    port_loadgen=$((base + 29))
    # The servers the stack starts on random ports (RabbitMQ, PostgreSQL) must not take one of the stack's own.
    export REMEDIATION_RESERVED_PORTS="$base-$((base + 29))"
}

random_hex() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# True when a process the stack started still runs.
stack_any_running() {
    local file
    for file in "$dir"/pids/*; do
        [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null && return 0
    done
    return 1
}

# Starts a program in a session of its own, output to DIR/logs/NAME.log, its id in DIR/pids/NAME.
stack_start() {
    local name="$1"
    shift
    setsid "$@" </dev/null >"$dir/logs/$name.log" 2>&1 &
    echo $! > "$dir/pids/$name"
}

# Starts a built .NET program of the repository on a loopback port: stack_start_program NAME PROJECT_DIR ASSEMBLY PORT.
stack_start_program() {
    local name="$1" project="$2" assembly="$3" port="$4"
    local dll="$project/bin/$configuration/net10.0/$assembly.dll"
    [ -f "$dll" ] || die "$dll is missing (build it, or run up.sh without REMEDIATION_LOCAL_NO_BUILD)"
    (cd "$(dirname "$dll")" && Urls="http://127.0.0.1:$port" DOTNET_NOLOGO=1 stack_start "$name" dotnet "$dll")
}

# Waits until http://127.0.0.1:PORT/PATH answers 200, or fails with the program's last log lines.
stack_wait() {
    local name="$1" port="$2" path="$3"
    for _ in $(seq 1 300); do
        if HEALTHCHECK_PORT="$port" "$root/infra/docker/healthcheck.sh" "$path" >/dev/null 2>&1; then
            return 0
        fi
        if ! kill -0 "$(cat "$dir/pids/$name")" 2>/dev/null; then
            tail -n 30 "$dir/logs/$name.log" >&2
            die "$name exited (log: $dir/logs/$name.log)"
        fi
        sleep 0.5
    done
    tail -n 30 "$dir/logs/$name.log" >&2
    die "$name did not answer on 127.0.0.1:$port$path (log: $dir/logs/$name.log)"
}
