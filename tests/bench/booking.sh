#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# booking.sh - IncluirAgendamento throughput through SOAP (wrk, new IdMensagem and a
# random weekday slot each) against pgbench running the same SQL (booking.sql) in the
# same run on the same cluster: the ratio says what the SOAP, C, idempotency and
# validation layers cost over the database work of a booking, the capacity check and
# the gap-free counter included (the counter row serialises the branch's bookings in
# both runs alike).
#
#   tests/bench/booking.sh [SECONDS] [CONNECTIONS]     (make bench)
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
tenant=$(psql "$dsn" -XAtc "SELECT tenant_id FROM tenant WHERE code = 'demo'")
user=$(psql "$dsn" -XAtc "SELECT user_id FROM app_user WHERE tenant_id = $tenant AND login = 'integracao'")
branch=$(psql "$dsn" -XAtc "SELECT branch_id FROM branch WHERE tenant_id = $tenant AND code = '01'")
# Capacity for the run: 48 more consultants in branch 01, and one customer's vehicle.
psql "$dsn" -XAtq -v ON_ERROR_STOP=1 <<SQL
INSERT INTO productive (tenant_id, code, name, kind, branch_id)
SELECT $tenant, 'BENCH' || lpad(i::text, 2, '0'), 'Consultor bench ' || i, 'CONSULTOR', $branch
FROM generate_series(1, 48) i ON CONFLICT DO NOTHING;
INSERT INTO person (tenant_id, kind, status, name, external_id)
VALUES ($tenant, 'FISICA', 'PROSPECT', 'Cliente bench de oficina', 'bench-oficina') ON CONFLICT DO NOTHING;
INSERT INTO vehicle (tenant_id, vin, owner_id)
SELECT $tenant, 'BENCH000000000000', person_id FROM person WHERE tenant_id = $tenant AND external_id = 'bench-oficina'
ON CONFLICT DO NOTHING;
SQL
owner=$(psql "$dsn" -XAtc "SELECT person_id FROM person WHERE tenant_id = $tenant AND external_id = 'bench-oficina'")
vehicle=$(psql "$dsn" -XAtc "SELECT vehicle_id FROM vehicle WHERE tenant_id = $tenant AND vin = 'BENCH000000000000'")

WSATENDD_DB_DSN=$dsn WSATENDD_PORT=$port WSATENDD_WSDL_DIR=$root/wsdl WSATENDD_LOG_LEVEL=warn \
	WSATENDD_WORKERS=$conns "$root/bin/wsatendd" serve 2>/dev/null &
pid=$!
# the server and the bench's own cluster go away with the script
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; tests/harness/pgcluster.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

before=$(psql "$dsn" -XAtc "SELECT count(*) FROM booking WHERE tenant_id = $tenant")
soap=$(WSATEND_BENCH_VEHICLE=$vehicle wrk -t2 -c"$conns" -d"${secs}s" -s tests/bench/booking.lua \
	"http://127.0.0.1:$port/WSAtendimentoCadastroWeb" | grep '^soap_requests=')
eval "$soap"
booked=$(( $(psql "$dsn" -XAtc "SELECT count(*) FROM booking WHERE tenant_id = $tenant") - before ))
soap_rate=$(awk -v r="$booked" -v s="$soap_seconds" 'BEGIN { printf "%.0f", r / s }')

pgb=$(pgbench -n -M prepared -c "$conns" -j 2 -T "$secs" -D tenant="$tenant" -D user_id="$user" \
	-D branch="$branch" -D vehicle="$vehicle" -D owner="$owner" \
	-f tests/bench/booking.sql "$dsn" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
ratio=$(awk -v a="$soap_rate" -v b="$pgb" 'BEGIN { printf "%.2f", a / b }')
echo "IncluirAgendamento via SOAP: $soap_rate bookings/s ($booked booked of $soap_requests requests, $soap_errors HTTP errors, $conns connections)"
echo "same SQL via pgbench:        ${pgb%.*}/s"
echo "ratio SOAP/pgbench:          $ratio"
