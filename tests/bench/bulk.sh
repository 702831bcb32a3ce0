#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bulk.sh - rows per second of the bulk path end to end (wsatend lote enviar: CSV read,
# SOAP IncluirVeiculosLote / IncluirAtendimentosLote with per-record keys, validation,
# routing, audit, batch bookkeeping, fsynced journal) against COPY of the same rows
# into the same table, same cluster, same run. The goal of issue 5 is a ratio of at
# least 0.40.
#
#   tests/bench/bulk.sh [ROWS] [CONNECTIONS] [CHUNK] [veiculo|atendimento]   (make bench)
#
# atendimento: one atendimento per person (people made by SQL beforehand, not timed),
# natureza INFORMACAO (routed to its team's least busy consultant; PERMITIR).
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rows=${1:-50000}
conns=${2:-4}
chunk=${3:-1000}
tipo=${4:-veiculo}
pgport=${WSATEND_BENCH_PGPORT:-55436}
port=${WSATEND_BENCH_PORT:-18186}
pgdir=${TMPDIR:-/tmp}/wsatend-bench-$pgport
work=$(mktemp -d)

dsn=$(tests/harness/setup-db.sh "$pgdir" "$pgport" "$root/bin/wsatendd" 2>/dev/null | tail -n 1)
WSATENDD_DB_DSN=$dsn WSATENDD_PORT=$port WSATENDD_WSDL_DIR=$root/wsdl WSATENDD_LOG_LEVEL=warn \
	WSATENDD_WORKERS=$conns WSATENDD_MAX_MESSAGE_KB=16384 WSATENDD_BULK_MAX_RECORDS=$((chunk > 1000 ? chunk : 1000)) "$root/bin/wsatendd" serve 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"; tests/harness/pgcluster.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

tenant=$(psql "$dsn" -XAtc "SELECT tenant_id FROM tenant WHERE code = 'demo'")
# a fresh prefix per run (the bench cluster is kept between runs): hex, upper case
run=$(date +%s%N | sha256sum | tr 'a-f' 'A-F' | head -c 6)
# the same rows twice, under two prefixes (IdExterno and VIN are unique)
case $tipo in
veiculo)
	awk -v n="$rows" -v p="S$run" 'BEGIN { print "IdExterno;Chassi;Marca;Modelo;AnoFabricacao;Quilometragem";
		for (i = 0; i < n; i++) printf "%s-%d;9B%s%08d;Fiat;Uno;2015;%d\n", p, i, p, i, i }' >"$work/soap.csv"
	awk -v n="$rows" -v p="C$run" -v t="$tenant" 'BEGIN {
		for (i = 0; i < n; i++) printf "%s\t%s-%d\t9B%s%08d\tFiat\tUno\t2015\t%d\n", t, p, i, p, i, i }' >"$work/copy.tsv"
	copy="vehicle (tenant_id, external_id, vin, make, model, year_made, odometer)"
	stored_sql="SELECT count(*) FROM vehicle WHERE external_id LIKE 'S$run-%'"
	;;
atendimento)
	# 2 x rows people, ids in order: the first half for SOAP, the second for COPY
	first=$(psql "$dsn" -XAtqc "WITH p AS (INSERT INTO person (tenant_id, kind, status, name)
		SELECT $tenant, 'FISICA', 'PROSPECT', 'Bench $run ' || g FROM generate_series(1, 2 * $rows) g
		RETURNING person_id) SELECT min(person_id) FROM p")
	branch=$(psql "$dsn" -XAtc "SELECT branch_id FROM branch WHERE tenant_id = $tenant AND code = '01'")
	awk -v n="$rows" -v p="S$run" -v f="$first" 'BEGIN { print "IdExterno;IdPessoa;Natureza;Canal;Descricao";
		for (i = 0; i < n; i++) printf "%s-%d;%d;INFORMACAO;SITE;Pedido de informação %d\n", p, i, f + i, i }' >"$work/soap.csv"
	awk -v n="$rows" -v p="C$run" -v f="$first" -v t="$tenant" -v b="$branch" 'BEGIN {
		for (i = 0; i < n; i++) printf "%s\t%s-%d\t%s\t%d\tINFORMACAO\tSAC\tSITE\tPedido de informação %d\tFABIO\tSAC\n", t, p, i, b, f + n + i, i }' >"$work/copy.tsv"
	copy="contact (tenant_id, external_id, branch_id, person_id, nature_code, area, channel, description, responsible_code, team_code)"
	stored_sql="SELECT count(*) FROM contact WHERE external_id LIKE 'S$run-%'"
	;;
*) echo "bulk.sh: tipo veiculo ou atendimento" >&2; exit 2 ;;
esac

psql "$dsn" -XAtqc "CHECKPOINT"
t0=$(date +%s.%N)
WSATEND_URL="http://127.0.0.1:$port/WSAtendimentoCadastroWeb" WSATEND_USUARIO=integracao@demo \
	WSATEND_SENHA=${WSATEND_DEMO_PASSWORD:-demo-senha-123} WSATEND_EMPRESA=01 \
	bin/wsatend lote enviar "$work/soap.csv" --tipo "$tipo" --tamanho "$chunk" --conexoes "$conns" \
	>/dev/null 2>"$work/client.log" || { cat "$work/client.log"; exit 1; }
t1=$(date +%s.%N)
stored=$(psql "$dsn" -XAtc "$stored_sql")

psql "$dsn" -XAtqc "CHECKPOINT"
t2=$(date +%s.%N)
psql "$dsn" -XAtqc "\\copy $copy FROM '$work/copy.tsv'"
t3=$(date +%s.%N)
if [ "$tipo" = atendimento ]; then
	# Close this run's atendimentos, as a dealership closes its own: least-busy routing
	# counts a team's open atendimentos (IncluirAtendimento does the same per call), and a
	# kept bench cluster would otherwise pile up 100,000 more open ones per run, all of one
	# consultant, and measure that pile instead (about 350 ms per call at 550,000).
	psql "$dsn" -XAtqc "UPDATE contact SET status = 'ENCERRADO_SUCESSO', closed_at = now()
		WHERE tenant_id = $tenant AND (external_id LIKE 'S$run-%' OR external_id LIKE 'C$run-%')"
fi

soap_rate=$(awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
copy_rate=$(awk -v n="$rows" -v a="$t2" -v b="$t3" 'BEGIN { printf "%.0f", n / (b - a) }')
ratio=$(awk -v a="$soap_rate" -v b="$copy_rate" 'BEGIN { printf "%.3f", a / b }')
echo "bulk $tipo via SOAP (wsatend lote enviar): $soap_rate rows/s ($rows rows, $stored stored, chunk $chunk, $conns connections)"
echo "COPY of the same rows:               $copy_rate rows/s"
echo "ratio SOAP bulk/COPY:                $ratio (goal 0.40)"
