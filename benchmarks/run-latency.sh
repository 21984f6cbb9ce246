#!/usr/bin/env bash
# Runs the pipeline benchmarks on this machine: starts a throwaway RabbitMQ (management on) and PostgreSQL (durable:
# fsync on) on loopback ports with infra/scripts, builds the detector, decision and executor hosts and the benchmark in
# Release, runs the benchmarks, and stops what it started. Against running servers instead, set REMEDIATION_BENCH_POSTGRES
# (superuser, without Database), REMEDIATION_BENCH_RABBITMQ_PORT and REMEDIATION_BENCH_RABBITMQ_MANAGEMENT_PORT.
#
#   benchmarks/run-latency.sh                       # latency, then burst
#   benchmarks/run-latency.sh latency --seconds-100 20
#   benchmarks/run-latency.sh burst --incidents 2000 --within 2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/infra/scripts"
source "$scripts/lib.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/remediation-bench.XXXXXX")"
chmod 755 "$work"
started=()
cleanup() {
    local status=$?
    local i
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
        "$scripts/${started[i]}-stop.sh" "$work/${started[i]}" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

if [ -z "${REMEDIATION_BENCH_RABBITMQ_PORT:-}" ]; then
    started+=(rabbitmq)
    "$scripts/rabbitmq-start.sh" "$work/rabbitmq"
    source "$work/rabbitmq/env"
    export REMEDIATION_BENCH_RABBITMQ_PORT="$REMEDIATION_TEST_RABBITMQ_PORT"
    export REMEDIATION_BENCH_RABBITMQ_MANAGEMENT_PORT="$REMEDIATION_TEST_RABBITMQ_MANAGEMENT_PORT"
fi
if [ -z "${REMEDIATION_BENCH_POSTGRES:-}" ]; then
    started+=(postgres)
    "$scripts/postgres-start.sh" "$work/postgres"
    source "$work/postgres/env"
    export REMEDIATION_BENCH_POSTGRES="${REMEDIATION_TEST_POSTGRES%;Database=postgres}"
fi

for project in services/Detector/Remediation.Detector.Host services/Decision/Remediation.Decision.Host \
    services/Executor/Remediation.Executor.Host benchmarks/Remediation.Benchmarks; do
    dotnet build -c Release -v q --nologo "$root/$project" >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; die "building $project failed"; }
done

benchmark="$root/benchmarks/Remediation.Benchmarks/bin/Release/net10.0/Remediation.Benchmarks.dll"
if [ $# -gt 0 ]; then
    dotnet "$benchmark" "$@"
else
    status=0
    dotnet "$benchmark" latency || status=$?
    dotnet "$benchmark" burst || status=$?
    exit "$status"
fi
