# SPDX-License-Identifier: GPL-2.0-or-later
"""test_scaleout.py - the README's scale-out story, for real: two stateless wsatendd
instances behind HAProxy, both talking to PostgreSQL through pgbouncer in transaction
pooling mode with fewer server connections than workers, so that every worker's
transactions share a handful of backends.

What it proves, all through HAProxy:
  - a mixed workload (IncluirProspect, IncluirPessoa, ConsultarPessoa of what was just
    written, possibly on the other instance, ListarOrigensContato; two tenants) from 8
    threads succeeds without a single fault, and both instances serve it;
  - pgbouncer really multiplexes (more clients than server connections), and no
    "prepared statement ... already exists" ever appears (instances, pgbouncer, PostgreSQL);
  - one IdMensagem sent 16 times at once, landing on both instances: one row, one
    Pessoa/Id in all 16 answers, exactly one Reprocessado=false;
  - SIGTERM to one instance under load: HAProxy takes it out, traffic continues on the
    other, and a client retrying with the same IdMensagem never gets a second effect;
  - (expected to fail until the server drains as deploy/README.md says) after SIGTERM an
    instance first answers /readyz 503 and keeps serving instead of closing at once.

Rule to know: everything this file starts (pgbouncer, two instances, HAProxy) lives in
one temporary directory and is stopped by PID in the fixture's finalizer, whatever
happens. pgbouncer refuses to run as root: as root it runs as the postgres user.
Ports are free loopback ports picked at start (WSATEND_SCALEOUT_PORTS="a,b,front,pgb,c"
pins them). Each request is attributed to an instance by its IdRequisicao, which the
instance writes in its own JSON request log.
"""
import csv
import io
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

import pytest
import requests

import wsatend_sys as ws
from wsatend_sys import esc, header

WSATENDD = os.path.join(ws.ROOT, "bin", "wsatendd")
WORKERS = 4               # per instance; HAProxy's maxconn per server is the same
POOL = 4                  # pgbouncer server connections: fewer than the 8 workers
THREADS = 8
MIX_SECONDS = 4.0
DRAIN_BEFORE, DRAIN_AFTER = 1.0, 3.0
SOAP_OPS = ("IncluirProspect", "IncluirPessoa", "ConsultarPessoa", "ListarOrigensContato")
RUN = uuid.uuid4().hex[:8]
_SEQ = iter(range(10 ** 9))
_SEQ_LOCK = threading.Lock()


def seq():
    with _SEQ_LOCK:
        return next(_SEQ)


# ---- processes -----------------------------------------------------------------------

def tool(name):
    """Path of a daemon binary; Debian puts them in /usr/sbin, often not on a user's PATH."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dsn_fields(dsn):
    return dict(part.split("=", 1) for part in dsn.split() if "=" in part)


class Died(Exception):
    """A process we wait for exited: no point in waiting longer."""


def wait_until(what, predicate, timeout, step=0.05):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            if predicate():
                return time.monotonic() - t0
        except Died:
            raise
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(step)
    raise AssertionError("%s: not within %.0f s" % (what, timeout))


class Stack:
    """pgbouncer + instances a and b + HAProxy, all in self.dir."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="wsatend-scaleout-")
        os.chmod(self.dir, 0o755)
        pinned = os.environ.get("WSATEND_SCALEOUT_PORTS", "")
        ports = [int(p) for p in pinned.split(",") if p.strip()]
        ports += [free_port() for _ in range(5 - len(ports))]
        self.port = dict(zip(("a", "b", "front", "pgbouncer", "c"), ports))
        self.url = "http://127.0.0.1:%d/WSAtendimentoCadastroWeb" % self.port["front"]
        self.pgb_dsn = "host=127.0.0.1 port=%d dbname=wsatend user=wsatend" % self.port["pgbouncer"]
        self.procs = {}          # name -> Popen, in start order
        self.logs = {}           # name -> path
        self.pg_log_from = None  # (path, size) of PostgreSQL's log when we started

    def path(self, name):
        return os.path.join(self.dir, name)

    # pgbouncer --------------------------------------------------------------------------
    def start_pgbouncer(self):
        db = dsn_fields(ws.DSN)
        ini = self.path("pgbouncer.ini")
        with open(ini, "w") as f:
            f.write(
                "[databases]\n"
                "wsatend = host=%s port=%s dbname=%s user=%s\n"
                "[pgbouncer]\n"
                "listen_addr = 127.0.0.1\nlisten_port = %d\nunix_socket_dir =\n"
                "logfile = %s\npidfile = %s\n"
                "auth_type = trust\nauth_file = %s\nadmin_users = wsatend\n"
                "pool_mode = transaction\n"
                "default_pool_size = %d\nmin_pool_size = 0\nreserve_pool_size = 0\n"
                "max_db_connections = %d\nmax_client_conn = 200\n"
                "server_reset_query = DISCARD ALL\nserver_reset_query_always = 0\n"
                "query_wait_timeout = 10\nserver_connect_timeout = 5\n"
                "ignore_startup_parameters = extra_float_digits\n"
                "log_connections = 0\nlog_disconnections = 0\nlog_pooler_errors = 1\n"
                % (db.get("host", "127.0.0.1"), db.get("port", "5432"), db.get("dbname", "wsatend"),
                   db.get("user", "wsatend"), self.port["pgbouncer"], self.path("pgbouncer.log"),
                   self.path("pgbouncer.pid"), self.path("userlist.txt"), POOL, POOL))
        with open(self.path("userlist.txt"), "w") as f:
            f.write('"wsatend" ""\n')
        kw = {}
        if os.geteuid() == 0:     # pgbouncer refuses root
            pw = pwd.getpwnam("postgres")
            for name in ("pgbouncer.ini", "userlist.txt"):
                os.chown(self.path(name), pw.pw_uid, pw.pw_gid)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            kw = {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}
        self.logs["pgbouncer"] = self.path("pgbouncer.log")
        out = open(self.path("pgbouncer.out"), "wb")
        self.procs["pgbouncer"] = subprocess.Popen(
            [tool("pgbouncer"), ini], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd="/", start_new_session=True, **kw)
        out.close()
        wait_until("pgbouncer answering", lambda: ws.psql("SELECT 1", dsn=self.pgb_dsn, timeout=5) == "1", 10)

    # wsatendd -----------------------------------------------------------------------------
    def start_instance(self, name, **settings):
        env = {k: v for k, v in os.environ.items() if not k.startswith("WSATENDD_")}
        env.update(WSATENDD_DB_DSN=self.pgb_dsn, WSATENDD_DB_POOLER="transaction",
                   WSATENDD_PORT=str(self.port[name]), WSATENDD_LISTEN="127.0.0.1",
                   WSATENDD_WSDL_DIR=os.path.join(ws.ROOT, "wsdl"),
                   WSATENDD_WORKERS=str(WORKERS), WSATENDD_INSTANCE=name)
        # drain on SIGTERM longer than HAProxy needs to mark the instance down
        env.update({"WSATENDD_SHUTDOWN_GRACE_S": "2", **settings})
        log = self.path("wsatendd-%s.log" % name)
        self.logs[name] = log
        with open(log, "wb") as out:
            self.procs[name] = subprocess.Popen([WSATENDD, "serve"], env=env, cwd=ws.ROOT, stdout=out,
                                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                start_new_session=True)

    def instance_ready(self, name):
        if self.procs[name].poll() is not None:
            raise Died("instance %s exited with %s:\n%s"
                                 % (name, self.procs[name].returncode, self.tail(name)))
        r = requests.get("http://127.0.0.1:%d/readyz" % self.port[name], timeout=2)
        return r.status_code == 200

    # HAProxy ------------------------------------------------------------------------------
    def start_haproxy(self):
        """deploy/haproxy.cfg's backend, scaled down: maxconn = workers per server, retries
        only on connection failures, one request per server connection; checks every
        500 ms so that a dead instance is out within about a second."""
        cfg = self.path("haproxy.cfg")
        with open(cfg, "w") as f:
            f.write(
                "global\n"
                "    maxconn 512\n"
                "    stats socket %s mode 600 level admin\n"
                "    log stderr format raw local0 info\n"
                "defaults\n"
                "    mode http\n    log global\n    option httplog\n"
                "    timeout connect 2s\n    timeout client 30s\n    timeout server 30s\n"
                "    timeout queue 10s\n    timeout check 1s\n"
                "    timeout http-request 10s\n    timeout http-keep-alive 5s\n"
                "frontend soap\n"
                "    bind 127.0.0.1:%d\n"
                "    option http-buffer-request\n"
                "    default_backend wsatendd\n"
                "backend wsatendd\n"
                "    balance roundrobin\n"
                "    option httpchk GET /readyz\n"
                "    http-check expect status 200\n"
                "    default-server check inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2"
                " maxconn %d maxqueue 256\n"
                "    retries 2\n    retry-on conn-failure\n    option redispatch 1\n"
                "    option http-server-close\n"
                "    server a 127.0.0.1:%d\n"
                "    server b 127.0.0.1:%d\n"
                % (self.path("haproxy.sock"), self.port["front"], WORKERS, self.port["a"], self.port["b"]))
        check = subprocess.run([tool("haproxy"), "-c", "-f", cfg], capture_output=True, text=True, timeout=10)
        assert check.returncode == 0, "haproxy config refused:\n%s%s" % (check.stdout, check.stderr)
        log = self.path("haproxy.log")
        self.logs["haproxy"] = log
        with open(log, "wb") as out:
            self.procs["haproxy"] = subprocess.Popen([tool("haproxy"), "-f", cfg, "-db"], stdout=out,
                                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                     start_new_session=True)
        wait_until("HAProxy sees a and b UP",
                   lambda: all(self.server_status(s).startswith("UP") for s in ("a", "b")), 10)

    def haproxy(self, command):
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(3)
            s.connect(self.path("haproxy.sock"))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while True:
                c = s.recv(65536)
                if not c:
                    break
                chunks.append(c)
        return b"".join(chunks).decode()

    def stats(self):
        """HAProxy's per-server counters: svname -> row of `show stat`."""
        text = self.haproxy("show stat").lstrip("# ")
        return {r["svname"]: r for r in csv.DictReader(io.StringIO(text)) if r.get("pxname") == "wsatendd"}

    def server_status(self, name):
        return self.stats()[name]["status"]

    # everything -----------------------------------------------------------------------------
    def start(self):
        pgdir = os.environ.get("WSATEND_TEST_PGDIR")
        pglog = os.path.join(pgdir, "log", "postgresql.log") if pgdir else None
        if pglog and os.path.exists(pglog):
            self.pg_log_from = (pglog, os.path.getsize(pglog))
        self.start_pgbouncer()
        for name in ("a", "b"):
            self.start_instance(name)
        for name in ("a", "b"):
            wait_until("instance %s /readyz 200" % name, lambda n=name: self.instance_ready(n), 15)
        self.start_haproxy()

    def stop(self):
        """By PID, newest first: SIGTERM, then SIGKILL after a grace period."""
        for name, proc in reversed(list(self.procs.items())):
            if proc.poll() is None:
                try:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
                except OSError:
                    pass
        if os.environ.get("WSATEND_SCALEOUT_KEEP"):
            print("scale-out files kept in", self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def tail(self, name, lines=20):
        try:
            with open(self.logs[name], errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError as e:
            return "(no log: %s)" % e

    # logs -------------------------------------------------------------------------------------
    def requests_logged(self, name):
        """Request id -> the JSON line of each SOAP operation instance `name` logged."""
        out = {}
        try:
            with open(self.logs[name], errors="replace") as f:
                for line in f:
                    if '"operation"' not in line:
                        continue
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    if rec.get("operation") in SOAP_OPS and rec.get("request_id"):
                        out[rec["request_id"]] = rec
        except OSError:
            pass
        return out

    def where(self):
        """Request id -> instance name, for everything both instances logged so far."""
        found = {}
        for name in ("a", "b"):
            for rid in self.requests_logged(name):
                found[rid] = name
        return found

    def prepared_statement_errors(self):
        hits = []
        files = [(self.logs[n], 0) for n in ("a", "b", "pgbouncer") if n in self.logs]
        if self.pg_log_from:
            files.append(self.pg_log_from)
        for path, start in files:
            try:
                with open(path, errors="replace") as f:
                    f.seek(start)
                    hits += ["%s: %s" % (os.path.basename(path), line.strip())
                             for line in f if "prepared statement" in line.lower()]
            except OSError:
                pass
        return hits


@pytest.fixture(scope="module")
def stack():
    ws.require("WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    for binary in ("haproxy", "pgbouncer"):
        if not tool(binary):
            pytest.skip("scale-out test needs %s (Debian package %s)" % (binary, binary))
    if not os.access(WSATENDD, os.X_OK):
        pytest.skip("scale-out test needs the optimized server %s (make bin/wsatendd)" % WSATENDD)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root, and there is no postgres user to run pgbouncer as")
    s = Stack()
    try:
        try:
            s.start()
        except Exception as e:
            diag = "\n".join("--- %s\n%s" % (n, s.tail(n)) for n in s.logs)
            raise AssertionError("scale-out stack did not start: %s\n%s" % (e, diag)) from e
        yield s
    finally:
        s.stop()


# ---- requests ----------------------------------------------------------------------------------

def soap(stack, body, session, user=ws.USER, timeout=15):
    """One SOAP call through HAProxy; returns an ws.Answer (transport errors propagate)."""
    t = time.monotonic()
    r = session.post(stack.url, data=ws.envelope(body, user, ws.PASSWORD),
                     headers={"Content-Type": "text/xml; charset=utf-8"}, timeout=timeout)
    return ws.Answer(r, time.monotonic() - t)


def succeeded(answer):
    return (answer.resp.status_code == 200 and answer.fault is None
            and answer.status in ("Sucesso", "SucessoComAvisos"))


def prospect_body(idmsg, name):
    return ("<ws:IncluirProspect>%s<ws:Prospect><ws:Nome>%s</ws:Nome><ws:Telefone><ws:Numero>%s</ws:Numero>"
            "<ws:WhatsApp>true</ws:WhatsApp></ws:Telefone><ws:Email>escala.%s@example.com</ws:Email>"
            "<ws:Origem>SITE</ws:Origem></ws:Prospect></ws:IncluirProspect>"
            % (header(idmsg), esc(name), ws.phone(), uuid.uuid4().hex[:12]))


def pessoa_body(idmsg, document, name):
    return "<ws:IncluirPessoa>%s%s</ws:IncluirPessoa>" % (header(idmsg), ws.pessoa_xml(document, name))


def consultar_body(document):
    return ("<ws:ConsultarPessoa>%s<ws:Filtro><ws:Documento>%s</ws:Documento></ws:Filtro>"
            "</ws:ConsultarPessoa>" % (header(None), document))


def listar_body():
    return "<ws:ListarOrigensContato>%s</ws:ListarOrigensContato>" % header(None)


def people_named(prefix, tenant="demo"):
    """name -> [person ids] of the tenant's people whose name starts with prefix."""
    rows = ws.psql("SELECT name, person_id FROM person WHERE tenant_id = %s AND name LIKE '%s%%' ORDER BY 1, 2"
                   % (ws.tenant_id(tenant), prefix.replace("'", "")))
    found = {}
    for line in filter(None, rows.splitlines()):
        name, pid = line.rsplit("|", 1)
        found.setdefault(name, []).append(pid)
    return found


# ---- 1. mixed workload ---------------------------------------------------------------------------

def test_mixed_workload_over_two_instances_and_pgbouncer(stack):
    prefix = "Escala Mix %s " % RUN
    # A person of each tenant that the other tenant must never find (a leaked session
    # setting in a shared backend would show it).
    seeds = {}
    wrote = {ws.USER: {}, ws.OTHER_USER: {}}     # user -> {name: person id answered}
    with requests.Session() as s:
        for user in (ws.USER, ws.OTHER_USER):
            doc = ws.cpf()
            a = soap(stack, pessoa_body(ws.msg_id(), doc, prefix + "semente"), s, user=user)
            assert succeeded(a), a
            seeds[user] = doc
            wrote[user][prefix + "semente"] = a.text("//ws:Pessoa/ws:Id")
    stop_at = time.monotonic() + MIX_SECONDS
    results = []           # (op, user, ok, seconds, request id or None, detail)
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def worker(i):
        user = ws.OTHER_USER if i % 4 == 3 else ws.USER      # 2 of 8 threads are tenant outra
        stranger = seeds[ws.USER if user == ws.OTHER_USER else ws.OTHER_USER]
        mine = []                                             # (document, person id) written by me
        local = []
        with requests.Session() as s:
            barrier.wait(10)
            n = 0
            while time.monotonic() < stop_at:
                op = SOAP_OPS[(n + i) % 4]
                n += 1
                check = name = None
                if op == "IncluirProspect":
                    name = "%sprospect %d" % (prefix, seq())
                    body = prospect_body(ws.msg_id(), name)
                elif op == "IncluirPessoa":
                    doc, name = ws.cpf(), "%spessoa %d" % (prefix, seq())
                    body = pessoa_body(ws.msg_id(), doc, name)
                elif op == "ConsultarPessoa":
                    if mine and n % 3:
                        doc, pid = mine[-1]
                        body = consultar_body(doc)
                        check = lambda a, pid=pid: a.texts("//ws:Pessoa/ws:Id") == [pid]  # noqa: E731
                    else:
                        body = consultar_body(stranger)
                        check = lambda a: a.all("//ws:Pessoa") == []  # noqa: E731
                else:
                    body = listar_body()
                    check = lambda a: len(a.all("//ws:Origem")) > 0  # noqa: E731
                t = time.monotonic()
                try:
                    a = soap(stack, body, s, user=user)
                except requests.RequestException as e:
                    local.append((op, user, False, time.monotonic() - t, None, repr(e)))
                    continue
                good = succeeded(a) and (check is None or check(a))
                if good and name:
                    with lock:
                        wrote[user][name] = a.text("//ws:Pessoa/ws:Id")
                    if op == "IncluirPessoa":
                        mine.append((doc, a.text("//ws:Pessoa/ws:Id")))
                local.append((op, user, good, a.elapsed, a.text("//ws:Resultado/ws:IdRequisicao"),
                              None if good else repr(a)))
        with lock:
            results.extend(local)

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(MIX_SECONDS + 30)
    wall = time.monotonic() - t0
    pools = pgbouncer_pools(stack)

    failures = [r for r in results if not r[2]]
    assert results, "no request was made"
    assert not failures, "%d of %d requests failed, e.g.:\n%s" % (
        len(failures), len(results), "\n".join("%s as %s: %s" % (f[0], f[1], f[5]) for f in failures[:5]))
    assert {r[0] for r in results} == set(SOAP_OPS)

    # Each answer's IdRequisicao is in exactly one instance's log; both instances served.
    where = stack.where()
    served = {"a": 0, "b": 0}
    unknown = []
    for r in results:
        if r[4] in where:
            served[where[r[4]]] += 1
        else:
            unknown.append(r[4])
    assert not unknown, "answers no instance logged: %s" % unknown[:5]
    assert served["a"] > 0 and served["b"] > 0, served
    share = served["a"] / len(results)
    assert 0.25 < share < 0.75, "round robin over two instances, yet a served %.0f%%" % (share * 100)
    st = stack.stats()
    assert int(st["a"]["stot"]) > 0 and int(st["b"]["stot"]) > 0, "HAProxy counters: %s" % st

    # pgbouncer multiplexed the 8 workers over at most POOL backends.
    assert pools["cl"] > POOL, "pgbouncer saw only %d clients: no sharing to prove" % pools["cl"]
    assert pools["sv"] <= POOL, "pgbouncer opened %d server connections, pool is %d" % (pools["sv"], POOL)
    assert not stack.prepared_statement_errors(), stack.prepared_statement_errors()[:5]

    # The database holds exactly what was answered: one row per write, the answered Id,
    # in the caller's tenant.
    for user, tenant in ((ws.USER, "demo"), (ws.OTHER_USER, "outra")):
        written = people_named(prefix, tenant)
        expected = {k: [v] for k, v in wrote[user].items()}
        assert written == expected, "%s: rows differ from answers: only in db %s, only answered %s" % (
            tenant, {k: v for k, v in written.items() if expected.get(k) != v},
            {k: v for k, v in expected.items() if written.get(k) != v})

    rps = len(results) / wall
    lat = [r[3] for r in results]
    ws.figure("scaleout_2x%dworkers_pgbouncer_pool%d_requests_per_s" % (WORKERS, POOL), rps)
    ws.figure("scaleout_mixed_p50_ms", ws.percentile(lat, 50) * 1000)
    ws.figure("scaleout_mixed_p99_ms", ws.percentile(lat, 99) * 1000)
    ws.figure("scaleout_share_instance_a_percent", share * 100)
    ws.figure("scaleout_share_instance_b_percent", (1 - share) * 100)
    ws.figure("scaleout_pgbouncer_clients_per_server_conn", "%d/%d" % (pools["cl"], pools["sv"]))


def pgbouncer_admin(stack, command):
    """Rows (dicts) of a pgbouncer admin console command such as SHOW CLIENTS."""
    out = subprocess.run(["psql", stack.pgb_dsn.replace("dbname=wsatend", "dbname=pgbouncer"), "-X", "--csv",
                          "-c", command], capture_output=True, text=True, timeout=5)
    assert out.returncode == 0, "pgbouncer %s: %s" % (command, out.stderr)
    return list(csv.DictReader(io.StringIO(out.stdout)))


def pgbouncer_pools(stack):
    """Clients and server connections pgbouncer holds for database wsatend."""
    return {"cl": sum(1 for r in pgbouncer_admin(stack, "SHOW CLIENTS") if r["database"] == "wsatend"),
            "sv": sum(1 for r in pgbouncer_admin(stack, "SHOW SERVERS") if r["database"] == "wsatend")}


# ---- 2. idempotency across instances ---------------------------------------------------------------

def test_one_message_sixteen_times_across_instances(stack):
    n = 16
    idmsg = ws.msg_id()
    name = "Escala Idem %s" % RUN
    body = prospect_body(idmsg, name)          # byte-identical copies
    # each copy on its own connection: HAProxy spreads them over the instances
    answers = ws.concurrently(n, lambda s: soap(stack, body, s, timeout=30), join_timeout=40)
    for a in answers:
        assert succeeded(a), a
    ids = {a.text("//ws:Pessoa/ws:Id") for a in answers}
    assert len(ids) == 1, "16 copies of one IdMensagem name %d people: %s" % (len(ids), ids)
    first = [a for a in answers if a.text("//ws:Resultado/ws:Reprocessado") == "false"]
    assert len(first) == 1, "exactly one answer is the original, got %d" % len(first)
    assert all(a.text("//ws:Resultado/ws:Reprocessado") in ("false", "true") for a in answers)
    assert people_named(name) == {name: list(ids)}, "one person row, with the answered Id"
    assert ws.psql("SELECT count(*) FROM request_key WHERE tenant_id = %s AND id_mensagem = '%s'"
                   % (ws.tenant_id("demo"), idmsg)) == "1"
    where = stack.where()
    served = [where.get(a.text("//ws:Resultado/ws:IdRequisicao")) for a in answers]
    assert None not in served, "an answer no instance logged"
    assert served.count("a") and served.count("b"), "all 16 copies went to one instance: %s" % served
    ws.figure("scaleout_idempotent_copies_a_b", "%d/%d" % (served.count("a"), served.count("b")))


# ---- 3. SIGTERM to one instance under load ------------------------------------------------------------

def failure_kind(outcome):
    """How one attempt failed: transport, an HTTP status without a SOAP answer, or a fault code."""
    if isinstance(outcome, Exception):
        return "transport"
    if outcome.fault:
        return "fault " + outcome.fault
    return "http %d" % outcome.resp.status_code


def test_sigterm_to_one_instance_under_load(stack):
    prefix = "Escala Drain %s " % RUN
    done = threading.Event()
    lock = threading.Lock()
    logical = []             # one dict per logical request (its retries share the IdMensagem)
    failed = []              # (seconds since the kill or None, kind, detail) per failed attempt
    t_kill = [None]

    def note(outcome):
        since = None if t_kill[0] is None else time.monotonic() - t_kill[0]
        with lock:
            failed.append((since, failure_kind(outcome), repr(outcome)[:300]))

    def worker(i):
        with requests.Session() as s:
            n = i
            while not done.is_set():
                n += 1
                write = n % 2 == 0
                name = "%s%d" % (prefix, seq())
                body = prospect_body(ws.msg_id(), name) if write else listar_body()
                rec = {"write": write, "name": name, "ids": [], "final": None, "tries": 0}
                for _ in range(20):                     # the very same body: same IdMensagem
                    rec["tries"] += 1
                    try:
                        a = soap(stack, body, s, timeout=15)
                    except requests.RequestException as e:
                        note(e)
                        s.close()
                        time.sleep(0.05)
                        continue
                    pid = a.text("//ws:Pessoa/ws:Id")
                    if pid:
                        rec["ids"].append(pid)
                    if succeeded(a):
                        rec["final"] = a
                        break
                    note(a)
                    time.sleep(0.05)
                with lock:
                    logical.append(rec)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    time.sleep(DRAIN_BEFORE)
    before = set(stack.where())
    victim = stack.procs["a"]
    t_kill[0] = time.monotonic()
    victim.send_signal(signal.SIGTERM)
    try:
        rc = victim.wait(15)
    except subprocess.TimeoutExpired:
        rc = None
    exit_s = time.monotonic() - t_kill[0]
    wait_until("HAProxy marks a down", lambda: not stack.server_status("a").startswith("UP"), 10, step=0.01)
    down_s = time.monotonic() - t_kill[0]
    time.sleep(max(0.0, DRAIN_AFTER - down_s))
    done.set()
    for t in threads:
        t.join(40)

    assert rc == 0, "instance a did not exit cleanly on SIGTERM (rc %s):\n%s" % (rc, stack.tail("a"))
    assert stack.procs["b"].poll() is None, "instance b died:\n%s" % stack.tail("b")
    assert stack.server_status("b").startswith("UP"), stack.stats()["b"]
    unfinished = [r for r in logical if r["final"] is None]
    assert not unfinished, "%d requests never succeeded in 20 tries; last failures: %s" % (
        len(unfinished), failed[-5:])
    # Retried writes: every answer ever seen for one IdMensagem names the same person,
    # and the database holds exactly that one row.
    writes = [r for r in logical if r["write"]]
    for r in writes:
        assert len(set(r["ids"])) == 1, "one IdMensagem, several people: %s" % r["ids"]
    written = people_named(prefix)
    for r in writes:
        assert written.get(r["name"]) == r["ids"][:1], \
            "%s: database has %s, answers said %s" % (r["name"], written.get(r["name"]), r["ids"])
    assert len(written) == len(writes), "rows nobody was answered about: %s" % (
        set(written) - {r["name"] for r in writes})
    # b carried on; a served nothing once it had exited.
    after = stack.where()
    on_a = [rid for rid, n in after.items() if n == "a" and rid not in before]
    on_b = [rid for rid, n in after.items() if n == "b" and rid not in before]
    assert on_b, "instance b served nothing after the kill"
    # Nothing fails before the signal, nor once HAProxy has taken a out of rotation; a
    # few failures while it notices are tolerated (the client retries them), more than
    # that means requests kept going to a dead instance.
    assert not [f for f in failed if f[0] is None], "failures before the kill: %s" % failed[:3]
    late = [f for f in failed if f[0] > down_s + 0.5]
    assert not late, "failures after HAProxy had marked a down (%.2f s): %s" % (down_s, late[:3])
    allowed = max(8, len(logical) // 20)
    assert len(failed) <= allowed, "%d failed attempts around the kill (allowed %d), e.g. %s" % (
        len(failed), allowed, failed[:6])
    assert not stack.prepared_statement_errors(), stack.prepared_statement_errors()[:5]
    kinds = {}
    for f in failed:
        kinds[f[1]] = kinds.get(f[1], 0) + 1
    ws.figure("scaleout_drain_failed_attempts", len(failed))
    ws.figure("scaleout_drain_failed_by_kind", ", ".join("%s=%d" % kv for kv in sorted(kinds.items())) or "none")
    ws.figure("scaleout_drain_requests_retried_ok", sum(1 for r in logical if r["tries"] > 1))
    ws.figure("scaleout_drain_logical_requests", len(logical))
    ws.figure("scaleout_drain_instance_exit_ms", exit_s * 1000)
    ws.figure("scaleout_drain_marked_down_ms", down_s * 1000)
    ws.figure("scaleout_drain_served_by_a_after_signal", len(on_a))


def test_sigterm_first_answers_readyz_503_then_drains(stack):
    """deploy/README.md: on SIGTERM an instance answers /readyz with 503 and keeps serving
    until HAProxy marks it down, then drains and exits. Checked on a spare instance c
    that HAProxy does not know about."""
    stack.start_instance("c", WSATENDD_SHUTDOWN_GRACE_S="2")
    wait_until("instance c /readyz 200", lambda: stack.instance_ready("c"), 15)
    base = "http://127.0.0.1:%d" % stack.port["c"]
    stack.procs["c"].send_signal(signal.SIGTERM)
    t = time.monotonic()
    seen = []
    while time.monotonic() - t < 0.5:
        try:
            seen.append(requests.get(base + "/readyz", timeout=2).status_code)
        except requests.RequestException:
            seen.append("refused")
        time.sleep(0.02)
    with requests.Session() as s:
        try:
            r = s.post(base + "/WSAtendimentoCadastroWeb", data=ws.envelope(listar_body(), ws.USER, ws.PASSWORD),
                       headers={"Content-Type": "text/xml; charset=utf-8"}, timeout=5)
            served = ws.Answer(r, 0)
        except requests.RequestException as e:
            served = e
    try:
        stack.procs["c"].wait(15)
    except subprocess.TimeoutExpired:
        pass
    assert 503 in seen and "refused" not in seen[:seen.index(503) + 1], \
        "after SIGTERM /readyz gave %s: never 503, the listener closed at once" % seen[:10]
    assert isinstance(served, ws.Answer) and succeeded(served), \
        "0.5 s after SIGTERM (before any balancer could notice) a request was not served: %r" % (served,)


# ---- 4. the logs, once everything ran ------------------------------------------------------------------

def test_no_prepared_statement_collisions_anywhere(stack):
    hits = stack.prepared_statement_errors()
    assert not hits, "prepared statements behind pgbouncer:\n%s" % "\n".join(hits[:10])
    sizes = {n: os.path.getsize(p) for n, p in stack.logs.items() if os.path.exists(p)}
    assert sizes.get("a") and sizes.get("b") and "pgbouncer" in sizes, sizes
