#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# dev-server.sh - what `make run` does after the build: a private PostgreSQL cluster
# under var/pg (unless $WSATEND_DSN names a database), migrations, the demo tenants
# and users, then the server in the foreground on 127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
shopt -s inherit_errexit

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
pgport=${WSATEND_RUN_PGPORT:-55432}
dsn=$(tests/harness/setup-db.sh "$root/var/pg" "$pgport" "$root/bin/wsatendd" | tail -n 1)
cat >&2 <<MSG

wsatend is starting on http://127.0.0.1:${WSATENDD_PORT:-8080}/WSAtendimentoCadastroWeb
  database:  $dsn
  demo user: integracao@demo  password: ${WSATEND_DEMO_PASSWORD:-demo-senha-123}
  try:       curl -s http://127.0.0.1:${WSATENDD_PORT:-8080}/readyz
MSG
export WSATENDD_DB_DSN=$dsn
export WSATENDD_WSDL_DIR=${WSATENDD_WSDL_DIR:-$root/wsdl}
exec "$root/bin/wsatendd" serve
