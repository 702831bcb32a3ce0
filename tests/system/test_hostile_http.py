# SPDX-License-Identifier: GPL-2.0-or-later
"""test_hostile_http.py - hostile input the case format cannot express, and the
hostile corpus measured as a whole.

The corpus (tests/cases/hostile, written by tests/hostile/make_corpus.py) checks each
answer; here the same inputs are replayed for figures - worst answer time, server
memory before and after, crashes - and the transport-level attacks are tried: a huge
query string and header, a gzip bomb, a body over the size limit, bodies that end
before their XML does, and slow clients holding partial requests while a Ping must
still be served quickly.

Rule to know: every request here has a client timeout, so a server that hangs makes
a test fail in bounded time instead of stalling the run.
"""
import gzip
import re
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

import wsatend_sys as ws

CORPUS = Path(ws.ROOT) / "tests" / "cases" / "hostile"
ANSWER_LIMIT_S = 5.0


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL")


def still_serves(what):
    a = ws.call("<ws:Ping><ws:Texto>vivo</ws:Texto></ws:Ping>", user=None, timeout=10)
    assert a.text("//ws:Eco") == "vivo", "after %s the server no longer serves: %r" % (what, a)
    assert ws.server_alive(), "after %s the server process is gone" % what


def raw_exchange(payload, timeout=ANSWER_LIMIT_S + 5, shutdown_write=False):
    """Sends bytes on a new connection; returns (status line or None, bytes, seconds).
    None means the server closed or reset without an HTTP answer (or timed out)."""
    host, port = ws.host_port()
    t = time.monotonic()
    s = socket.create_connection((host, port), timeout=timeout)
    data = b""
    try:
        try:
            s.sendall(payload)
            if shutdown_write:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data:
                head = data.split(b"\r\n\r\n", 1)[0]
                m = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if m and len(data) >= len(head) + 4 + int(m.group(1)):
                    break
    finally:
        s.close()
    status = data.split(b"\r\n", 1)[0].decode("latin-1") if data else None
    return status, data, time.monotonic() - t


def http_post(body, extra_headers=b""):
    host, port = ws.host_port()
    path = ws.urlsplit(ws.URL).path
    return (b"POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: text/xml; charset=utf-8\r\n%s"
            b"Content-Length: %d\r\n\r\n" % (path.encode(), host.encode(), port, extra_headers, len(body))) + body


def falha_code(data):
    m = re.search(rb"<ws:Codigo>([A-Z_]+)</ws:Codigo>", data)
    return m.group(1).decode() if m else None


# ---- transport-level attacks -------------------------------------------------------

def test_huge_query_string_is_refused_quickly():
    t = time.monotonic()
    r = requests.get(ws.URL + "?" + "a" * 100000, timeout=ANSWER_LIMIT_S + 5)
    elapsed = time.monotonic() - t
    ws.figure("hostile_get_100k_query_ms", elapsed * 1000)
    assert r.status_code in (400, 404, 414, 431), r.status_code
    assert elapsed < ANSWER_LIMIT_S
    still_serves("a 100 KB query string")


def test_huge_header_is_refused_quickly():
    host, port = ws.host_port()
    req = (b"GET /livez HTTP/1.1\r\nHost: %s:%d\r\nX-Lixo: %s\r\n\r\n" % (host.encode(), port, b"b" * 200000))
    status, _, elapsed = raw_exchange(req)
    ws.figure("hostile_200k_header_ms", elapsed * 1000)
    assert elapsed < ANSWER_LIMIT_S, "a 200 KB header took %.1fs" % elapsed
    assert status is None or not status.split()[1].startswith("2"), status
    still_serves("a 200 KB header")


def test_gzip_bomb_is_bounded():
    inner = ws.envelope("<ws:Ping><ws:Texto>x</ws:Texto></ws:Ping>").replace(
        b"<soap:Body>", b"<soap:Header>" + b" " * (64 * 1024 * 1024) + b"</soap:Header><soap:Body>")
    bomb = gzip.compress(inner, 9)
    rss0 = ws.server_rss_kib()
    status, data, elapsed = raw_exchange(http_post(bomb, b"Content-Encoding: gzip\r\n"))
    rss1 = ws.server_rss_kib()
    ws.figure("hostile_gzip_bomb_ratio", "%d KiB -> %d MiB" % (len(bomb) // 1024, len(inner) >> 20))
    ws.figure("hostile_gzip_bomb_ms", elapsed * 1000)
    if rss0 and rss1:
        ws.figure("hostile_gzip_bomb_rss_growth_kib", rss1 - rss0)
        assert rss1 - rss0 < 128 * 1024, "RSS grew %d KiB" % (rss1 - rss0)
    still_serves("a gzip bomb")
    assert elapsed < ANSWER_LIMIT_S, "the bomb took %.1fs" % elapsed
    assert status is not None, "no answer to a gzip bomb: the connection was dropped without a fault"
    assert falha_code(data) == "ESTRUTURA_INVALIDA", data[:600]


def test_body_over_the_size_limit_gets_a_fault():
    body = ws.envelope("<ws:Ping><ws:Texto>x</ws:Texto></ws:Ping>").replace(
        b"<soap:Body>", b"<soap:Header>" + b" " * (5 * 1024 * 1024) + b"</soap:Header><soap:Body>")
    status, data, elapsed = raw_exchange(http_post(body))
    ws.figure("hostile_5mib_body_ms", elapsed * 1000)
    still_serves("a 5 MiB body")
    assert elapsed < ANSWER_LIMIT_S
    assert status is not None, "no answer to a body over max_message_kb: connection dropped without a fault"
    assert falha_code(data) == "ESTRUTURA_INVALIDA", data[:600]


INCOMPLETE = [
    ("truncated-envelope", ws.envelope("<ws:Ping><ws:Texto>abc</ws:Texto></ws:Ping>")[:-60]),
    ("not-xml", b"isto nao e XML"),
    ("element-not-envelope", b"<nao-e-soap/>"),
    ("only-declaration", b'<?xml version="1.0" encoding="UTF-8"?>'),
]


@pytest.mark.parametrize("name,body", INCOMPLETE, ids=[n for n, _ in INCOMPLETE])
def test_a_complete_request_whose_xml_ends_early_is_answered_at_once(name, body):
    """The HTTP message is complete (Content-Length is right); only the XML is cut.
    Waiting for more bytes cannot help: the answer must come now, as a fault."""
    status, data, elapsed = raw_exchange(http_post(body), timeout=3)
    ws.figure("hostile_incomplete_xml_%s_ms" % name, elapsed * 1000)
    still_serves(name)
    assert elapsed < 2.0, "%s: the answer took %.1fs (the worker waited for bytes that never come)" % (name, elapsed)
    assert status is not None, "%s: connection closed without an answer" % name
    assert falha_code(data) == "ESTRUTURA_INVALIDA", data[:600]


def test_slow_clients_do_not_starve_the_workers():
    """Clients that send a request head and part of the body, then nothing: however
    many they are, a Ping from someone else is served quickly."""
    n = 32
    held = []
    host, port = ws.host_port()
    path = ws.urlsplit(ws.URL).path
    try:
        for _ in range(n):
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(b"POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: text/xml\r\nContent-Length: 4000\r\n\r\n"
                      b"<?xml version='1.0'?><soap:Envelope" % (path.encode(), host.encode(), port))
            held.append(s)
        for _ in range(n // 2):         # and half as many that never finish their header
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(b"POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Ty" % (path.encode(), host.encode(), port))
            held.append(s)
        time.sleep(0.3)
        t = time.monotonic()
        try:
            a = ws.call("<ws:Ping><ws:Texto>sob ataque</ws:Texto></ws:Ping>", user=None, timeout=5)
            answered = a.text("//ws:Eco") == "sob ataque"
        except requests.RequestException:
            answered = False
        elapsed = time.monotonic() - t
        ws.figure("hostile_ping_during_%d_slow_clients_ms" % len(held),
                  elapsed * 1000 if answered else "none within 5 s")
    finally:
        for s in held:
            s.close()
    still_serves("slow clients")
    assert answered and elapsed < 2.0, \
        "with %d slow clients a Ping took %.1fs (workers blocked on partial requests)" % (len(held), elapsed)


# ---- the corpus, measured ----------------------------------------------------------------

def corpus_inputs():
    out = []
    for d in sorted(CORPUS.glob("*")):
        x, e = d / "01.xml", d / "01.expect"
        if x.exists() and e.exists() and "raw" in e.read_text(encoding="utf-8").split():
            out.append(d)
    return out


def test_corpus_replayed_for_figures():
    inputs = corpus_inputs()
    if not inputs:
        pytest.skip("no hostile corpus (run tests/hostile/make_corpus.py)")
    ws.require("WSATEND_TEST_SENHA")
    rss0 = ws.server_rss_kib()
    worst, worst_name, no_answer, crashes = 0.0, "", [], 0
    for d in inputs:
        body = (d / "01.xml").read_bytes()
        if b"{{" in body:
            body = re.sub(rb"\{\{MSG:[^}]*\}\}", str(uuid.uuid4()).encode(), body)
        expect = (d / "01.expect").read_text(encoding="utf-8")
        ctype = re.search(r"^content-type (.+)$", expect, re.M)
        auth = (ws.USER, ws.PASSWORD) if re.search(r"^auth basic$", expect, re.M) else None
        t = time.monotonic()
        try:
            r = requests.post(ws.URL, data=body, auth=auth, timeout=ANSWER_LIMIT_S,
                              headers={"Content-Type": ctype.group(1) if ctype else "text/xml; charset=utf-8"})
            answered = bool(r.content)
        except requests.RequestException:
            answered = False
        elapsed = time.monotonic() - t
        if elapsed > worst:
            worst, worst_name = elapsed, d.name
        if not answered:
            no_answer.append(d.name)
        if not ws.server_alive():
            crashes += 1
            break
    rss1 = ws.server_rss_kib()
    ws.figure("hostile_corpus_inputs", len(inputs))
    ws.figure("hostile_corpus_worst_ms", "%.1f (%s)" % (worst * 1000, worst_name))
    ws.figure("hostile_corpus_unanswered", " ".join([str(len(no_answer))] + no_answer))
    ws.figure("hostile_corpus_crashes", crashes)
    if rss0 and rss1:
        ws.figure("hostile_corpus_server_rss_kib", "%d -> %d" % (rss0, rss1))
    assert crashes == 0, "the server died during the corpus"
    still_serves("the hostile corpus")
    assert not no_answer, "inputs left without an answer: %s" % no_answer
    assert worst < ANSWER_LIMIT_S, "worst answer %.1fs (%s)" % (worst, worst_name)


def test_concurrent_hostile_and_normal_traffic():
    """Hostile inputs from several threads while normal requests keep being answered."""
    inputs = [(d / "01.xml").read_bytes() for d in corpus_inputs()]
    inputs = [b for b in inputs if b"{{" not in b]
    if not inputs:
        pytest.skip("no hostile corpus")
    stop = threading.Event()
    errors = []

    def attacker(k):
        i = k
        while not stop.is_set():
            try:
                requests.post(ws.URL, data=inputs[i % len(inputs)], timeout=3,
                              headers={"Content-Type": "text/xml; charset=utf-8"})
            except requests.RequestException:
                pass
            i += 4

    threads = [threading.Thread(target=attacker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    lat = []
    began = time.monotonic()
    try:
        for i in range(40):
            if time.monotonic() - began > 15:
                errors.append("only %d Pings answered in 15 s" % i)
                break
            t0 = time.monotonic()
            try:
                a = ws.call("<ws:Ping><ws:Texto>n%d</ws:Texto></ws:Ping>" % i, user=None, timeout=5)
                if a.text("//ws:Eco") != "n%d" % i:
                    errors.append(repr(a)[:200])
            except requests.RequestException as e:
                errors.append(repr(e)[:200])
            lat.append((time.monotonic() - t0) * 1000)
    finally:
        stop.set()
        for t in threads:
            t.join(15)
    ws.figure("hostile_mixed_ping_p50_ms", ws.percentile(lat, 50))
    ws.figure("hostile_mixed_ping_p95_ms", ws.percentile(lat, 95))
    still_serves("mixed hostile traffic")
    assert not errors, errors[:3]
    assert ws.percentile(lat, 95) < 2000, "p95 %.0f ms under hostile traffic" % ws.percentile(lat, 95)


def test_faults_on_other_connections_never_drop_mine():
    """Requests that end in a fault or a 404 close their connection; that must never
    close someone else's. (A descriptor closed twice - once by the SOAP runtime, once
    by the connection table - is reused by the next accept() in between, and the
    second close() drops an innocent client: 'connection reset by peer'.)"""
    stop = threading.Event()
    fault_body = ws.envelope("<ws:OperacaoInexistente/>")

    def closer(k):
        while not stop.is_set():
            try:
                if k % 2:
                    requests.get(ws.base_url() + "/nao-existe", timeout=3)
                else:
                    requests.post(ws.URL, data=fault_body, timeout=3,
                                  headers={"Content-Type": "text/xml; charset=utf-8"})
            except requests.RequestException:
                pass

    threads = [threading.Thread(target=closer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    sent, dropped, examples = 0, 0, []
    began = time.monotonic()
    try:
        while sent < 600 and time.monotonic() - began < 8:
            sent += 1
            try:
                a = ws.call("<ws:Ping><ws:Texto>meu</ws:Texto></ws:Ping>", user=None, timeout=5)
                if a.text("//ws:Eco") != "meu":
                    dropped += 1
                    examples.append("HTTP %s: %s" % (a.resp.status_code, a.raw[-600:].decode("utf-8", "replace")))
            except requests.RequestException as e:
                dropped += 1
                examples.append(repr(e)[:120])
    finally:
        stop.set()
        for t in threads:
            t.join(10)
    ws.figure("hostile_innocent_requests_dropped", "%d of %d" % (dropped, sent))
    still_serves("fault traffic")
    assert dropped == 0, "%d of %d normal requests dropped while other connections got faults: %s" % (
        dropped, sent, examples[:2])
