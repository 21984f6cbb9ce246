#!/bin/bash
# Container health check: GET a health endpoint of the service in this container and succeed on 200. Written with
# bash alone because the runtime image has neither curl nor wget.
#
#   healthcheck [PATH]      PATH defaults to HEALTHCHECK_PATH, else /health/ready (the image sets HEALTHCHECK_PATH from
#                           its HEALTH_PATH build argument); the port is HEALTHCHECK_PORT (default 8080).
set -eu
path="${1:-${HEALTHCHECK_PATH:-/health/ready}}"
port="${HEALTHCHECK_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
    "HTTP/1.1 200"* | "HTTP/1.0 200"*) exit 0 ;;
    *) echo "${path}: ${status}" >&2; exit 1 ;;
esac
