#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# prospect.sh - IncluirProspect throughput through SOAP (wrk, new IdMensagem each)
# against pgbench running the same SQL in the same run on the same cluster: the ratio
# says what the SOAP, C and idempotency layers cost over the database work itself.
#
#   tests/bench/prospect.sh [SECONDS] [CONNECTIONS]     (make bench)
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
secs=${1:-10}
conns=${2:-8}
pgport=${WSATEND_BENCH_PGPORT:-55434}
port=${WSATEND_BENCH_PORT:-18180}
pgdir=${TMPDIR:-/tmp}/wsatend-bench-$pgport
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }

dsn=$(tests/harness/setup-db.sh "$pgdir" "$pgport" "$root/bin/wsatendd" 2>/dev/null | tail -n 1)
WSATENDD_DB_DSN=$dsn WSATENDD_PORT=$port WSATENDD_WSDL_DIR=$root/wsdl WSATENDD_LOG_LEVEL=warn \
	WSATENDD_WORKERS=$conns "$root/bin/wsatendd" serve 2>/dev/null &
pid=$!
# the server and the bench's own cluster go away with the script
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; tests/harness/pgcluster.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

tenant=$(psql "$dsn" -XAtc "SELECT tenant_id FROM tenant WHERE code = 'demo'")
user=$(psql "$dsn" -XAtc "SELECT user_id FROM app_user WHERE tenant_id = $tenant AND login = 'integracao'")

soap=$(wrk -t2 -c"$conns" -d"${secs}s" -s tests/bench/prospect.lua \
	"http://127.0.0.1:$port/WSAtendimentoCadastroWeb" | grep '^soap_requests=')
eval "$soap"
soap_rate=$(awk -v r="$soap_requests" -v s="$soap_seconds" 'BEGIN { printf "%.0f", r / s }')

pgb=$(pgbench -n -M prepared -c "$conns" -j 2 -T "$secs" -D tenant="$tenant" -D user_id="$user" \
	-f tests/bench/prospect.sql "$dsn" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
ratio=$(awk -v a="$soap_rate" -v b="$pgb" 'BEGIN { printf "%.2f", a / b }')
echo "IncluirProspect via SOAP: $soap_rate/s ($soap_requests requests, $soap_errors errors, $conns connections)"
echo "same SQL via pgbench:     ${pgb%.*}/s"
echo "ratio SOAP/pgbench:       $ratio"
