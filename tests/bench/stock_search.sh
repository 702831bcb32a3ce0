#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# stock_search.sh - PesquisarEstoque on 100 000 stock vehicles through SOAP (wrk)
# against pgbench running the same search SQL in the same run on the same cluster:
# the ratio says what SOAP, C and authentication cost over the search itself. Also
# prints the per-search latency wrk measured and EXPLAIN ANALYZE of one search.
#
#   tests/bench/stock_search.sh [SECONDS] [CONNECTIONS] [VEHICLES]     (make bench)
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
secs=${1:-10}
conns=${2:-4}
vehicles=${3:-100000}
pgport=${WSATEND_BENCH_PGPORT:-55436}
port=${WSATEND_BENCH_PORT:-18182}
pgdir=${TMPDIR:-/tmp}/wsatend-bench-$pgport
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }

dsn=$(tests/harness/setup-db.sh "$pgdir" "$pgport" "$root/bin/wsatendd" 2>/dev/null | tail -n 1)
tenant=$(psql "$dsn" -XAtc "SELECT tenant_id FROM tenant WHERE code = 'demo'")
branch=$(psql "$dsn" -XAtc "SELECT branch_id FROM branch WHERE tenant_id = $tenant AND code = '01'")
have=$(psql "$dsn" -XAtc "SELECT count(*) FROM stock_vehicle WHERE tenant_id = $tenant AND external_id LIKE 'BENCH-%'")
if [ "$have" -lt "$vehicles" ]; then
	psql "$dsn" -Xq -v ON_ERROR_STOP=1 -c "DELETE FROM stock_vehicle WHERE tenant_id = $tenant AND external_id LIKE 'BENCH-%'"
	psql "$dsn" -Xq -v ON_ERROR_STOP=1 -v n="$vehicles" -f tests/bench/stock_load.sql
fi
total=$(psql "$dsn" -XAtc "SELECT count(*) FROM stock_vehicle WHERE tenant_id = $tenant AND branch_id = $branch")

WSATENDD_DB_DSN=$dsn WSATENDD_PORT=$port WSATENDD_WSDL_DIR=$root/wsdl WSATENDD_LOG_LEVEL=warn \
	WSATENDD_WORKERS=$conns "$root/bin/wsatendd" serve 2>/dev/null &
pid=$!
# the server and the bench's own cluster go away with the script
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; tests/harness/pgcluster.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

soap=$(wrk -t2 -c"$conns" -d"${secs}s" -s tests/bench/stock_search.lua \
	"http://127.0.0.1:$port/WSAtendimentoCadastroWeb" | grep '^soap_requests=')
eval "$soap"
soap_rate=$(awk -v r="$soap_requests" -v s="$soap_seconds" 'BEGIN { printf "%.0f", r / s }')

pgb_out=$(pgbench -n -M prepared -c "$conns" -j 2 -T "$secs" -D tenant="$tenant" -D branch="$branch" \
	-f tests/bench/stock_search.sql "$dsn" 2>&1)
pgb=$(echo "$pgb_out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
pgb_lat=$(echo "$pgb_out" | sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' | head -n 1)
ratio=$(awk -v a="$soap_rate" -v b="$pgb" 'BEGIN { printf "%.2f", a / b }')

# One search on its own, as the server's generic plan runs it: its plan and execution
# time (the 'Co%' prefix, the widest: 5 of the 40 models).
explain=$(psql "$dsn" -XAt -c "SET plan_cache_mode = force_generic_plan" -c "PREPARE q(bigint, bigint, text) AS
	SELECT s.stock_id FROM stock_vehicle s
	LEFT JOIN LATERAL (SELECT r.expires_at FROM reservation r WHERE r.tenant_id = s.tenant_id
	  AND r.stock_id = s.stock_id AND r.cancelled_at IS NULL AND r.consumed_at IS NULL AND r.expires_at > now()
	  ORDER BY r.expires_at DESC LIMIT 1) r ON true
	WHERE s.tenant_id = \$1 AND s.branch_id = \$2 AND s.status = 'DISPONIVEL' AND r.expires_at IS NULL
	  AND s.model_key >= search_key(\$3) AND s.model_key < search_key(\$3) || chr(1114111)
	  AND s.model_key LIKE search_key(\$3 || '%') ESCAPE '\\'
	  AND (s.model_key, s.stock_id) > ('', 0) ORDER BY s.model_key, s.stock_id LIMIT 21" \
	-c "EXECUTE q($tenant, $branch, 'Co')" \
	-c "EXPLAIN (ANALYZE, TIMING ON) EXECUTE q($tenant, $branch, 'Co')")
exec_ms=$(echo "$explain" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p')
index=$(echo "$explain" | grep -o 'stock_vehicle_[a-z_]*' | head -n 1)

echo "stock of branch 01:          $total vehicles"
echo "PesquisarEstoque via SOAP:   $soap_rate/s ($soap_requests requests, $soap_errors errors, $conns connections)"
echo "  latency per search:        mean ${soap_mean_ms} ms, p50 ${soap_p50_ms} ms, p99 ${soap_p99_ms} ms"
echo "same SQL via pgbench:        ${pgb%.*}/s (latency average ${pgb_lat} ms)"
echo "ratio SOAP/pgbench:          $ratio"
echo "EXPLAIN ANALYZE 'Co%':       ${exec_ms} ms execution, index ${index:-none}"
