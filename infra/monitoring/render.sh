#!/bin/sh
# Renders a configuration template: every ${NAME} is replaced by the environment variable NAME; a template that names
# a variable which is not set is an error (nothing is written). POSIX sh and awk only, so that it also runs inside the
# Prometheus and Alertmanager images (busybox) in docker-compose.yml.
#
#   SCRAPE_INTERVAL=1s EVALUATION_INTERVAL=1s infra/monitoring/render.sh infra/monitoring/prometheus.yml out/prometheus.yml
set -eu
template="${1:?usage: render.sh TEMPLATE OUTPUT}"
output="${2:?usage: render.sh TEMPLATE OUTPUT}"
tmp="$output.tmp.$$"
awk -v name="$template" '
{
    line = $0
    out = ""
    while (match(line, /\$\{[A-Za-z_][A-Za-z0-9_]*\}/)) {
        variable = substr(line, RSTART + 2, RLENGTH - 3)
        if (!(variable in ENVIRON)) {
            printf "%s:%d: ${%s} is not set\n", name, NR, variable > "/dev/stderr"
            missing = 1
        }
        out = out substr(line, 1, RSTART - 1) ENVIRON[variable]
        line = substr(line, RSTART + RLENGTH)
    }
    print out line
}
END { exit missing }
' "$template" > "$tmp" || { rm -f "$tmp"; exit 1; }
mv "$tmp" "$output"
