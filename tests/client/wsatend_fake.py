# SPDX-License-Identifier: GPL-2.0-or-later
"""wsatend_fake.py - a tiny HTTP server that records what bin/wsatend posts and answers
a canned SOAP response, so the client's wire format, output formats and exit codes can
be tested without the real server (tests/client/test_client_offline.py).

The canned answers follow wsdl/xsd/comum.xsd (Resultado, Falha); they are deliberately
hand-written, not produced by the server, so a server bug cannot hide a client bug.
"""
import http.server
import socket
import threading

NS = "http://wsatend.org/WSAtendimentoCadastroWeb/v1"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"


def envelope(body_xml):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<soap:Envelope xmlns:soap="{SOAP11}" xmlns:ws="{NS}">'
            f"<soap:Body>{body_xml}</soap:Body></soap:Envelope>").encode()


def resultado(status="Sucesso", mensagens=(), reprocessado=False):
    msgs = "".join(
        f"<ws:Mensagem><ws:Codigo>{c}</ws:Codigo><ws:Severidade>{s}</ws:Severidade>"
        + (f"<ws:Campo>{campo}</ws:Campo>" if campo else "")
        + f"<ws:Texto>{t}</ws:Texto><ws:Retentavel>false</ws:Retentavel></ws:Mensagem>"
        for c, s, campo, t in mensagens)
    return (f"<ws:Resultado><ws:Status>{status}</ws:Status>{msgs}"
            f"<ws:Reprocessado>{'true' if reprocessado else 'false'}</ws:Reprocessado>"
            "<ws:IdRequisicao>req-1</ws:IdRequisicao></ws:Resultado>")


def ping_response(status="Sucesso", mensagens=(), eco="eco"):
    return envelope(f"<ws:PingResponse>{resultado(status, mensagens)}<ws:Eco>{eco}</ws:Eco>"
                    "<ws:DataHoraServidor>2026-11-22T14:30:00-03:00</ws:DataHoraServidor>"
                    "</ws:PingResponse>")


def fault(faultcode="soap:Client", codigo=None, texto="falhou", retentavel=False):
    detail = ""
    if codigo:
        detail = (f"<detail><ws:Falha><ws:Codigo>{codigo}</ws:Codigo><ws:Texto>{texto}</ws:Texto>"
                  f"<ws:Retentavel>{'true' if retentavel else 'false'}</ws:Retentavel>"
                  "<ws:IdRequisicao>req-f</ws:IdRequisicao></ws:Falha></detail>")
    return envelope(f"<soap:Fault><faultcode>{faultcode}</faultcode>"
                    f"<faultstring>{texto}</faultstring>{detail}</soap:Fault>")


class FakeSoapServer:
    """Context manager: `with FakeSoapServer() as srv: srv.reply(status, body)`.

    srv.url is the endpoint; srv.requests holds (headers dict, body bytes) per POST.
    srv.respond_with(fn) answers each request with fn(body bytes) -> (status, body)
    instead (an answer that depends on the request, as a bulk call's per-record one).
    """

    def __init__(self):
        self.requests = []
        self._status = 200
        self._body = ping_response()
        self._ctype = "text/xml; charset=utf-8"
        self._responder = None
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(n)
                with outer._lock:
                    outer.requests.append(({k.lower(): v for k, v in self.headers.items()}, raw))
                status, body = outer._status, outer._body
                if outer._responder:
                    status, body = outer._responder(raw)
                self.send_response(status)
                self.send_header("Content-Type", outer._ctype)
                self.send_header("X-Request-ID", "fake-req")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/WSAtendimentoCadastroWeb"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def reply(self, status, body, ctype="text/xml; charset=utf-8"):
        self._status, self._body, self._ctype = status, body, ctype

    def respond_with(self, fn):
        self._responder = fn

    @property
    def last(self):
        return self.requests[-1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()


def free_port():
    """A local port with nothing listening (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
