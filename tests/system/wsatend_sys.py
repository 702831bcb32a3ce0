# SPDX-License-Identifier: GPL-2.0-or-later
"""wsatend_sys.py - what the system tests share: the environment tests/run.sh exports,
SOAP calls over plain HTTP (requests + lxml), psql, generators of valid Brazilian
identifiers, and the measured figures.

Rule to know: every test talks only to 127.0.0.1 and skips (never fails) when the
environment of a running server is absent. Figures are appended to
$WSATEND_TEST_FIGURES as "name: value" when they are measured, and printed in the
terminal summary (conftest.py), so they survive without `pytest -s`.
"""
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit  # noqa: F401 - also used by the tests

import pytest
import requests
from lxml import etree

NS = "http://wsatend.org/WSAtendimentoCadastroWeb/v1"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
PASSWORD_TEXT = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-username-token-profile-1.0#PasswordText")
XP = {"ws": NS, "soap": SOAP11, "soap12": SOAP12}

URL = os.environ.get("WSATEND_TEST_URL", "")
DSN = os.environ.get("WSATEND_TEST_DSN", "")
PGDIR = os.environ.get("WSATEND_TEST_PGDIR", "")
SERVER_PID = os.environ.get("WSATEND_TEST_SERVER_PID", "")
USER = os.environ.get("WSATEND_TEST_USUARIO", "integracao@demo")
PASSWORD = os.environ.get("WSATEND_TEST_SENHA", "")
OTHER_USER = "integracao@outra"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PGCLUSTER = os.path.join(ROOT, "tests", "harness", "pgcluster.sh")


def require(*names):
    """Skips the calling test unless every named environment variable is set."""
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        pytest.skip("needs a running server: %s not set (tests/run.sh sets them)" % ", ".join(missing))
    if URL and urlsplit(URL).hostname not in ("127.0.0.1", "localhost", "::1"):
        pytest.skip("system tests only talk to a local server, not %s" % URL)


def base_url():
    u = urlsplit(URL)
    return "%s://%s" % (u.scheme, u.netloc)


def host_port():
    u = urlsplit(URL)
    return u.hostname, u.port or 80


# ---- figures -------------------------------------------------------------------

FIGURES = []


def figure(name, value):
    """Records a measured figure: kept for the summary, appended to the file now."""
    text = ("%.2f" % value) if isinstance(value, float) else str(value)
    FIGURES.append((name, text))
    path = os.environ.get("WSATEND_TEST_FIGURES")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write("%s: %s\n" % (name, text))
    return text


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


# ---- generators (tests/lib/brgen.py, re-exported for the tests' ws.cpf() etc.) -------

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from brgen import cpf, mercosul, phone, plate, vin, xsd_time  # noqa: E402,F401


def msg_id():
    return str(uuid.uuid4())


def esc(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# ---- SOAP over HTTP ------------------------------------------------------------------

def envelope(body, user=None, password=None, soap12=False):
    env = SOAP12 if soap12 else SOAP11
    header = ""
    if user:
        header = ('<soap:Header><wsse:Security xmlns:wsse="%s" soap:mustUnderstand="%s">'
                  '<wsse:UsernameToken><wsse:Username>%s</wsse:Username>'
                  '<wsse:Password Type="%s">%s</wsse:Password></wsse:UsernameToken>'
                  '</wsse:Security></soap:Header>'
                  % (WSSE, "true" if soap12 else "1", esc(user), PASSWORD_TEXT, esc(password or "")))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s" xmlns:ws="%s">'
            '%s<soap:Body>%s</soap:Body></soap:Envelope>' % (env, NS, header, body)).encode("utf-8")


class Answer:
    """One SOAP answer: the HTTP response, its parsed document and helpers."""

    def __init__(self, resp, elapsed):
        self.resp = resp
        self.elapsed = elapsed
        self.raw = resp.content
        try:
            self.doc = etree.fromstring(resp.content)
        except etree.XMLSyntaxError:
            self.doc = None

    def __repr__(self):
        return "<HTTP %s in %.3fs: %s>" % (self.resp.status_code, self.elapsed,
                                            self.raw.decode("utf-8", "replace")[:1500])

    def all(self, xp):
        return [] if self.doc is None else self.doc.xpath(xp, namespaces=XP)

    def text(self, xp):
        found = self.all(xp)
        if not found:
            return None
        f = found[0]
        return f if isinstance(f, str) else (f.text or "")

    def texts(self, xp):
        return [f if isinstance(f, str) else (f.text or "") for f in self.all(xp)]

    @property
    def fault(self):
        return self.text("//ws:Falha/ws:Codigo")

    @property
    def status(self):
        return self.text("//ws:Resultado/ws:Status")

    @property
    def codes(self):
        return self.texts("//ws:Resultado/ws:Mensagem/ws:Codigo")

    def response_element(self):
        """The operation's response element (first child of Body), or None."""
        body = self.all("/*/soap:Body/*") or self.all("/*/soap12:Body/*")
        return body[0] if body else None


def post(body_bytes, content_type="text/xml; charset=utf-8", timeout=30, session=None, headers=None, **kw):
    h = {"Content-Type": content_type}
    h.update(headers or {})
    t = time.monotonic()
    resp = (session or requests).post(URL, data=body_bytes, headers=h, timeout=timeout, **kw)
    return Answer(resp, time.monotonic() - t)


def call(body, user=USER, password=None, soap12=False, timeout=30, session=None, headers=None):
    """Sends one operation element (with prefix ws) as user (None: no credentials)."""
    if password is None:
        password = PASSWORD
    ctype = "application/soap+xml; charset=utf-8" if soap12 else "text/xml; charset=utf-8"
    return post(envelope(body, user, password, soap12), ctype, timeout, session, headers)


def header(idmsg=None, empresa="01", dry_run=False):
    parts = []
    if idmsg:
        parts.append("<ws:IdMensagem>%s</ws:IdMensagem>" % idmsg)
    if empresa:
        parts.append("<ws:Empresa>%s</ws:Empresa>" % empresa)
    if dry_run:
        parts.append("<ws:SomenteValidar>true</ws:SomenteValidar>")
    return "<ws:Cabecalho>%s</ws:Cabecalho>" % "".join(parts)


def ok(answer, what=""):
    """Asserts a Sucesso/SucessoComAvisos answer and returns it."""
    assert answer.fault is None and answer.status in ("Sucesso", "SucessoComAvisos"), \
        "%s: expected success, got %r" % (what, answer)
    return answer


def canonical(element, drop=("IdRequisicao", "Reprocessado")):
    """Exclusive C14N of a response element without the per-request fields, for
    comparisons (unused namespace declarations do not count)."""
    e = etree.fromstring(etree.tostring(element))
    for name in drop:
        for n in list(e.iter("{%s}%s" % (NS, name))):
            n.getparent().remove(n)
    etree.cleanup_namespaces(e)
    return etree.tostring(e, method="c14n", exclusive=True)


# ---- domain helpers: the requests most tests need ----------------------------------------

def pessoa_xml(document, name, extra=""):
    return ("<ws:Pessoa><ws:Documento>%s</ws:Documento><ws:Nome>%s</ws:Nome>"
            "<ws:Telefone><ws:Numero>%s</ws:Numero><ws:WhatsApp>true</ws:WhatsApp></ws:Telefone>%s"
            "</ws:Pessoa>" % (document, esc(name), phone(), extra))


def incluir_pessoa(user=USER, document=None, name=None, idmsg=None, dry_run=False):
    document = document or cpf()
    body = "<ws:IncluirPessoa>%s%s</ws:IncluirPessoa>" % (
        header(idmsg or msg_id(), dry_run=dry_run), pessoa_xml(document, name or "Pessoa Teste " + document))
    return call(body, user=user)


def incluir_veiculo(owner_id, user=USER, p=None, v=None, idmsg=None):
    body = ("<ws:IncluirVeiculo>%s<ws:Veiculo><ws:Placa>%s</ws:Placa><ws:Chassi>%s</ws:Chassi>"
            "<ws:Marca>Fiat</ws:Marca><ws:Modelo>Argo</ws:Modelo><ws:AnoFabricacao>2022</ws:AnoFabricacao>"
            "<ws:AnoModelo>2023</ws:AnoModelo><ws:Quilometragem>12000</ws:Quilometragem>"
            "<ws:IdProprietario>%s</ws:IdProprietario></ws:Veiculo></ws:IncluirVeiculo>"
            % (header(idmsg or msg_id()), p or plate(), v or vin(), owner_id))
    return call(body, user=user)


def incluir_atendimento(person_id, user=USER, vehicle_id=None, natureza="VENDA_NOVO", idmsg=None):
    veh = "<ws:IdVeiculo>%s</ws:IdVeiculo>" % vehicle_id if vehicle_id else ""
    body = ("<ws:IncluirAtendimento>%s<ws:Atendimento><ws:IdPessoa>%s</ws:IdPessoa>"
            "<ws:Natureza>%s</ws:Natureza><ws:Origem>SITE</ws:Origem><ws:Canal>TELEFONE</ws:Canal>"
            "<ws:Descricao>Cliente quer um carro novo</ws:Descricao>%s</ws:Atendimento></ws:IncluirAtendimento>"
            % (header(idmsg or msg_id()), person_id, natureza, veh))
    return call(body, user=user)


# ---- the database -------------------------------------------------------------------------

def psql(query, dsn=None, timeout=30):
    out = subprocess.run(["psql", dsn or DSN, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", query],
                         capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise AssertionError("sql failed: %s\n%s" % (query, out.stderr))
    return out.stdout.strip()


def tenant_id(code):
    return psql("SELECT tenant_id FROM tenant WHERE code = '%s'" % code.replace("'", ""))


def pgcluster(verb, *args, timeout=120):
    out = subprocess.run([PGCLUSTER, verb, PGDIR] + list(args), capture_output=True, text=True,
                         timeout=timeout)
    return out.returncode, out.stdout + out.stderr


def pg_port():
    with open(os.path.join(PGDIR, "port")) as f:
        return f.read().strip()


def server_alive():
    if not SERVER_PID:
        return True
    try:
        os.kill(int(SERVER_PID), 0)
        return True
    except OSError:
        return False


def server_rss_kib():
    """VmRSS of the server in KiB, or None when unknown."""
    try:
        with open("/proc/%s/status" % SERVER_PID) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(re.findall(r"\d+", line)[0])
    except (OSError, ValueError, IndexError):
        return None
    return None


def wait_ready(timeout=30.0):
    """Waits until /readyz answers 200; returns the seconds waited (or None)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            if requests.get(base_url() + "/readyz", timeout=5).status_code == 200:
                return time.monotonic() - t0
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return None


def terminal_summary(terminalreporter):
    """The pytest_terminal_summary of every suite using these helpers: the figures
    measured, printed once however many suites ran."""
    global _summary_printed
    if not FIGURES or _summary_printed:
        return
    _summary_printed = True
    terminalreporter.section("figures measured")
    for name, value in FIGURES:
        terminalreporter.write_line("%s: %s" % (name, value))


_summary_printed = False


def concurrently(n, send, join_timeout=60):
    """Runs send(session) from n threads released together by a barrier, each on its
    own connection (so a balancer or the server's poller sees n clients). Returns the
    answers in thread order; an exception in any thread fails the test here."""
    barrier = threading.Barrier(n)
    answers, errors = [None] * n, []

    def worker(i):
        with requests.Session() as s:
            try:
                barrier.wait(timeout=10)
                answers[i] = send(s)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(join_timeout)
    assert not errors, errors
    return answers
