# SPDX-License-Identifier: GPL-2.0-or-later
"""test_keepalive.py - idle keep-alive connections must not hold workers.

gSOAP pins a worker to a connection while it waits for the next request; with a
handful of idle keep-alive clients every worker would be asleep on a socket and the
next caller would wait for recv_timeout. The server hands idle connections back to its
poller instead. Measured here: the latency of 50 sequential Pings on a fresh connection
before (baseline) and while 200 other HTTP/1.1 connections sit idle after one Ping
each; p95 must stay under 200 ms, and the 200 must still be usable afterwards.
"""
import socket
import time

import wsatend_sys as ws

IDLE = 200
SAMPLES = 50
P95_LIMIT_MS = 200.0


def ping_request(path, host, text):
    body = ws.envelope("<ws:Ping><ws:Texto>%s</ws:Texto></ws:Ping>" % text)
    head = ("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml; charset=utf-8\r\n"
            "Content-Length: %d\r\n\r\n" % (path, host, len(body))).encode()
    return head + body


def read_response(sock):
    """Reads one HTTP response (Content-Length or chunked); returns (status, body)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the response header (%r)" % buf[:200])
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    if "content-length" in headers:
        n = int(headers["content-length"])
        while len(rest) < n:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed in the body")
            rest += chunk
        return status, rest[:n], headers
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while not rest.endswith(b"0\r\n\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, rest, headers
    raise AssertionError("response without length: %r" % head)


def ping_on(sock, path, host, text="k"):
    sock.sendall(ping_request(path, host, text))
    status, body, headers = read_response(sock)
    assert status == 200 and b"<ws:Eco>%s</ws:Eco>" % text.encode() in body, (status, body[:300])
    assert headers.get("connection", "").lower() != "close", "the server closed a keep-alive connection"


def connect():
    host, port = ws.host_port()
    s = socket.create_connection((host, port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def latencies(path, host):
    s = connect()
    try:
        out = []
        for i in range(SAMPLES):
            t = time.perf_counter()
            ping_on(s, path, host, "s%d" % i)
            out.append((time.perf_counter() - t) * 1000)
        return out
    finally:
        s.close()


def test_200_idle_keepalive_connections_do_not_slow_others():
    ws.require("WSATEND_TEST_URL")
    host, port = ws.host_port()
    path = ws.urlsplit(ws.URL).path
    hostname = "%s:%d" % (host, port)

    base = latencies(path, hostname)
    b50, b95 = ws.percentile(base, 50), ws.percentile(base, 95)
    ws.figure("keepalive_baseline_p50_ms", b50)
    ws.figure("keepalive_baseline_p95_ms", b95)

    idle = []
    try:
        t0 = time.monotonic()
        for i in range(IDLE):
            s = connect()
            idle.append(s)
            ping_on(s, path, hostname, "i%d" % i)
        ws.figure("keepalive_open_200_ms", (time.monotonic() - t0) * 1000)

        loaded = latencies(path, hostname)
        l50, l95 = ws.percentile(loaded, 50), ws.percentile(loaded, 95)
        ws.figure("keepalive_with_200_idle_p50_ms", l50)
        ws.figure("keepalive_with_200_idle_p95_ms", l95)
        ws.figure("keepalive_with_200_idle_max_ms", max(loaded))

        # The idle ones are still open and served (keep-alive kept, not dropped).
        still = 0
        for i, s in enumerate(idle):
            try:
                ping_on(s, path, hostname, "again%d" % i)
                still += 1
            except (OSError, AssertionError):
                pass
        ws.figure("keepalive_idle_still_served", still)
        assert l95 < P95_LIMIT_MS, ("p95 %.1f ms with %d idle connections (baseline p50 %.1f p95 %.1f, "
                                    "loaded p50 %.1f)" % (l95, IDLE, b50, b95, l50))
        assert still == IDLE, "only %d of %d idle keep-alive connections were still served" % (still, IDLE)
    finally:
        for s in idle:
            s.close()
    assert ws.server_alive()
