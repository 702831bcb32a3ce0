#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh - every test of `make check`, on its own cluster and ports, so it never
# collides with a `make run` already serving. Ends with "N passed, N failed".
#
#   1. C unit tests (cmocka): validators, agenda classification, the raw-stream guard
#   2. a fresh PostgreSQL cluster (build/check/pg), migrated, demo tenants loaded
#   3. the server built with ASan+UBSan, serving on 127.0.0.1:$WSATEND_CHECK_PORT
#   4. pytest: request/response cases, client, zeep interop, system tests
#      (idempotency races, tenant isolation, hostile input, keep-alive, outages)
#   5. SIGTERM: the server must exit cleanly, with no sanitizer report and no leak
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$root/build/check
pgport=${WSATEND_CHECK_PGPORT:-55433}
# The cluster lives outside the checkout: when run as root its files belong to the
# postgres user, who may not be able to enter the directory CI cloned into.
pgdir=${WSATEND_CHECK_PGDIR:-${TMPDIR:-/tmp}/wsatend-check-$pgport}
port=${WSATEND_CHECK_PORT:-18080}
server=${WSATEND_CHECK_SERVER:-$root/build-asan/bin/wsatendd}
passed=0
failed=0

mkdir -p "$work"
rm -f "$work/figures.pending"

note() { printf '\n== %s\n' "$*"; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

# ---- 1. unit tests ---------------------------------------------------------
for t in build-asan/tests/validate_test build-asan/tests/guard_test; do
	[ -x "$t" ] || continue
	note "unit: $t"
	out=$("$t" 2>&1)
	echo "$out" | tail -n 3
	p=$(echo "$out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(echo "$out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	count "${p:-0}" "${f:-0}"
	if [ -z "$p" ] && [ -z "$f" ]; then count 0 1; fi
done

# ---- 1a. fuzzing the guard for a while ----------------------------------------
if [ -x build/tests/guard_fuzz ]; then
	note "fuzz: guard, ${FUZZ_SECONDS:-20} s"
	mkdir -p build/fuzz-corpus
	if build/tests/guard_fuzz -max_total_time="${FUZZ_SECONDS:-20}" -max_len=4096 \
		-artifact_prefix=build/ build/fuzz-corpus >"$work/fuzz.log" 2>&1; then
		tail -n 1 "$work/fuzz.log"
		echo "fuzz_guard_runs: $(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/fuzz.log")" >>"$work/figures.pending"
		count 1 0
	else
		tail -n 20 "$work/fuzz.log"
		count 0 1
	fi
fi

# ---- 1b. the configuration table and its sample agree ------------------------
note "config: deploy/wsatendd.conf is what config-sample prints, and it checks"
if bin/wsatendd config-sample | diff -q - deploy/wsatendd.conf >/dev/null &&
	bin/wsatendd -c deploy/wsatendd.conf check-config >/dev/null &&
	! WSATENDD_WORKERS=0 bin/wsatendd check-config >/dev/null 2>&1; then
	count 1 0
else
	echo "deploy/wsatendd.conf is stale (bin/wsatendd config-sample > deploy/wsatendd.conf) or check-config misjudges"
	count 0 1
fi

# ---- 2. database -----------------------------------------------------------
note "database: fresh cluster in $pgdir on port $pgport"
tests/harness/pgcluster.sh destroy "$pgdir" >/dev/null 2>&1 || true
rm -rf "$work/asan"
dsn=$(tests/harness/setup-db.sh "$pgdir" "$pgport" "$root/bin/wsatendd" 2>"$work/setup.log" | tail -n 1)
if [ -z "$dsn" ]; then
	cat "$work/setup.log"
	echo "0 passed, $((failed + 1)) failed"
	exit 1
fi

# ---- 3. the sanitized server -------------------------------------------------
mkdir -p "$work/asan"
export ASAN_OPTIONS="detect_leaks=1:log_path=$work/asan/report:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$work/asan/report"
export WSATENDD_DB_DSN=$dsn WSATENDD_PORT=$port WSATENDD_WSDL_DIR=$root/wsdl WSATENDD_WORKERS=8
# a stalled database must turn into INDISPONIVEL well within the tests' 5 s
export WSATENDD_DB_STATEMENT_TIMEOUT_MS=2500
# reads through their own connections, as with a replica (here the same database)
export WSATENDD_DB_READ_DSN=$dsn
note "server: $server on port $port"
"$server" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
	curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
	sleep 0.1
done

# ---- 4. pytest suites ------------------------------------------------------
export WSATEND_TEST_URL=http://127.0.0.1:$port/WSAtendimentoCadastroWeb
export WSATEND_TEST_DSN=$dsn WSATEND_TEST_PGDIR=$pgdir WSATEND_TEST_SERVER_PID=$server_pid
export WSATEND_TEST_USUARIO=integracao@demo WSATEND_TEST_SENHA=${WSATEND_DEMO_PASSWORD:-demo-senha-123}
export WSATEND_TEST_CLIENT=$root/build-asan/bin/wsatend
export WSATEND_TEST_FIGURES=$work/figures.txt
rm -f "$WSATEND_TEST_FIGURES"
[ -f "$work/figures.pending" ] && mv "$work/figures.pending" "$WSATEND_TEST_FIGURES"
suites=(tests/cases/run_cases.py)
for d in tests/client tests/interop tests/system; do
	[ -d "$d" ] && suites+=("$d")
done
note "pytest: ${suites[*]}"
/usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml="$work/pytest.xml" "${suites[@]}" 2>&1 | tail -n 40
read -r p f < <(/usr/bin/python3 - "$work/pytest.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    r = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 1); sys.exit()
s = r if r.tag == "testsuite" else r.find("testsuite")
t, e, fl, sk = (int(s.get(k, 0)) for k in ("tests", "errors", "failures", "skipped"))
print(t - e - fl - sk, e + fl)
PY
)
count "$p" "$f"

# ---- 5. clean shutdown, sanitizer reports ------------------------------------
note "shutdown: SIGTERM"
if kill -0 "$server_pid" 2>/dev/null; then
	kill -TERM "$server_pid"
	rc=0
	wait "$server_pid" || rc=$?
	if [ "$rc" -eq 0 ]; then count 1 0; else echo "server exited with $rc"; count 0 1; fi
else
	echo "server was not running at the end"
	count 0 1
fi
if compgen -G "$work/asan/report*" >/dev/null; then
	echo "sanitizer reports:"
	head -n 60 "$work"/asan/report*
	count 0 1
else
	echo "no sanitizer report, no leak"
	count 1 0
fi
tests/harness/pgcluster.sh stop "$pgdir" >/dev/null 2>&1 || true

if [ -s "$work/figures.txt" ]; then
	note "figures"
	cat "$work/figures.txt"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
