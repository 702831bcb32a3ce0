# SPDX-License-Identifier: GPL-2.0-or-later
"""run_cases.py - request/response cases as data files, against the real server.

A case is a folder tests/cases/<area>/<case>/ with numbered steps: NN.xml (the
operation element, or with `raw` the whole HTTP body) and NN.expect (directives and
assertions, one per line; see tests/cases/README.md). Adding a test adds files, not
code. Run with /usr/bin/python3 -m pytest tests/cases/run_cases.py, with
WSATEND_TEST_URL and WSATEND_TEST_DSN set (tests/run.sh does it).
"""
import datetime
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
import brgen  # noqa: E402

NS = "http://wsatend.org/WSAtendimentoCadastroWeb/v1"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
PASSWORD_TEXT = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-username-token-profile-1.0#PasswordText")
XPATH_NS = {"ws": NS, "soap": SOAP11, "soap12": SOAP12}

HERE = Path(__file__).resolve().parent
URL = os.environ.get("WSATEND_TEST_URL", "")
DSN = os.environ.get("WSATEND_TEST_DSN", "")
PASSWORD = os.environ.get("WSATEND_DEMO_PASSWORD", "demo-senha-123")
SESSION = requests.Session()


# ---- the database, for tenant ids and `sql` checks --------------------------

def psql(query):
    out = subprocess.run(["psql", DSN, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", query],
                         capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        raise AssertionError("sql failed: %s\n%s" % (query, out.stderr))
    return out.stdout.strip()


class Context:
    """Placeholder values of one case run."""

    def __init__(self):
        self.values = {}

    def _value(self, kind, name):
        key = kind + ":" + name
        if key not in self.values:
            if kind == "MSG":
                self.values[key] = str(uuid.uuid4())
            elif kind == "CPF":
                self.values[key] = brgen.cpf()
            elif kind == "CPFMASK":
                c = self._value("CPF", name)
                self.values[key] = "%s.%s.%s-%s" % (c[:3], c[3:6], c[6:9], c[9:])
            elif kind == "CNPJ":
                self.values[key] = brgen.cnpj()
            elif kind == "PLATE":
                self.values[key] = brgen.plate()
            elif kind == "MERCOSUL":
                self.values[key] = brgen.mercosul(self._value("PLATE", name))
            elif kind == "VIN":
                self.values[key] = brgen.vin()
            elif kind == "PHONE":
                self.values[key] = brgen.phone()
            elif kind == "WORKDAY":
                # the N-th Monday-to-Friday after today (N >= 1), for workshop slots
                day, left = datetime.date.today(), int(name)
                while left:
                    day += datetime.timedelta(days=1)
                    left -= day.weekday() < 5
                self.values[key] = day.isoformat()
            elif kind == "TENANT":
                self.values[key] = psql("SELECT tenant_id FROM tenant WHERE code = '%s'" % name.replace("'", ""))
            else:
                raise AssertionError("unknown placeholder {{%s}}" % key)
        return self.values[key]

    def expand(self, text):
        def sub(m):
            token = m.group(1)
            if token.startswith("NOW"):
                return brgen.xsd_time(int(token[3:] or "0"))
            if ":" in token:
                kind, name = token.split(":", 1)
                return self._value(kind, name)
            if token in self.values:
                return self.values[token]
            raise AssertionError("unknown placeholder {{%s}}" % token)
        return re.sub(r"\{\{([^}]+)\}\}", sub, text)


# ---- one step -------------------------------------------------------------

def envelope(body, user, password, soap12):
    env = SOAP12 if soap12 else SOAP11
    header = ""
    if user != "none":
        header = ('<soap:Header><wsse:Security xmlns:wsse="%s" soap:mustUnderstand="%s">'
                  '<wsse:UsernameToken><wsse:Username>%s</wsse:Username>'
                  '<wsse:Password Type="%s">%s</wsse:Password></wsse:UsernameToken>'
                  '</wsse:Security></soap:Header>' % (WSSE, "true" if soap12 else "1", user,
                                                      PASSWORD_TEXT, password))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s" xmlns:ws="%s">'
            '%s<soap:Body>%s</soap:Body></soap:Envelope>' % (env, NS, header, body))


def run_step(ctx, xml_path, expect_path):
    lines = [l.rstrip("\n") for l in expect_path.read_text(encoding="utf-8").splitlines()]
    lines = [l for l in lines if l.strip() and not l.lstrip().startswith("#")]
    opts = {"user": "integracao@demo", "password": PASSWORD, "soap12": False, "raw": False,
            "auth": "wsse", "content-type": None}
    checks = []
    for line in lines:
        word, _, rest = line.strip().partition(" ")
        if word in ("user", "password", "auth", "content-type"):
            opts[word] = ctx.expand(rest.strip())
        elif word in ("soap12", "raw"):
            opts[word] = True
        elif word == "setup":
            psql(ctx.expand(rest))
        else:
            checks.append((word, rest.strip()))

    raw = xml_path.read_bytes()
    if opts["raw"]:
        body = raw if b"{{" not in raw else ctx.expand(raw.decode("utf-8")).encode("utf-8")
    else:
        inner = ctx.expand(raw.decode("utf-8"))
        user = opts["user"] if opts["auth"] == "wsse" else "none"
        body = envelope(inner, user, opts["password"], opts["soap12"]).encode("utf-8")
    ctype = opts["content-type"] or ("application/soap+xml; charset=utf-8" if opts["soap12"]
                                     else "text/xml; charset=utf-8")
    headers = {"Content-Type": ctype}
    auth = (opts["user"], opts["password"]) if opts["auth"] == "basic" else None
    resp = SESSION.post(URL, data=body, headers=headers, auth=auth, timeout=30)
    try:
        doc = etree.fromstring(resp.content)
    except etree.XMLSyntaxError as e:
        raise AssertionError("%s: response is not XML (%s): %r" % (xml_path, e, resp.content[:300]))

    def first(xp):
        found = doc.xpath(xp, namespaces=XPATH_NS)
        if not found:
            return None
        f = found[0]
        return f if isinstance(f, str) else (f.text or "")

    def where():
        return "%s\nresponse: %s" % (xml_path, resp.content.decode("utf-8", "replace")[:3000])

    fault = first("//ws:Falha/ws:Codigo")
    if not any(w == "fault" for w, _ in checks) and fault is not None:
        raise AssertionError("unexpected fault %s in %s" % (fault, where()))
    for word, rest in checks:
        rest = ctx.expand(rest)	# late: a capture serves the lines after it
        if word == "fault":
            assert fault == rest, "expected fault %s, got %s in %s" % (rest, fault, where())
        elif word == "http":
            assert resp.status_code == int(rest), "expected HTTP %s, got %s in %s" % (rest, resp.status_code, where())
        elif word == "status":
            got = first("//ws:Resultado/ws:Status")
            assert got == rest, "expected status %s, got %s in %s" % (rest, got, where())
        elif word in ("message", "no-message"):
            code, _, field = rest.partition(" ")
            msgs = doc.xpath("//ws:Resultado/ws:Mensagem", namespaces=XPATH_NS)
            hit = any(m.findtext("{%s}Codigo" % NS) == code and
                      (not field or m.findtext("{%s}Campo" % NS) == field) for m in msgs)
            if word == "message":
                assert hit, "expected message %s %s in %s" % (code, field, where())
            else:
                assert not hit, "unexpected message %s in %s" % (code, where())
        elif word == "xpath":
            m = re.match(r"(.+?)\s+([=~!])\s?(.*)$", rest)
            assert m, "bad xpath line: " + rest
            xp, op, want = m.groups()
            got = first(xp)
            if op == "=":
                assert got == want, "%s: expected %r, got %r in %s" % (xp, want, got, where())
            elif op == "!":
                assert got is None, "%s: expected absent, got %r in %s" % (xp, got, where())
            else:
                assert got is not None and re.search(want, got), "%s: %r does not match %r in %s" % (xp, got, want, where())
        elif word == "count":
            xp, _, want = rest.rpartition("=")
            got = len(doc.xpath(xp.strip(), namespaces=XPATH_NS))
            assert got == int(want), "count %s: expected %s, got %d in %s" % (xp, want, got, where())
        elif word == "capture":
            name, _, xp = rest.partition("=")
            got = first(xp.strip())
            assert got is not None, "capture %s: nothing at %s in %s" % (name, xp, where())
            ctx.values[name.strip()] = got
        elif word == "sql":
            query, _, want = rest.rpartition("=")
            got = psql(query.strip())
            assert got == want.strip(), "sql %s: expected %r, got %r (%s)" % (query, want.strip(), got, xml_path)
        else:
            raise AssertionError("%s: unknown directive %r" % (expect_path, word))


def discover():
    cases = []
    for d in sorted(HERE.glob("*/*")):
        if d.is_dir() and any(d.glob("*.xml")):
            cases.append(d)
    return cases


@pytest.mark.skipif(not URL or not DSN, reason="WSATEND_TEST_URL and WSATEND_TEST_DSN not set")
@pytest.mark.parametrize("case", discover(), ids=lambda d: "%s/%s" % (d.parent.name, d.name))
def test_case(case):
    ctx = Context()
    steps = sorted(case.glob("*.xml"))
    for xml_path in steps:
        expect_path = xml_path.with_suffix(".expect")
        assert expect_path.exists(), "%s has no .expect" % xml_path
        run_step(ctx, xml_path, expect_path)
