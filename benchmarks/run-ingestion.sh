#!/usr/bin/env bash
# Runs the ingestion benchmark end to end on this machine: starts a throwaway RabbitMQ and PostgreSQL on loopback ports
# (unless REMEDIATION_BENCH_RABBITMQ_PORT / REMEDIATION_BENCH_POSTGRES point at running ones), builds the detector host and
# the benchmark in Release, runs `ingestion` (which starts Alertmanager and the detector host itself), and stops only what
# it started. Needs: rabbitmq-server, postgresql 15, prometheus-alertmanager (Debian packages), the .NET SDK.
# Extra arguments go to the benchmark, e.g. `benchmarks/run-ingestion.sh --duration 20`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/remediation-bench-servers.XXXXXX)"
chmod 755 "$work"
rabbitbin=/usr/lib/rabbitmq/bin
cleanup() {
  if [[ -n "${rabbit_node:-}" ]]; then
    "$rabbitbin/rabbitmqctl" -n "$rabbit_node" stop >/dev/null 2>&1 || true
  fi
  if [[ -n "${pgdata:-}" ]]; then
    su postgres -s /bin/sh -c "pg_ctl -D '$pgdata' -m fast stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [[ -z "${REMEDIATION_BENCH_RABBITMQ_PORT:-}" ]]; then
  port="$(free_port)"
  rabbit_node="bench$$@localhost"
  # Debian's /usr/sbin wrappers switch to the rabbitmq user; the scripts under /usr/lib/rabbitmq/bin run as the caller,
  # so server and CLI share the caller's Erlang cookie and the throwaway directories.
  mkdir -p "$work/rabbit" && echo '[].' > "$work/rabbit/enabled_plugins"
  RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" \
    RABBITMQ_DIST_PORT="$(free_port)" RABBITMQ_MNESIA_BASE="$work/rabbit/mnesia" RABBITMQ_LOG_BASE="$work/rabbit/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbit/enabled_plugins" \
    sh -c "cd '$work/rabbit' && exec $rabbitbin/rabbitmq-server" >"$work/rabbit.out" 2>&1 &
  for _ in $(seq 1 60); do
    "$rabbitbin/rabbitmqctl" -q -n "$rabbit_node" await_startup --timeout 60 >/dev/null 2>&1 && break
    sleep 1
  done
  "$rabbitbin/rabbitmqctl" -q -n "$rabbit_node" await_startup --timeout 5 >/dev/null
  export REMEDIATION_BENCH_RABBITMQ_PORT="$port"
  echo "RabbitMQ $rabbit_node on 127.0.0.1:$port"
fi

if [[ -z "${REMEDIATION_BENCH_POSTGRES:-}" ]]; then
  port="$(free_port)"
  pgdata="$work/pgdata"
  mkdir -p "$pgdata" && chown postgres "$pgdata"
  su postgres -s /bin/sh -c "initdb -A trust -U postgres -D '$pgdata'" >/dev/null
  su postgres -s /bin/sh -c "pg_ctl -D '$pgdata' -l '$pgdata/log' -o \"-h 127.0.0.1 -p $port -k '$pgdata' -c fsync=on\" -w start" >/dev/null
  export REMEDIATION_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "PostgreSQL on 127.0.0.1:$port"
fi

dotnet build -c Release -v q --nologo "$root/services/Detector/Remediation.Detector.Host/Remediation.Detector.Host.csproj" >/dev/null
dotnet build -c Release -v q --nologo "$root/benchmarks/Remediation.Benchmarks/Remediation.Benchmarks.csproj" >/dev/null
dotnet "$root/benchmarks/Remediation.Benchmarks/bin/Release/net10.0/Remediation.Benchmarks.dll" ingestion "$@"
