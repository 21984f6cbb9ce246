#!/usr/bin/env bash
# Installs, with apt, those of the given Debian/Ubuntu packages whose programs are missing; does nothing (and needs no
# network) when all are present. Uses sudo when not root. Package scripts are kept from starting the services: the
# tests start throwaway instances of their own, and a system instance would only hold the default ports.
#
#   infra/scripts/install-packages.sh rabbitmq-server postgresql haproxy prometheus prometheus-alertmanager
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

present() {
    case "$1" in
        rabbitmq-server) rabbitmq_sbin >/dev/null ;;
        postgresql) postgres_bin >/dev/null ;;
        haproxy) [ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null ;;
        prometheus) [ -x /usr/bin/prometheus ] || command -v prometheus >/dev/null ;;
        prometheus-alertmanager) [ -x /usr/bin/prometheus-alertmanager ] || command -v prometheus-alertmanager >/dev/null ;;
        # Any kubectl will do (kubectl kustomize, the executor's fidelity checks); Debian's package is only the fallback.
        kubernetes-client) command -v kubectl >/dev/null ;;
        *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" ;;
    esac
}

missing=()
for package in "$@"; do
    present "$package" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    log "Packages present: $*"
    exit 0
fi

command -v apt-get >/dev/null || die "apt-get not found; install these yourself: ${missing[*]}"
is_root || command -v sudo >/dev/null || die "not root and no sudo; install these yourself: ${missing[*]}"

policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Added by infra/scripts/install-packages.sh while it installs: start no services.\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    trap 'as_root rm -f "$policy"' EXIT
fi

log "Installing ${missing[*]}"
as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for package in "${missing[@]}"; do
    present "$package" || die "$package is installed but its programs were not found"
done
log "Installed ${missing[*]}"
