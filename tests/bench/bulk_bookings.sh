#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bulk_bookings.sh - bookings per second through IncluirAgendamentosLote (SOAP, chunks
# of CHUNK records, CONNECTIONS calls at once: per-record keys, IncluirAgendamento's
# checks, capacity in request order, gap-free numbers, audit, batch bookkeeping)
# against two baselines measured in the same run on the same cluster:
#   * pgbench running booking.sql, the SQL of one IncluirAgendamento (booking.sh's
#     baseline): what the same bookings cost made one by one without SOAP or C;
#   * COPY of the same bookings' rows (booking + booking_slot), the floor.
#
#   tests/bench/bulk_bookings.sh [ROWS] [CONNECTIONS] [CHUNK] [SECONDS]
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rows=${1:-10000}
conns=${2:-2}
chunk=${3:-500}
secs=${4:-10}
pgport=${WSATEND_BENCH_PGPORT:-55437}
port=${WSATEND_BENCH_PORT:-18187}
pgdir=${TMPDIR:-/tmp}/wsatend-bench-$pgport
work=$(mktemp -d)

dsn=$(tests/harness/setup-db.sh "$pgdir" "$pgport" "$root/bin/wsatendd" 2>/dev/null | tail -n 1)
tenant=$(psql "$dsn" -XAtc "SELECT tenant_id FROM tenant WHERE code = 'demo'")
user=$(psql "$dsn" -XAtc "SELECT user_id FROM app_user WHERE tenant_id = $tenant AND login = 'integracao'")
branch=$(psql "$dsn" -XAtc "SELECT branch_id FROM branch WHERE tenant_id = $tenant AND code = '01'")
# Capacity: 48 more consultants in branch 01 (50: 1000 bookings per weekday), one
# customer's vehicle (as booking.sh).
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
	WSATENDD_WORKERS=$conns WSATENDD_MAX_MESSAGE_KB=16384 WSATENDD_BULK_MAX_RECORDS=$((chunk > 1000 ? chunk : 1000)) \
	"$root/bin/wsatendd" serve 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"; tests/harness/pgcluster.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

# The bookings: weekdays from a fresh offset per run (past booking.sql's 60 weeks),
# 20 starts of 30 minutes a day, 50 bookings per start. The SOAP run and the COPY run
# book the same shape on different days. Calls are made of consecutive records, so
# parallel calls compete for the same days only at their edges.
run=$(date +%s%N | sha256sum | head -c 8)
offset=$(( 500 + $(psql "$dsn" -XAtc "SELECT coalesce(max(starts_at)::date - current_date, 0) FROM booking WHERE tenant_id = $tenant") ))
/usr/bin/python3 - "$work" "$rows" "$chunk" "$run" "$offset" "$vehicle" "$tenant" "$branch" "$owner" <<'PY'
import datetime, sys
work, rows, chunk, run, offset, vehicle, tenant, branch, owner = sys.argv[1:]
rows, chunk, offset = int(rows), int(chunk), int(offset)
def starts(first_day):
    day, n = datetime.date.today() + datetime.timedelta(days=first_day), 0
    while True:
        day += datetime.timedelta(days=1)
        if day.weekday() >= 5:
            continue
        for k in range(20):
            at = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(minutes=30 * k)
            for c in range(50):
                yield at, c
gen = starts(offset)
for b in range(0, rows, chunk):
    regs = []
    for i in range(b, min(b + chunk, rows)):
        at, _ = next(gen)
        regs.append("<ws:Registro><ws:Chave>B%s.%d</ws:Chave><ws:Agendamento><ws:IdExterno>B%s-%d</ws:IdExterno>"
                    "<ws:IdVeiculo>%s</ws:IdVeiculo><ws:DataHora>%s-03:00</ws:DataHora>"
                    "<ws:Servico><ws:Codigo>OLEO</ws:Codigo></ws:Servico></ws:Agendamento></ws:Registro>"
                    % (run, i, run, i, vehicle, at.isoformat()))
    body = ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:ws="http://wsatend.org/WSAtendimentoCadastroWeb/v1"><soap:Header>'
            '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">'
            '<wsse:UsernameToken><wsse:Username>integracao@demo</wsse:Username><wsse:Password>demo-senha-123'
            '</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header><soap:Body>'
            '<ws:IncluirAgendamentosLote><ws:Cabecalho><ws:IdMensagem>B%s-c%d</ws:IdMensagem><ws:Empresa>01</ws:Empresa>'
            '</ws:Cabecalho>%s</ws:IncluirAgendamentosLote></soap:Body></soap:Envelope>' % (run, b, "".join(regs)))
    open("%s/call-%08d.xml" % (work, b), "w").write(body)
# the COPY rows: the same shape on the days after those
with open(work + "/booking.tsv", "w") as fb, open(work + "/slot.tsv", "w") as fs:
    for i in range(rows):
        at, c = next(gen)
        bid, start = 4000000000 + int(run, 16) % 100000000 * 100 + i, at.isoformat() + "-03:00"
        end = (at + datetime.timedelta(minutes=30)).isoformat() + "-03:00"
        prod = "CS01" if c == 0 else "CS02" if c == 1 else "BENCH%02d" % (c - 1)
        fb.write("%s\t%d\t%s\tC%s-%d\t%s\t%s\t%s\tRECEPTIVO\t%s\t%s\t%d\n"
                 % (tenant, bid, branch, run, i, vehicle, owner, prod, start, end, 2000000000 + bid % 1000000000))
        fs.write("%s\t%s\t%s\t%s\t%d\n" % (tenant, branch, prod, start, bid))
PY

psql "$dsn" -XAtqc "CHECKPOINT"
t0=$(date +%s.%N)
ls "$work"/call-*.xml | xargs -P "$conns" -I{} curl -sf -o /dev/null -H 'Content-Type: text/xml; charset=utf-8' \
	--data-binary @{} "http://127.0.0.1:$port/WSAtendimentoCadastroWeb"
t1=$(date +%s.%N)
stored=$(psql "$dsn" -XAtc "SELECT count(*) FROM booking WHERE tenant_id = $tenant AND external_id LIKE 'B$run-%'")
gaps=$(psql "$dsn" -XAtc "SELECT count(*) - (max(number) - min(number) + 1) FROM booking WHERE tenant_id = $tenant AND external_id LIKE 'B$run-%'")

psql "$dsn" -XAtqc "CHECKPOINT"
t2=$(date +%s.%N)
psql "$dsn" -XAtq -v ON_ERROR_STOP=1 <<SQL
BEGIN;
\\copy booking (tenant_id, booking_id, branch_id, external_id, vehicle_id, person_id, productive_code, type_code, starts_at, ends_at, number) FROM '$work/booking.tsv'
\\copy booking_slot (tenant_id, branch_id, productive_code, slot_start, booking_id) FROM '$work/slot.tsv'
COMMIT;
SQL
t3=$(date +%s.%N)

pgb=$(pgbench -n -M prepared -c "$conns" -j 2 -T "$secs" -D tenant="$tenant" -D user_id="$user" \
	-D branch="$branch" -D vehicle="$vehicle" -D owner="$owner" \
	-f tests/bench/booking.sql "$dsn" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)

soap_rate=$(awk -v n="$stored" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
copy_rate=$(awk -v n="$rows" -v a="$t2" -v b="$t3" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "IncluirAgendamentosLote via SOAP: $soap_rate bookings/s ($rows rows, $stored stored, number gaps $gaps, chunk $chunk, $conns connections)"
echo "IncluirAgendamento's SQL via pgbench (one booking per transaction): ${pgb%.*}/s"
echo "COPY of the same rows (booking + booking_slot): $copy_rate rows/s"
echo "ratio bulk SOAP / pgbench single: $(awk -v a="$soap_rate" -v b="$pgb" 'BEGIN { printf "%.2f", a / b }')"
echo "ratio bulk SOAP / COPY:           $(awk -v a="$soap_rate" -v b="$copy_rate" 'BEGIN { printf "%.3f", a / b }')"
