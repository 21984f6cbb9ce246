#!/usr/bin/env bash
# Deploys a version of the demo shop the way a CD system does with blue/green on HAProxy: puts the version's server in
# service, waits until HAProxy sees it up, puts the other servers in maintenance, then posts the deployment hook to the
# detector. Works against infra/local/up.sh's stack (read from its directory) and docker-compose.yml's (HAProxy's Runtime
# API on 127.0.0.1:9999, the detector on 127.0.0.1:8081, the token from .env).
#
#   infra/local/deploy.sh VERSION          # v0, v1 or v2
# Environment (overrides): HAPROXY_RUNTIME (host:port), DETECTOR_URL, INGEST_TOKEN, DEPLOY_ENVIRONMENT (production)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/infra/scripts/lib.sh"
source "$root/infra/local/stack.sh"
stack_load_settings

version="${1:?usage: deploy.sh VERSION (v0, v1 or v2)}"
case "$version" in v0 | v1 | v2) ;; *) die "$version is not a version of the shop (v0, v1, v2)" ;; esac
server="s${version#v}"

if [ -f "$dir/stack.env" ] && stack_any_running; then
    source "$dir/stack.env"
    source "$dir/secrets.env"
    INGEST_TOKEN="${INGEST_TOKEN_OVERRIDE:-$INGEST_TOKEN}"
elif [ -f "$root/.env" ]; then
    token="$(sed -n 's/^REMEDIATION_INGEST_TOKEN=//p' "$root/.env")"
    HAPROXY_RUNTIME="${HAPROXY_RUNTIME:-127.0.0.1:9999}"
    DETECTOR_URL="${DETECTOR_URL:-http://127.0.0.1:8081}"
    INGEST_TOKEN="${INGEST_TOKEN:-$token}"
fi
: "${HAPROXY_RUNTIME:?no local stack runs and no .env: set HAPROXY_RUNTIME, DETECTOR_URL and INGEST_TOKEN}"
: "${DETECTOR_URL:?set DETECTOR_URL}" "${INGEST_TOKEN:?set INGEST_TOKEN}"
environment="${DEPLOY_ENVIRONMENT:-production}"

# One Runtime API command; HAProxy answers and closes the connection.
runtime() {
    exec 3<>"/dev/tcp/${HAPROXY_RUNTIME%:*}/${HAPROXY_RUNTIME##*:}"
    printf '%s\n' "$1" >&3
    cat <&3
    exec 3>&-
}

# Whether HAProxy has SERVER up and taking traffic. "show servers state shop" fields: 4 = server name, 6 = operational
# state (2 = running), 7 = admin state bits (maintenance and drain; 0x04, "disabled in the configuration", stays set).
serving() {
    local _be_id _be_name _srv_id name _addr op admin _rest
    while read -r _be_id _be_name _srv_id name _addr op admin _rest; do
        if [ "$name" = "$1" ] && [ "$op" = 2 ] && (( (admin & 0x7b) == 0 )); then
            return 0
        fi
    done < <(runtime "show servers state shop" | grep -E '^[0-9]')
    return 1
}

log "Putting $server ($version) in service"
runtime "set server shop/$server state ready" >/dev/null
for _ in $(seq 1 60); do
    serving "$server" && break
    sleep 0.5
done
serving "$server" || die "HAProxy does not see $server up (is shop $version running?)"
for other in s0 s1 s2; do
    [ "$other" = "$server" ] || runtime "set server shop/$other state maint" >/dev/null
done
deployed_at="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
log "HAProxy serves $version alone"

curl -fsS "$DETECTOR_URL/api/v1/deployments" -H "Authorization: Bearer $INGEST_TOKEN" -H "Content-Type: application/json" \
    -d "{ \"id\": \"shop-$version-$(date +%s)\", \"service\": \"shop\", \"environment\": \"$environment\", \"version\": \"$version\",
          \"image\": \"remediation/sample-service:$version\", \"author\": \"$(id -un)\", \"description\": \"Release $version\",
          \"deployedAt\": \"$deployed_at\" }"
echo
log "Deployment of shop $version in $environment recorded at $deployed_at"
