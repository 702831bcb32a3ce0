# SPDX-License-Identifier: GPL-2.0-or-later
"""test_lifecycle.py - what the server shows besides operations: the contract served
verbatim, the help page, health endpoints, headers, request ids and the request log.

Rule to know: the log file is read only when it exists (tests/run.sh sends the
server's stderr to build/check/server.log; WSATEND_TEST_SERVER_LOG overrides), and
it must never hold a password, whatever the request sent.
"""
import base64
import http.client
import json
import os
import time
import uuid
from pathlib import Path

import pytest
import requests

import wsatend_sys as ws

WSDL_DIR = Path(ws.ROOT) / "wsdl"


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL")


def get(path_or_url, **kw):
    url = path_or_url if path_or_url.startswith("http") else ws.base_url() + path_or_url
    return requests.get(url, timeout=10, **kw)


def test_wsdl_is_served_byte_for_byte():
    r = get(ws.URL + "?wsdl")
    assert r.status_code == 200
    assert r.content == (WSDL_DIR / "WSAtendimentoCadastroWeb.wsdl").read_bytes()
    assert r.headers["Content-Type"].startswith("text/xml")


@pytest.mark.parametrize("xsd", sorted(p.name for p in (WSDL_DIR / "xsd").glob("*.xsd")))
def test_schemas_are_served_byte_for_byte(xsd):
    r = get("/xsd/" + xsd)
    assert r.status_code == 200, xsd
    assert r.content == (WSDL_DIR / "xsd" / xsd).read_bytes(), xsd


def test_help_page_lists_every_operation():
    r = get(ws.URL)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    ops = ws.etree.fromstring((WSDL_DIR / "WSAtendimentoCadastroWeb.wsdl").read_bytes()).xpath(
        "/wsdl:definitions/wsdl:portType/wsdl:operation/@name",
        namespaces={"wsdl": "http://schemas.xmlsoap.org/wsdl/"})
    assert len(ops) >= 26, ops  # the 25 of the foundation and ObterAlteracoes
    missing = [op for op in ops if ('id="%s"' % op) not in r.text]
    assert not missing, "help page lacks %s" % missing


@pytest.mark.parametrize("path", ["/nada", "/xsd/../WSAtendimentoCadastroWeb.wsdl", "/xsd/..%2f..%2fetc%2fpasswd",
                                  "/xsd/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/xsd/"])
def test_unknown_paths_are_404_and_read_no_file(path):
    # http.client sends the path as written (requests would remove the dot segments).
    host, port = ws.host_port()
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
    finally:
        conn.close()
    assert r.status == 404, (path, r.status)
    assert b"root:" not in body and b"wsdl:definitions" not in body


def test_health_endpoints():
    assert get("/livez").status_code == 200
    assert get("/readyz").status_code == 200


def test_no_server_product_header():
    answers = [get(ws.URL + "?wsdl"), get("/livez"), get("/nada"),
               ws.call("<ws:Ping/>", user=None).resp,
               ws.call("<ws:OperacaoInexistente/>", user=None).resp,
               ws.call("<ws:ListarOrigensContato><ws:Cabecalho/></ws:ListarOrigensContato>", user=None).resp]
    for r in answers:
        server = r.headers.get("Server", "")
        assert "gsoap" not in server.lower(), "Server header %r on %s" % (server, r.url)


def test_request_id_echoed_and_generated():
    rid = "teste-" + uuid.uuid4().hex
    a = ws.call("<ws:Ping><ws:Texto>id</ws:Texto></ws:Ping>", user=None, headers={"X-Request-ID": rid})
    assert a.resp.headers.get("X-Request-ID") == rid
    assert a.text("//ws:Resultado/ws:IdRequisicao") == rid
    b = ws.call("<ws:Ping><ws:Texto>id</ws:Texto></ws:Ping>", user=None)
    gen = b.resp.headers.get("X-Request-ID")
    assert gen and gen != rid and b.text("//ws:Resultado/ws:IdRequisicao") == gen
    # A fault carries it in Falha/IdRequisicao too.
    f = ws.call("<ws:ListarOrigensContato><ws:Cabecalho/></ws:ListarOrigensContato>", user=None,
                headers={"X-Request-ID": rid + "-f"})
    assert f.fault == "NAO_AUTENTICADO"
    assert f.text("//ws:Falha/ws:IdRequisicao") == rid + "-f" == f.resp.headers.get("X-Request-ID")
    # An unusable id (spaces, control characters, too long) is replaced, not echoed.
    for bad in ("com espaço", "x" * 200, "a\tb"):
        c = ws.call("<ws:Ping/>", user=None, headers={"X-Request-ID": bad})
        assert c.resp.headers.get("X-Request-ID") not in (None, bad)


def server_log():
    for p in (os.environ.get("WSATEND_TEST_SERVER_LOG"), os.path.join(ws.ROOT, "build", "check", "server.log")):
        if p and os.path.exists(p):
            return p
    return None


def log_lines_for(path, rid, timeout=3.0):
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        with open(path, encoding="utf-8", errors="replace") as f:
            hits = [line for line in f if rid in line]
        if hits:
            return hits
        time.sleep(0.05)
    return []


def test_one_json_log_line_per_request_without_passwords():
    path = server_log()
    if not path:
        pytest.skip("server log not found (tests/run.sh writes build/check/server.log)")
    ws.require("WSATEND_TEST_SENHA")
    secret = "senha-secreta-" + uuid.uuid4().hex[:12]
    cases = [("ok", ws.USER, ws.PASSWORD, "ListarOrigensContato"),
             ("wrong", ws.USER, secret, "ListarOrigensContato")]
    for tag, user, password, op in cases:
        rid = "log-%s-%s" % (tag, uuid.uuid4().hex)
        ws.call("<ws:%s><ws:Cabecalho/></ws:%s>" % (op, op), user=user, password=password,
                headers={"X-Request-ID": rid})
        lines = log_lines_for(path, rid)
        assert len(lines) == 1, "%d log lines for request %s" % (len(lines), rid)
        entry = json.loads(lines[0])
        assert entry["request_id"] == rid and entry["operation"] == op
        assert "duration_ms" in entry and "http_status" in entry and "ts" in entry
        if tag == "wrong":
            assert entry.get("fault_code") == "NAO_AUTENTICADO", entry
    # HTTP Basic: neither the password nor the Authorization value is logged.
    rid = "log-basic-" + uuid.uuid4().hex
    basic_secret = "basic-" + uuid.uuid4().hex[:12]
    requests.post(ws.URL, data=ws.envelope("<ws:ListarOrigensContato><ws:Cabecalho/></ws:ListarOrigensContato>"),
                  headers={"Content-Type": "text/xml; charset=utf-8", "X-Request-ID": rid},
                  auth=(ws.USER, basic_secret), timeout=10)
    assert len(log_lines_for(path, rid)) == 1
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    token = base64.b64encode(("%s:%s" % (ws.USER, basic_secret)).encode()).decode()
    for s in (secret, basic_secret, token, ws.PASSWORD):
        assert s not in text, "the server log contains a password or credential (%s...)" % s[:6]
    bad = []
    for line in text.splitlines():
        try:
            json.loads(line)
        except ValueError:
            bad.append(line)
    assert not bad, "%d log lines are not JSON, e.g. %r" % (len(bad), bad[:3])
