#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# install-deps.sh - installs the Debian packages wsatend needs to build, run and test,
# only those missing (so a second run is instant and needs no network). A fresh
# machine needs `apt-get update` first: done once, only when something is missing.
set -euo pipefail

packages=(
	build-essential pkg-config
	gsoap libgsoap-dev                 # wsdl2h, soapcpp2, libgsoapssl
	libxml2-dev libxml2-utils          # XML (help page, client), xmllint
	libpq-dev postgresql postgresql-contrib postgresql-client   # database (+ unaccent)
	libcurl4-openssl-dev               # client transport
	libjansson-dev                     # JSON log lines and client output
	libinih-dev                        # configuration files
	uuid-dev                           # request ids, client message ids
	libcrypt-dev                       # yescrypt password hashes
	libssl-dev                         # SHA-256 (request hashes)
	libcsv-dev                         # CSV input of wsatend lote enviar
	libcmocka-dev                      # C unit tests
	clang libclang-rt-14-dev           # libFuzzer for tests/fuzz
	python3-zeep python3-pytest python3-lxml python3-requests   # interop and case tests
	haproxy pgbouncer                  # scale-out samples and tests
	wrk                                # HTTP load for tests/bench
	curl tzdata
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
