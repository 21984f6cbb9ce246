#!/usr/bin/env bash
# The whole loop without Docker, from the Debian packages, on loopback: RabbitMQ and PostgreSQL (infra/scripts), the five
# services, the sample shop (v0, v1, v2; v2 is the bad one) behind HAProxy, the load generator, Prometheus and
# Alertmanager, configured from the same files as docker-compose.yml and the end-to-end test. Prints the URLs.
#
#   infra/local/up.sh               # builds (Release), starts everything, prints the URLs; infra/local/down.sh stops it
#   infra/local/deploy.sh v1        # then, once v1 is trusted (verify_for, 1 min), the bad one:
#   infra/local/deploy.sh v2
#
# Environment:
#   REMEDIATION_LOCAL_DIR        state, logs, secrets and process ids (default ${TMPDIR:-/tmp}/remediation-local); data kept
#                                across down/up, delete the directory to start afresh
#   REMEDIATION_LOCAL_PORT_BASE  first port (default 8080): shop +0, detector +1, decision +2, executor +3, notifier +4,
#                                postmortem +5, HAProxy stats/metrics +6, HAProxy Runtime API +7, Prometheus +10,
#                                Alertmanager +13, shop v0..v2 +20..+22, load generator +29
#   REMEDIATION_LOCAL_CONFIGURATION  build configuration (default Release); REMEDIATION_LOCAL_NO_BUILD=1 skips the build
#   REMEDIATION_LOCAL_INTERVAL   Prometheus scrape and evaluation interval (default 5s)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scripts="$root/infra/scripts"
source "$scripts/lib.sh"
source "$root/infra/local/stack.sh"

stack_load_settings
if stack_any_running; then
    die "a local stack already runs from $dir (infra/local/down.sh first)"
fi

"$scripts/install-packages.sh" rabbitmq-server postgresql haproxy prometheus prometheus-alertmanager
command -v dotnet >/dev/null || die "the .NET SDK is not installed (https://dot.net)"

mkdir -p "$dir/logs" "$dir/pids" "$dir/targets"
chmod 755 "$dir"

if [ "${REMEDIATION_LOCAL_NO_BUILD:-0}" != 1 ]; then
    log "Building the five hosts and the sample service ($configuration)"
    for project in services/Detector/Remediation.Detector.Host services/Decision/Remediation.Decision.Host \
        services/Executor/Remediation.Executor.Host services/Notifier/Remediation.Notifier.Host \
        services/Postmortem/Remediation.Postmortem.Host tests/Remediation.SampleService; do
        dotnet build "$root/$project" -c "$configuration" -v q --nologo >"$dir/logs/build.log" 2>&1 \
            || { tail -n 30 "$dir/logs/build.log" >&2; die "building $project failed (see $dir/logs/build.log)"; }
    done
fi

# Secrets are made once per directory and kept (0600): tokens for Alertmanager and CD (ingest), people (operator), and
# readers (read); the sample shop's admin token.
if [ ! -f "$dir/secrets.env" ]; then
    (
        umask 077
        cat > "$dir/secrets.env" <<SECRETS
INGEST_TOKEN=ingest-$(random_hex)
OPERATOR_TOKEN=operator-$(random_hex)
READ_TOKEN=read-$(random_hex)
SAMPLE_ADMIN_TOKEN=admin-$(random_hex)
SECRETS
    )
fi
source "$dir/secrets.env"
(umask 077 && printf '%s' "$INGEST_TOKEN" > "$dir/ingest-token")

"$scripts/rabbitmq-start.sh" "$dir/rabbitmq"
source "$dir/rabbitmq/env"
"$scripts/postgres-start.sh" "$dir/postgres"
source "$dir/postgres/env"

# The example policy, with the shop's HAProxy Runtime API on loopback instead of compose's "haproxy" host.
sed "s#tcp://haproxy:9999#tcp://127.0.0.1:$port_runtime#" "$root/infra/policy/policy.yaml" > "$dir/policy.yaml"
grep -q "tcp://127.0.0.1:$port_runtime" "$dir/policy.yaml" || die "infra/policy/policy.yaml no longer names tcp://haproxy:9999 for the shop"

# The sample shop: v0 and v1 healthy, v2 fails half its requests and answers in 800 ms.
start_shop() {
    local version="$1" port="$2" ratio="$3" latency="$4"
    Sample__Version="$version" Sample__ErrorRatio="$ratio" Sample__LatencyMs="$latency" Sample__AdminToken="$SAMPLE_ADMIN_TOKEN" \
        stack_start_program "shop-$version" "$root/tests/Remediation.SampleService" Remediation.SampleService "$port"
}
start_shop v0 "$port_shop_v0" 0 0
start_shop v1 "$port_shop_v1" 0 0
start_shop v2 "$port_shop_v2" 0.5 800

SHOP_BIND="127.0.0.1:$port_shop" METRICS_BIND="127.0.0.1:$port_haproxy_metrics" RUNTIME_API_BIND="ipv4@127.0.0.1:$port_runtime" \
    SHOP_V0="127.0.0.1:$port_shop_v0" SHOP_V1="127.0.0.1:$port_shop_v1" SHOP_V2="127.0.0.1:$port_shop_v2" \
    stack_start haproxy "$(command -v haproxy || echo /usr/sbin/haproxy)" -db -f "$root/infra/haproxy/haproxy.cfg"

Sample__Role=load Sample__Load__Targets__0="http://127.0.0.1:$port_shop/" Sample__Load__RatePerSecond=20 \
    stack_start_program loadgen "$root/tests/Remediation.SampleService" Remediation.SampleService "$port_loadgen"

# The five services, each with a database of its own (created at first start).
start_host() {
    local service="$1" port="$2" lower
    lower="$(echo "$service" | tr '[:upper:]' '[:lower:]')"
    Remediation__Messaging__Transport=RabbitMq \
    Remediation__Messaging__RabbitMq__Host="$REMEDIATION_TEST_RABBITMQ_HOST" \
    Remediation__Messaging__RabbitMq__Port="$REMEDIATION_TEST_RABBITMQ_PORT" \
    Remediation__Messaging__RabbitMq__Username="$REMEDIATION_TEST_RABBITMQ_USER" \
    Remediation__Messaging__RabbitMq__Password="$REMEDIATION_TEST_RABBITMQ_PASSWORD" \
    Remediation__Persistence__Provider=PostgreSql \
    Remediation__Persistence__ConnectionString="${REMEDIATION_TEST_POSTGRES/Database=postgres/Database=remediation_$lower}" \
    Remediation__Policy__Path="$dir/policy.yaml" \
    Remediation__Auth__Tokens__0__Name=ingest Remediation__Auth__Tokens__0__Token="$INGEST_TOKEN" Remediation__Auth__Tokens__0__Roles__0=ingest \
    Remediation__Auth__Tokens__1__Name=operator Remediation__Auth__Tokens__1__Token="$OPERATOR_TOKEN" Remediation__Auth__Tokens__1__Roles__0=operator \
    Remediation__Auth__Tokens__2__Name=read Remediation__Auth__Tokens__2__Token="$READ_TOKEN" Remediation__Auth__Tokens__2__Roles__0=read \
    Remediation__Postmortem__Prometheus__Url="http://127.0.0.1:$port_prometheus" \
        stack_start_program "$lower" "$root/services/$service/Remediation.$service.Host" "Remediation.$service.Host" "$port"
}
start_host Detector "$port_detector"
start_host Decision "$port_decision"
start_host Executor "$port_executor"
start_host Notifier "$port_notifier"
start_host Postmortem "$port_postmortem"

# Monitoring, rendered from infra/monitoring's templates.
render() { "$root/infra/monitoring/render.sh" "$@"; }
DETECTOR_URL="http://127.0.0.1:$port_detector" INGEST_TOKEN_FILE="$dir/ingest-token" GROUP_WAIT=1s GROUP_INTERVAL=5s \
    render "$root/infra/monitoring/alertmanager.yml" "$dir/alertmanager.yml"
stack_start alertmanager "$(command -v prometheus-alertmanager || echo /usr/bin/prometheus-alertmanager)" \
    --config.file="$dir/alertmanager.yml" --storage.path="$dir/alertmanager-data" \
    --web.listen-address="127.0.0.1:$port_alertmanager" --cluster.listen-address=

cat > "$dir/targets/haproxy-local.yml" <<TARGETS
- targets: ["127.0.0.1:$port_haproxy_metrics"]
  labels: { environment: production }
TARGETS
cat > "$dir/targets/shop-local.yml" <<TARGETS
- targets: ["127.0.0.1:$port_shop_v0"]
  labels: { environment: production, service: shop, version: v0 }
- targets: ["127.0.0.1:$port_shop_v1"]
  labels: { environment: production, service: shop, version: v1 }
- targets: ["127.0.0.1:$port_shop_v2"]
  labels: { environment: production, service: shop, version: v2 }
TARGETS
cat > "$dir/targets/alertmanager-local.yml" <<TARGETS
- targets: ["127.0.0.1:$port_alertmanager"]
TARGETS
SCRAPE_INTERVAL="$interval" EVALUATION_INTERVAL="$interval" TARGETS_DIR="$dir/targets" render "$root/infra/monitoring/prometheus.yml" "$dir/prometheus.yml"
RATE_WINDOW="$rate_window" render "$root/infra/monitoring/rules.yml" "$dir/rules.yml"
stack_start prometheus "$(command -v prometheus || echo /usr/bin/prometheus)" \
    --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/prometheus-data" \
    --web.listen-address="127.0.0.1:$port_prometheus" --rules.alert.resend-delay=1s

log "Waiting for everything to answer"
stack_wait shop-v0 "$port_shop_v0" /health
stack_wait shop-v1 "$port_shop_v1" /health
stack_wait shop-v2 "$port_shop_v2" /health
stack_wait haproxy "$port_haproxy_metrics" /stats
stack_wait loadgen "$port_loadgen" /health
for service in detector:"$port_detector" decision:"$port_decision" executor:"$port_executor" notifier:"$port_notifier" postmortem:"$port_postmortem"; do
    stack_wait "${service%%:*}" "${service##*:}" /health/ready
done
stack_wait alertmanager "$port_alertmanager" /-/ready
stack_wait prometheus "$port_prometheus" /-/ready

cat > "$dir/stack.env" <<ENV
HAPROXY_RUNTIME=127.0.0.1:$port_runtime
DETECTOR_URL=http://127.0.0.1:$port_detector
ENV

cat <<INFO

Remediation's local stack is up (state and logs in $dir; tokens in $dir/secrets.env).

  shop (through HAProxy)   http://127.0.0.1:$port_shop/
  HAProxy stats            http://127.0.0.1:$port_haproxy_metrics/stats      Runtime API 127.0.0.1:$port_runtime
  Prometheus               http://127.0.0.1:$port_prometheus/alerts
  Alertmanager             http://127.0.0.1:$port_alertmanager/
  detector                 http://127.0.0.1:$port_detector/      (ingest token)
  decision                 http://127.0.0.1:$port_decision/api/decision/services/production/shop   (read token)
  executor                 http://127.0.0.1:$port_executor/
  notifier                 http://127.0.0.1:$port_notifier/api/notifications   (read token)
  postmortem               http://127.0.0.1:$port_postmortem/api/incidents   (read token)
  RabbitMQ management      http://127.0.0.1:$REMEDIATION_TEST_RABBITMQ_MANAGEMENT_PORT/ (guest/guest)

Next: infra/local/deploy.sh v1   (wait a minute: v1 soaks and is trusted)
      infra/local/deploy.sh v2   (the bad deploy: it is rolled back to v1 within seconds)
      curl -H "Authorization: Bearer \$READ_TOKEN" http://127.0.0.1:$port_postmortem/api/incidents
Stop: infra/local/down.sh
INFO
