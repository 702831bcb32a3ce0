# SPDX-License-Identifier: GPL-2.0-or-later
"""test_batch_faults.py - `wsatend lote enviar` survives the faults of issue 5: the
client killed (-9) at random points, the server killed (-9) and restarted, the
PostgreSQL cluster crash-restarted, all during a 10 000-record batch; and malformed
lines (bad CPF, a missing column, invalid UTF-8, a 10 MB line) cost only themselves.

After every fault the same command is run again until it exits 0; then the database
must hold exactly 10 000 vehicles of the file, each created exactly once (one
"incluir" audit row each, one batch_item row each): none lost, none duplicated.
Figures: sent / stored / lost / duplicated per fault, and how many runs it took.

Rule to know: each test writes its own file with its own IdExterno/VIN prefix, and
asserts on those rows only (other suites may write concurrently).
"""
import os
import random
import re
import signal
import socket
import string
import subprocess
import time

import pytest
import requests

import wsatend_sys as ws

N = 10000
CLIENT = os.environ.get("WSATEND_TEST_CLIENT") or os.path.join(ws.ROOT, "bin", "wsatend")
WSATENDD = os.path.join(ws.ROOT, "bin", "wsatendd")


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    if not os.access(CLIENT, os.X_OK):
        pytest.skip("client %s not built" % CLIENT)


def prefix():
    return "".join(random.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(8))


def vehicles_csv(tmp_path, pre, n=N):
    path = tmp_path / ("frota-%s.csv" % pre)
    with open(path, "w", encoding="utf-8") as f:
        f.write("IdExterno;Chassi;Marca;Modelo;AnoFabricacao;Quilometragem\n")
        for i in range(n):
            f.write("F%s-%d;9BW%s%06d;Fiat;Uno;2015;%d\n" % (pre, i, pre, i, i))
    return path


def client_env(url):
    env = dict(os.environ)
    env.update(WSATEND_URL=url, WSATEND_USUARIO=ws.USER, WSATEND_SENHA=ws.PASSWORD,
               ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") or "detect_leaks=1")
    env.pop("WSATEND_CONFIG", None)
    return env


def start_client(path, url, *extra):
    return subprocess.Popen([CLIENT, "lote", "enviar", str(path), "--tipo", "veiculo", "--tamanho", "250",
                             "--conexoes", "4", "--tentativas", "12"] + list(extra),
                            env=client_env(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)


REPLAYED = []    # per completed run: records the server answered from its record


def run_to_completion(path, url, max_runs=6, timeout=300):
    """Runs the same command again until it exits 0; returns how many runs it took."""
    for run in range(1, max_runs + 1):
        p = start_client(path, url)
        out, err = p.communicate(timeout=timeout)
        m = re.search(rb"(\d+) reprocessados", err)
        REPLAYED.append(int(m.group(1)) if m else 0)
        if p.returncode == 0:
            return run
        assert p.returncode == 3, "exit %s:\n%s" % (p.returncode, err.decode(errors="replace")[-2000:])
    raise AssertionError("still pending after %d runs" % max_runs)


def counts(pre):
    """(stored vehicles, vehicles created more than once, created audit rows, batch_item rows)."""
    like = "F%s-%%" % pre
    stored = int(ws.psql("SELECT count(*) FROM vehicle WHERE external_id LIKE '%s'" % like))
    audits = int(ws.psql("SELECT count(*) FROM audit_log a JOIN vehicle v ON v.tenant_id = a.tenant_id"
                         " AND v.vehicle_id = a.entity_id WHERE a.entity = 'veiculo' AND a.action = 'incluir'"
                         " AND v.external_id LIKE '%s'" % like))
    items = int(ws.psql("SELECT count(*) FROM batch_item WHERE operation = 'IncluirVeiculosLote'"
                        " AND entity_id IN (SELECT vehicle_id FROM vehicle WHERE external_id LIKE '%s')" % like))
    return stored, audits, items


def wait_stored(pre, p, at_least, timeout=60):
    """Waits until the batch has stored at_least records (or the client ended), so the
    fault lands in the middle of the batch."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout and p.poll() is None:
        if stored_now(pre) >= at_least:
            return
        time.sleep(0.02)


def stored_now(pre):
    return int(ws.psql("SELECT count(*) FROM vehicle WHERE external_id LIKE 'F%s-%%'" % pre))


def check_exactly_once(label, pre, path, runs, started):
    stored, audits, items = counts(pre)
    with open(str(path) + ".resultado.csv", encoding="utf-8") as f:
        lines = f.read().splitlines()[1:]
    outcomes = {}
    for line in lines:
        o = line.split(";")[2]
        outcomes[o] = outcomes.get(o, 0) + 1
    ws.figure("batch_%s_sent" % label, N)
    ws.figure("batch_%s_stored" % label, stored)
    ws.figure("batch_%s_lost" % label, N - stored)
    ws.figure("batch_%s_duplicated" % label, audits - stored)
    ws.figure("batch_%s_runs" % label, runs)
    ws.figure("batch_%s_seconds" % label, time.monotonic() - started)
    assert stored == N, "stored %d of %d" % (stored, N)
    assert audits == N, "%d creations audited for %d vehicles: something was applied twice" % (audits, N)
    assert items == N, "batch_item rows: %d" % items
    assert len(lines) == N and outcomes.get("CRIADO") == N, outcomes


# ---- the client killed at random points ----------------------------------------------

def test_client_killed_at_random_points_then_rerun(tmp_path):
    pre = prefix()
    path = vehicles_csv(tmp_path, pre)
    started = time.monotonic()
    kills = 0
    # random points of the batch: each run is killed once the database holds more
    # records than the point (runs resume, so the points increase)
    for point in sorted(random.sample(range(300, N - 300), 4)):
        p = start_client(path, ws.URL)
        wait_stored(pre, p, point)
        time.sleep(random.uniform(0, 0.05))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.communicate(timeout=60)
    ws.figure("batch_client_kill_kills", kills)
    ws.figure("batch_client_kill_stored_before_rerun", counts(pre)[0])
    runs = run_to_completion(path, ws.URL)
    # records sent again because a kill lost their journal line, answered REPROCESSADO
    ws.figure("batch_client_kill_replayed_on_rerun", REPLAYED[-1])
    check_exactly_once("client_kill", pre, path, runs + 4, started)
    # the journal lost: the next run rebuilds it from ConsultarLote and sends nothing
    os.unlink(str(path) + ".diario")
    p = start_client(path, ws.URL)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0 and b"%d registros recuperados" % N in err, err.decode(errors="replace")[-1500:]
    assert counts(pre) == (N, N, N)


# ---- the server killed and restarted ---------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A second wsatendd of our own on a free port (the shared one is never touched)."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.log = tmp_path / "wsatendd-batch.log"
        self.proc = None

    @property
    def url(self):
        return "http://127.0.0.1:%d/WSAtendimentoCadastroWeb" % self.port

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("WSATENDD_") and not k.startswith("ASAN")}
        env.update(WSATENDD_DB_DSN=ws.DSN, WSATENDD_PORT=str(self.port), WSATENDD_LISTEN="127.0.0.1",
                   WSATENDD_WSDL_DIR=os.path.join(ws.ROOT, "wsdl"), WSATENDD_WORKERS="4",
                   WSATENDD_INSTANCE="batch-faults")
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen([WSATENDD, "serve"], env=env, cwd=ws.ROOT, stdout=out,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20:
            assert self.proc.poll() is None, open(self.log).read()[-2000:]
            try:
                if requests.get("http://127.0.0.1:%d/readyz" % self.port, timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise AssertionError("second server not ready")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def test_server_killed_and_restarted_during_batch(tmp_path):
    if not os.access(WSATENDD, os.X_OK):
        pytest.skip("needs %s" % WSATENDD)
    srv = Server(tmp_path)
    srv.start()
    try:
        pre = prefix()
        path = vehicles_csv(tmp_path, pre)
        started = time.monotonic()
        p = start_client(path, srv.url)
        wait_stored(pre, p, random.randint(500, 5000))
        srv.kill()
        stored_at_kill = stored_now(pre)
        time.sleep(0.5)
        srv.start()
        _, err = p.communicate(timeout=300)
        ws.figure("batch_server_kill_stored_at_kill", stored_at_kill)
        ws.figure("batch_server_kill_first_run_exit", p.returncode)
        assert p.returncode in (0, 3), err.decode(errors="replace")[-2000:]
        runs = 1 + (run_to_completion(path, srv.url) if p.returncode else 0)
        check_exactly_once("server_kill", pre, path, runs, started)
    finally:
        srv.stop()


# ---- PostgreSQL restarted ------------------------------------------------------------

def test_database_restarted_during_batch(tmp_path):
    ws.require("WSATEND_TEST_PGDIR")
    pre = prefix()
    path = vehicles_csv(tmp_path, pre)
    started = time.monotonic()
    p = start_client(path, ws.URL)
    wait_stored(pre, p, random.randint(500, 5000))
    ws.figure("batch_db_restart_stored_at_restart", stored_now(pre))
    try:
        rc, out = ws.pgcluster("restart")      # immediate (crash) stop, then start
        assert rc == 0, out
    finally:
        if ws.pgcluster("status")[0] != 0:
            ws.pgcluster("start", ws.pg_port())
    _, err = p.communicate(timeout=300)
    ws.figure("batch_db_restart_first_run_exit", p.returncode)
    assert p.returncode in (0, 3), err.decode(errors="replace")[-2000:]
    assert ws.wait_ready(30) is not None
    runs = 1 + (run_to_completion(path, ws.URL) if p.returncode else 0)
    check_exactly_once("db_restart", pre, path, runs, started)


# ---- malformed lines -------------------------------------------------------------------

def test_malformed_lines_are_rejected_one_by_one(tmp_path):
    pre = prefix()
    path = tmp_path / "clientes.csv"
    good = []
    with open(path, "wb") as f:
        f.write(b"codigo;cpf;nome;celular;email\n")
        lines = []
        for i in range(40):
            lines.append(("M%s-%d;%s;Cliente %d;%s;c%d@example.com\n" % (pre, i, ws.cpf(), i, ws.phone(), i))
                         .encode())
        # line numbers: header is 1, so lines[k] is line k + 2
        lines[5] = ("M%s-5;529.982.247-24;CPF Errado;;\n" % pre).encode()               # line 7
        lines[10] = ("M%s-10;%s\n" % (pre, ws.cpf())).encode()                           # line 12
        lines[20] = ("M%s-20;%s;" % (pre, ws.cpf())).encode() + b"Jo\xff\xfeo;;\n"                # line 22
        lines[30] = ("M%s-30;%s;%s;;\n" % (pre, ws.cpf(), "x" * (10 * 1024 * 1024))).encode()  # line 32
        lines[35] = ("M%s-35;%s;Ação São João;;\n" % (pre, ws.cpf())).encode("utf-8")       # valid UTF-8
        f.write(b"".join(lines))
        good = [i for i in range(40) if i not in (5, 10, 20, 30)]
    p = subprocess.run([CLIENT, "lote", "enviar", str(path), "--tipo", "pessoa"], env=client_env(ws.URL),
                       capture_output=True, timeout=120)
    assert p.returncode == 1, p.stderr.decode(errors="replace")[-2000:]
    rows = {}
    with open(str(path) + ".resultado.csv", encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            cols = line.split(";")
            rows[int(cols[0])] = cols
    assert len(rows) == 40
    assert rows[7][2] == "REJEITADO" and rows[7][4] == "VALOR_INVALIDO" and "Pessoa/Documento" in rows[7][5]
    assert rows[12][2] == "REJEITADO" and rows[12][4] == "ESTRUTURA_INVALIDA" and "12" in rows[12][6]
    assert rows[22][2] == "REJEITADO" and "UTF-8" in rows[22][6] and "22" in rows[22][6]
    assert rows[32][2] == "REJEITADO" and rows[32][4] == "TAMANHO_EXCEDIDO" and "32" in rows[32][6]
    for i in good:
        assert rows[i + 2][2] == "CRIADO", rows[i + 2]
    stored = int(ws.psql("SELECT count(*) FROM person WHERE external_id LIKE 'M%s-%%'" % pre))
    name = ws.psql("SELECT name FROM person WHERE external_id = 'M%s-35'" % pre)
    ws.figure("batch_malformed_sent", 40)
    ws.figure("batch_malformed_stored", stored)
    ws.figure("batch_malformed_rejected_with_line", 4)
    assert stored == len(good)
    assert name == "Ação São João"


def test_xml_input_is_validated_record_by_record(tmp_path):
    pre = prefix()
    path = tmp_path / "frota.xml"
    path.write_text(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<ArquivoLote xmlns="%s">\n'
        '  <Veiculo><IdExterno>X%s-1</IdExterno><Chassi>9BW%s000001</Chassi><Marca>Citro\xebn</Marca></Veiculo>\n'
        '  <Veiculo><IdExterno>X%s-2</IdExterno><Chassi>9BW%s000002</Chassi><AnoFabricacao>dois mil</AnoFabricacao>'
        '</Veiculo>\n'
        '  <Veiculo><IdExterno>X%s-3</IdExterno><Chassi>9BW%s000003</Chassi><Cor>Azul</Cor></Veiculo>\n'
        '</ArquivoLote>\n' % (ws.NS, pre, pre, pre, pre, pre, pre), encoding="iso-8859-1")
    p = subprocess.run([CLIENT, "lote", "enviar", str(path), "--esquema", os.path.join(ws.ROOT, "wsdl", "xsd")],
                       env=client_env(ws.URL), capture_output=True, timeout=120)
    assert p.returncode == 1, p.stderr.decode(errors="replace")
    with open(str(path) + ".resultado.csv", encoding="utf-8") as f:
        rows = [line.split(";") for line in f.read().splitlines()[1:]]
    assert [(r[0], r[2]) for r in rows] == [("3", "CRIADO"), ("4", "REJEITADO"), ("5", "CRIADO")]
    assert rows[1][4] == "ESTRUTURA_INVALIDA" and "AnoFabricacao" in rows[1][6]
    assert ws.psql("SELECT make FROM vehicle WHERE external_id = 'X%s-1'" % pre) == "Citroën"
    # not well-formed: refused as a whole, nothing sent
    bad = tmp_path / "quebrado.xml"
    bad.write_text('<ArquivoLote xmlns="%s"><Veiculo><Chassi>9BW%s000009</Veiculo></ArquivoLote>' % (ws.NS, pre))
    p = subprocess.run([CLIENT, "lote", "enviar", str(bad)], env=client_env(ws.URL), capture_output=True,
                       timeout=60)
    assert p.returncode == 2
    assert ws.psql("SELECT count(*) FROM vehicle WHERE vin = '9BW%s000009'" % pre) == "0"


def test_windows_1252_csv_with_a_mapping_file(tmp_path):
    pre = prefix()
    path = tmp_path / "legado.csv"
    doc = ws.cpf()
    path.write_bytes(("COD_CLI,CPF_CGC,NOME_CLIENTE,FONE\n"
                      "L%s-1,%s,Jos\xe9 \u201cZ\xe9\u201d Concei\xe7\xe3o,%s\n" % (pre, doc, ws.phone())).encode("cp1252"))
    mapa = tmp_path / "legado.mapa"
    mapa.write_text("# layout do DMS antigo\nCOD_CLI = IdExterno\nCPF_CGC = Documento\nNOME_CLIENTE = Nome\n"
                    "FONE = Telefone\n")
    p = subprocess.run([CLIENT, "lote", "enviar", str(path), "--tipo", "pessoa", "--mapa", str(mapa)],
                       env=client_env(ws.URL), capture_output=True, timeout=60)
    assert p.returncode == 0, p.stderr.decode(errors="replace")
    assert b"windows-1252" in p.stderr
    assert ws.psql("SELECT name FROM person WHERE external_id = 'L%s-1'" % pre) == "José \u201cZé\u201d Conceição"


def test_two_clients_racing_on_the_same_file(tmp_path):
    """Two runs of one file at once with different chunk sizes: their calls have other
    IdMensagem but the same record keys, so they race on batch_item; the loser of each
    race reruns and replays. Every record is still applied exactly once."""
    pre = prefix()
    path = vehicles_csv(tmp_path, pre, n=4000)
    started = time.monotonic()
    env = client_env(ws.URL)
    procs = [subprocess.Popen([CLIENT, "lote", "enviar", str(path), "--tipo", "veiculo", "--tamanho", size,
                               "--conexoes", "3", "--diario", str(path) + ".diario" + size,
                               "--resultado", str(path) + ".resultado" + size],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for size in ("200", "333")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode(errors="replace")[-2000:]
    stored, audits, items = counts(pre)
    ws.figure("batch_race_two_clients_stored", stored)
    ws.figure("batch_race_two_clients_duplicated", audits - stored)
    ws.figure("batch_race_two_clients_seconds", time.monotonic() - started)
    assert stored == 4000 and audits == 4000 and items == 4000
    for size in ("200", "333"):
        with open(str(path) + ".resultado" + size, encoding="utf-8") as f:
            assert all(line.split(";")[2] == "CRIADO" for line in f.read().splitlines()[1:])
