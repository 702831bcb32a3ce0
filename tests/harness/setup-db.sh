#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# setup-db.sh - a ready database for the server: starts (or reuses) a private cluster,
# applies the migrations, loads the demo tenants and their users. Idempotent.
#
#   tests/harness/setup-db.sh DIR PORT [WSATENDD]   prints the DSN as its last line
#
# Tenants: demo (the README's) and outra (a second tenant, for isolation tests).
# Users (password $WSATEND_DEMO_PASSWORD, default demo-senha-123):
#   integracao@demo  integracao, all branches      gerente@demo     gerente, all branches
#   supervisor@demo  supervisor, all branches      atendente@demo   atendente, branch 01
#   consultor@demo   consultor, branches 01,02     integracao@outra integracao, all branches
set -euo pipefail
shopt -s inherit_errexit

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$1 port=$2
wsatendd=${3:-$root/bin/wsatendd}
password=${WSATEND_DEMO_PASSWORD:-demo-senha-123}

if [ -n "${WSATEND_DSN:-}" ]; then
	dsn=$WSATEND_DSN
else
	dsn=$("$here/pgcluster.sh" start "$dir" "$port" | tail -n 1)
fi
export WSATENDD_DB_DSN=$dsn
"$wsatendd" migrate "$root/sql" >&2
# Every demo script, in name order (00_tenant.sql first: the others add to it, e.g. 10_workshop.sql).
for tenant in demo outra; do
	for script in "$root"/sql/demo/*.sql; do
		psql "$dsn" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant" -f "$script" >/dev/null
	done
done
add_user() {
	WSATENDD_NEW_PASSWORD=$password "$wsatendd" user add "$@" >/dev/null
}
add_user integracao@demo --role integracao --all-branches
add_user gerente@demo --role gerente --all-branches
add_user supervisor@demo --role supervisor --all-branches
add_user atendente@demo --role atendente --branches 01
add_user consultor@demo --role consultor --branches 01,02
add_user integracao@outra --role integracao --all-branches
echo "$dsn"
