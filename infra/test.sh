#!/usr/bin/env bash
# The test command. On a fresh Debian/Ubuntu machine it installs what the tests need (RabbitMQ, PostgreSQL, HAProxy,
# Prometheus, Alertmanager, kubectl) when missing, starts one throwaway RabbitMQ and one PostgreSQL for the whole run (unless
# REMEDIATION_TEST_RABBITMQ_HOST / REMEDIATION_TEST_POSTGRES point at servers already running), runs every test of
# the solution against them, and stops what it started, exiting with the tests' exit code.
#
#   ./infra/test.sh                                                  # everything
#   ./infra/test.sh --filter "FullyQualifiedName~Remediation.Shared.Tests"   # extra arguments go to dotnet test
#
# Environment: REMEDIATION_TEST_HANG_TIMEOUT (default 5m): a test running longer fails the run instead of stalling it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/infra/scripts"
source "$scripts/lib.sh"
cd "$root"

"$scripts/install-packages.sh" rabbitmq-server postgresql haproxy prometheus prometheus-alertmanager kubernetes-client

work="$(mktemp -d "${TMPDIR:-/tmp}/remediation-test.XXXXXX")"
chmod 755 "$work" # PostgreSQL runs as the postgres user when we are root, and must reach its directory.
started=()

stop_started() {
    local status=$?
    trap - EXIT INT TERM
    local i
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
        "$scripts/${started[i]}-stop.sh" "$work/${started[i]}" || log "Stopping ${started[i]} failed"
    done
    rm -rf "$work"
    exit "$status"
}
trap stop_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${REMEDIATION_TEST_RABBITMQ_HOST:-}" ]; then
    log "Using the RabbitMQ at $REMEDIATION_TEST_RABBITMQ_HOST:${REMEDIATION_TEST_RABBITMQ_PORT:-5672}"
else
    started+=(rabbitmq)
    "$scripts/rabbitmq-start.sh" "$work/rabbitmq"
    source "$work/rabbitmq/env"
fi

if [ -n "${REMEDIATION_TEST_POSTGRES:-}" ]; then
    log "Using the PostgreSQL named by REMEDIATION_TEST_POSTGRES"
else
    started+=(postgres)
    "$scripts/postgres-start.sh" --throwaway "$work/postgres"
    source "$work/postgres/env"
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
log "dotnet test Remediation.sln -c Release $*"
status=0
dotnet test "$root/Remediation.sln" -c Release \
    --blame-hang-timeout "${REMEDIATION_TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type none \
    --logger "console;verbosity=normal" --logger "trx" --results-directory "$root/TestResults" \
    "$@" || status=$?
log "dotnet test exited with $status"
exit "$status"
