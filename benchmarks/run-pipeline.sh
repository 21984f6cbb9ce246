#!/usr/bin/env bash
# The real pipeline at production-like monitoring intervals: a bad deploy through HAProxy, Prometheus (5 s scrape and
# evaluation intervals), Alertmanager, the five services on RabbitMQ and PostgreSQL, and the rollback on HAProxy; prints
# bad deploy → rollback done and its parts. It is the end-to-end rollback scenario in its opt-in mode
# (REMEDIATION_E2E_INTERVAL), run by the test command, which installs and starts what it needs.
#
#   benchmarks/run-pipeline.sh                      # 5 s intervals
#   REMEDIATION_E2E_INTERVAL=10s benchmarks/run-pipeline.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REMEDIATION_E2E_INTERVAL="${REMEDIATION_E2E_INTERVAL:-5s}"
# The scenario waits for v1's soak (verify_for, which grows with the interval) before the bad deploy.
export REMEDIATION_TEST_HANG_TIMEOUT="${REMEDIATION_TEST_HANG_TIMEOUT:-15m}"
exec "$root/infra/test.sh" --filter "FullyQualifiedName~Remediation.EndToEnd.Tests.BadDeployRollbackTests" "$@"
