# SPDX-License-Identifier: GPL-2.0-or-later
"""test_database_outage.py - PostgreSQL goes away and comes back; the server never hangs.

With the server running, the test cluster is stopped (fast shutdown) and later started
again, and in a second test crash-restarted (immediate stop, then start). While the
database is away every request that needs it must answer within 5 s with the SOAP
fault INDISPONIVEL (Retentavel=true) - never hang, never pretend the credentials are
wrong; /readyz answers 503, /livez 200 and Ping (no database) still works. Once the
database is back, requests succeed again without restarting the server: the time to
the first success and to a stable service (every worker reconnected) is measured and
must be under 15 s. A keyed write refused during the outage runs normally afterwards
(transient failures are not stored as the message's outcome).

Rule to know: whatever happens, the cluster is started again before the test ends
(finally), so the next test finds the database as it was.
"""
import concurrent.futures
import os
import signal
import time

import pytest
import requests

import wsatend_sys as ws
from wsatend_sys import call, header

ANSWER_LIMIT_S = 5.0
RECOVERY_LIMIT_S = 15.0
STABLE_RUN = 24            # consecutive successes that count as "every worker is back"


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_PGDIR", "WSATEND_TEST_SENHA")
    assert ws.wait_ready(30) is not None, "server not ready before the outage test"


def listar():
    return call("<ws:ListarOrigensContato>%s</ws:ListarOrigensContato>" % header(None), timeout=30)


def prospect(idmsg, name="Prospect Durante Queda"):
    return call("<ws:IncluirProspect>%s<ws:Prospect><ws:Nome>%s</ws:Nome><ws:Email>queda@example.com</ws:Email>"
                "</ws:Prospect></ws:IncluirProspect>" % (header(idmsg), name), timeout=30)


def consultar(user=ws.USER, password=None):
    return call("<ws:ConsultarPessoa>%s<ws:Filtro><ws:Documento>52998224725</ws:Documento></ws:Filtro>"
                "</ws:ConsultarPessoa>" % header(None), user=user, password=password, timeout=30)


def timed(fn, *args):
    t = time.monotonic()
    try:
        return fn(*args), time.monotonic() - t
    except requests.RequestException as e:
        return e, time.monotonic() - t


def assert_unavailable(what, answer, elapsed):
    assert not isinstance(answer, Exception), "%s: no answer (%s) after %.1fs" % (what, answer, elapsed)
    assert elapsed < ANSWER_LIMIT_S, "%s took %.1fs while the database was down" % (what, elapsed)
    assert answer.fault == "INDISPONIVEL", "%s: expected fault INDISPONIVEL, got %r" % (what, answer)
    assert answer.text("//ws:Falha/ws:Retentavel") == "true", "%s: %r" % (what, answer)
    assert b"postgres" not in answer.raw.lower() and b"psql" not in answer.raw.lower(), \
        "%s: database details in the answer: %r" % (what, answer)


def http_get(path, timeout=30):
    t = time.monotonic()
    try:
        r = requests.get(ws.base_url() + path, timeout=timeout)
        return r.status_code, time.monotonic() - t
    except requests.RequestException:
        return "no answer", time.monotonic() - t


def ensure_cluster_running():
    rc, _ = ws.pgcluster("status")
    if rc != 0:
        ws.pgcluster("start", ws.pg_port())


def recovery(start):
    """Seconds from `start` to the first database success, and to STABLE_RUN in a row
    (each on a new connection, so they spread over the workers)."""
    first = None
    run = 0
    failures = []
    while time.monotonic() - start < RECOVERY_LIMIT_S + 5:
        with requests.Session() as s:
            try:
                a = call("<ws:ListarOrigensContato>%s</ws:ListarOrigensContato>" % header(None),
                         timeout=10, session=s)
                good = a.fault is None and a.status == "Sucesso"
            except requests.RequestException as e:
                a, good = e, False
        if good:
            if first is None:
                first = time.monotonic() - start
            run += 1
            if run >= STABLE_RUN:
                return first, time.monotonic() - start, failures
        else:
            run = 0
            failures.append(getattr(a, "fault", None) or repr(a)[:80])
            time.sleep(0.1)
    return first, None, failures


def check_outage(label):
    """Everything that must hold while the database is away; returns the worst time."""
    worst = 0.0
    for what, fn in (("ListarOrigensContato", listar),
                     ("IncluirProspect", lambda: prospect(ws.msg_id())),
                     ("ConsultarPessoa", consultar),
                     ("ConsultarPessoa by a user not in the cache", lambda: consultar("consultor@demo")),
                     ("ConsultarPessoa with an unverifiable password",
                      lambda: consultar(ws.USER, "senha-nunca-vista-" + ws.msg_id()[:8]))):
        answer, elapsed = timed(fn)
        worst = max(worst, elapsed)
        assert_unavailable("%s: %s" % (label, what), answer, elapsed)
    # Many at once: every worker answers, none waits for another's timeout.
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda _: timed(listar), range(16)))
    for answer, elapsed in results:
        worst = max(worst, elapsed)
        assert_unavailable("%s: concurrent ListarOrigensContato" % label, answer, elapsed)
    status, elapsed = http_get("/readyz")
    worst = max(worst, elapsed)
    assert status == 503 and elapsed < ANSWER_LIMIT_S, "%s: /readyz %s in %.1fs" % (label, status, elapsed)
    status, elapsed = http_get("/livez")
    assert status == 200 and elapsed < ANSWER_LIMIT_S, "%s: /livez %s in %.1fs" % (label, status, elapsed)
    answer, elapsed = timed(lambda: call("<ws:Ping><ws:Texto>sem banco</ws:Texto></ws:Ping>", user=None))
    assert not isinstance(answer, Exception) and answer.text("//ws:Eco") == "sem banco", \
        "%s: Ping needs no database: %r" % (label, answer)
    return worst


def test_stop_and_start_the_cluster():
    port = ws.pg_port()
    idmsg = ws.msg_id()
    try:
        rc, out = ws.pgcluster("stop")
        assert rc == 0, out
        worst = check_outage("stopped")
        keyed, _ = timed(prospect, idmsg, "Prospect Chave Na Queda")
        assert_unavailable("keyed IncluirProspect", keyed, 0)
        ws.figure("outage_stopped_worst_answer_ms", worst * 1000)
        start = time.monotonic()
        rc, out = ws.pgcluster("start", port)
        assert rc == 0, out
        ws.figure("outage_cluster_start_ms", (time.monotonic() - start) * 1000)
        first, stable, failures = recovery(start)
        ws.figure("outage_recovery_first_success_ms", first * 1000 if first is not None else "never")
        ws.figure("outage_recovery_stable_ms", stable * 1000 if stable is not None else "never")
        ws.figure("outage_recovery_failed_requests", len(failures))
        assert first is not None and first < RECOVERY_LIMIT_S, \
            "no database request succeeded %.0fs after the start: %s" % (RECOVERY_LIMIT_S, failures[-5:])
        assert stable is not None and stable < RECOVERY_LIMIT_S, \
            "not %d successes in a row within %.0fs: %s" % (STABLE_RUN, RECOVERY_LIMIT_S, failures[-5:])
        # The keyed write refused during the outage was not stored as its outcome.
        again = prospect(idmsg, "Prospect Chave Na Queda")
        ws.ok(again, "keyed retry after the outage")
        assert again.text("//ws:Resultado/ws:Reprocessado") == "false", again
        assert ws.wait_ready(5) is not None, "/readyz not 200 after recovery"
    finally:
        ensure_cluster_running()
        ws.wait_ready(30)


def test_crash_restart_of_the_cluster():
    try:
        ok_before = listar()
        ws.ok(ok_before, "before the crash")
        start = time.monotonic()
        rc, out = ws.pgcluster("restart")      # immediate (crash) stop, then start
        assert rc == 0, out
        ws.figure("outage_crash_restart_script_ms", (time.monotonic() - start) * 1000)
        # Every worker's connection died under it: requests must not hang on them.
        answers = []
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda _: timed(listar), range(16)))
        worst = max(e for _, e in answers)
        ws.figure("outage_after_crash_worst_answer_ms", worst * 1000)
        for answer, elapsed in answers:
            assert not isinstance(answer, Exception), "no answer after the crash: %s" % answer
            assert elapsed < ANSWER_LIMIT_S, "an answer took %.1fs after the crash" % elapsed
            assert answer.fault in (None, "INDISPONIVEL"), answer
        first, stable, failures = recovery(start)
        ws.figure("outage_crash_recovery_first_success_ms", first * 1000 if first is not None else "never")
        ws.figure("outage_crash_recovery_stable_ms", stable * 1000 if stable is not None else "never")
        assert first is not None and first < RECOVERY_LIMIT_S, failures[-5:]
        assert stable is not None and stable < RECOVERY_LIMIT_S, failures[-5:]
        # Writes work again (new connections, statements prepared again).
        ws.ok(prospect(ws.msg_id(), "Prospect Depois Do Crash"), "write after the crash")
    finally:
        ensure_cluster_running()
        ws.wait_ready(30)


def cluster_pids():
    """The postmaster and its children (backends, checkpointer, ...)."""
    with open("%s/data/postmaster.pid" % ws.PGDIR) as f:
        pm = int(f.readline())
    pids = [pm]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pm:
                    pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return pids


def test_paused_database_does_not_hang_requests():
    """A database that stops answering without closing its sockets (a hung or frozen
    server: the kernel still acknowledges, so TCP timeouts never fire) must still give
    a bounded answer, not a worker blocked until the database wakes up."""
    pids = cluster_pids()
    try:
        for p in pids:
            os.kill(p, signal.SIGSTOP)
    except PermissionError:
        for p in pids:
            try:
                os.kill(p, signal.SIGCONT)
            except OSError:
                pass
        pytest.skip("not allowed to pause the cluster's processes")
    try:
        t = time.monotonic()
        try:
            answer = call("<ws:ListarOrigensContato>%s</ws:ListarOrigensContato>" % header(None),
                          timeout=ANSWER_LIMIT_S + 1)
        except requests.RequestException as e:
            answer = e
        elapsed = time.monotonic() - t
        ws.figure("outage_paused_db_answer_ms", elapsed * 1000 if not isinstance(answer, Exception) else
                  "none within %.0f s" % (ANSWER_LIMIT_S + 1))
        status, ready_s = http_get("/readyz", ANSWER_LIMIT_S + 1)
        ws.figure("outage_paused_db_readyz", "%s in %.0f ms" % (status, ready_s * 1000))
    finally:
        for p in pids:
            try:
                os.kill(p, signal.SIGCONT)
            except OSError:
                pass
    recovered = ws.wait_ready(30)
    assert recovered is not None, "server not ready 30 s after the database resumed"
    assert_unavailable("ListarOrigensContato while the database is paused", answer, elapsed)
    assert status == 503 and ready_s < ANSWER_LIMIT_S, "/readyz: %s after %.1fs" % (status, ready_s)

