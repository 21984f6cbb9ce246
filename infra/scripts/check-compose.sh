#!/usr/bin/env bash
# Static check of docker-compose.yml with Docker Compose itself (no Docker engine needed): the file parses, every
# ${VARIABLE} is set by infra/compose.env.example, and the merged configuration is valid. Uses "docker compose" (v2)
# when present, else docker-compose (v1; Debian: apt-get install docker-compose).
#
#   infra/scripts/check-compose.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif command -v docker-compose >/dev/null; then
    compose=(docker-compose)
else
    die "neither 'docker compose' nor docker-compose is installed (Debian: apt-get install docker-compose)"
fi

"${compose[@]}" --env-file infra/compose.env.example -f docker-compose.yml config -q
# Every image is built from infra/docker/Dockerfile: each PROJECT build argument must name an existing project file.
[ -f infra/docker/Dockerfile ] || die "infra/docker/Dockerfile is missing"
projects=$("${compose[@]}" --env-file infra/compose.env.example -f docker-compose.yml config \
    | sed -n 's/^ *PROJECT: *//p' | tr -d "\"'" | sort -u)
[ -n "$projects" ] || die "no service of docker-compose.yml passes a PROJECT build argument"
for project in $projects; do
    [ -f "$project" ] || die "docker-compose.yml builds $project, which does not exist"
done
log "docker-compose.yml is valid (${compose[*]})"
