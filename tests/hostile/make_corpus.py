#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""make_corpus.py - writes the hostile-input cases under tests/cases/hostile/.

Why a script: several inputs are bytes no editor keeps intact (overlong UTF-8, lone
FF FE, encoded surrogates, raw control characters, windows-1252 and ISO-8859-1 text),
and some are too large to write by hand (3000 attributes, 200 levels of nesting). The
generated files are committed as data; this script is committed too, so the corpus can
be regenerated and reviewed. It is the source of truth: edit it, not the cases.

Each case is a folder NNN-name with step 01 sent `raw` (the file is the whole HTTP
body, byte for byte) and its expected answer, then a last step that sends a normal Ping
and expects Sucesso: whatever the hostile input did, the server must still serve.
A raw body that needs credentials uses `auth basic` (the runner adds the header), so
no password is written into the corpus. A raw body with `{{` is expanded as UTF-8 by
the runner, so non-UTF-8 bodies never carry placeholders (fixed IdMensagem instead:
a rerun is a harmless replay).

Usage: /usr/bin/python3 tests/hostile/make_corpus.py   (rewrites tests/cases/hostile)
"""
import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "cases" / "hostile"

NS = "http://wsatend.org/WSAtendimentoCadastroWeb/v1"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


def envelope(body, header=b"", decl=b'<?xml version="1.0" encoding="UTF-8"?>\n', env=SOAP11):
    """A SOAP envelope as bytes; body and header are bytes (any encoding)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    if isinstance(header, str):
        header = header.encode("utf-8")
    head = b"<soap:Header>" + header + b"</soap:Header>" if header else b""
    return (decl + b'<soap:Envelope xmlns:soap="' + env.encode() + b'" xmlns:ws="' + NS.encode()
            + b'">' + head + b"<soap:Body>" + body + b"</soap:Body></soap:Envelope>\n")


def ping(text):
    if isinstance(text, str):
        text = text.encode("utf-8")
    return b"<ws:Ping><ws:Texto>" + text + b"</ws:Texto></ws:Ping>"


def prospect(name, idmsg, extra=b"", email=b"hostil@example.com"):
    if isinstance(name, str):
        name = name.encode("utf-8")
    if isinstance(extra, str):
        extra = extra.encode("utf-8")
    return (b"<ws:IncluirProspect><ws:Cabecalho><ws:IdMensagem>" + idmsg.encode()
            + b"</ws:IdMensagem><ws:Empresa>01</ws:Empresa></ws:Cabecalho><ws:Prospect><ws:Nome>"
            + name + b"</ws:Nome><ws:Email>" + email + b"</ws:Email>" + extra
            + b"</ws:Prospect></ws:IncluirProspect>")


STILL_SERVES = ("<ws:Ping><ws:Texto>ainda atendendo</ws:Texto></ws:Ping>\n",
                "# the server still serves after the hostile input\nuser none\nstatus Sucesso\n"
                "xpath //ws:Eco = ainda atendendo\n")

CASES = []


def case(name, *steps, after=""):
    """steps: (xml_bytes_or_str, expect_str); the Ping step is appended, with the
    lines `after` (checks of values captured by the last step: the runner expands a
    step's lines before sending it, so a capture is usable from the next step on)."""
    CASES.append((name, list(steps) + [(STILL_SERVES[0], STILL_SERVES[1] + after)]))


def raw_fault(code, comment, extra=""):
    return "# %s\nraw\nuser none\nfault %s\n%s" % (comment, code, extra)


# ---- XML well-formedness -----------------------------------------------------
case("001-xml-malformado",
     (envelope("<ws:Ping><ws:Texto>x</ws:Ping>"),
      raw_fault("ESTRUTURA_INVALIDA", "end tag that does not match its start tag")))

_full = envelope(ping("truncado"))
case("002-envelope-truncado",
     (_full[:_full.index(b"</ws:Texto>") + 5],
      raw_fault("ESTRUTURA_INVALIDA", "the body ends in the middle of the envelope (Content-Length is right)")))

case("003-texto-nao-xml",
     (b"isto nao e XML; DROP TABLE person;\n",
      raw_fault("ESTRUTURA_INVALIDA", "a body that is not XML at all")))

case("004-corpo-vazio",
     (b"", raw_fault("ESTRUTURA_INVALIDA", "POST with an empty body (Content-Length: 0)")))

# ---- DTDs and entities: SOAP forbids DTDs ------------------------------------
_laughs = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE soap:Envelope [\n<!ENTITY lol "lol">\n'
           + b"".join(b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b"]>\n")
case("005-dtd-billion-laughs",
     (envelope(ping("&lol9;"), decl=_laughs),
      raw_fault("ESTRUTURA_INVALIDA", "billion laughs: nine levels of entities, 10^9 'lol' if expanded")))

case("006-xxe-entidade-externa",
     (envelope(ping("&xxe;"), decl=b'<?xml version="1.0" encoding="UTF-8"?>\n'
               b'<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'),
      raw_fault("ESTRUTURA_INVALIDA", "XXE: an external entity naming a local file",
                "xpath //ws:Eco !\n")))

case("007-xxe-dtd-externa",
     (envelope(ping("x"), decl=b'<?xml version="1.0" encoding="UTF-8"?>\n'
               b'<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:9/evil.dtd">\n'),
      raw_fault("ESTRUTURA_INVALIDA", "an external DTD subset (no network access may be tried)")))

case("008-dtd-no-corpo",
     (envelope(b"<!DOCTYPE x [<!ENTITY a 'b'>]>" + ping("x")),
      raw_fault("ESTRUTURA_INVALIDA", "a DOCTYPE declaration inside the Body")))

# ---- character references XML 1.0 forbids ------------------------------------
case("009-charref-nulo",
     (envelope(ping("antes&#0;depois")),
      raw_fault("ESTRUTURA_INVALIDA", "&#0; would truncate the C string")))

case("010-charref-surrogate",
     (envelope(ping("a&#xD800;b")),
      raw_fault("ESTRUTURA_INVALIDA", "&#xD800; is a lone surrogate, not a character")))

case("011-charref-fffe",
     (envelope(ping("a&#xFFFE;b")),
      raw_fault("ESTRUTURA_INVALIDA", "&#xFFFE; is a noncharacter XML 1.0 forbids")))

case("012-charref-controle",
     (envelope(ping("a&#x1B;[31mb")),
      raw_fault("ESTRUTURA_INVALIDA", "&#x1B; (escape) as a reference: a control character")))

case("013-charref-fora-unicode",
     (envelope(ping("a&#x110000;b")),
      raw_fault("ESTRUTURA_INVALIDA", "&#x110000; is beyond Unicode")))

# ---- invalid UTF-8 in a body declared UTF-8 ------------------------------------
case("014-utf8-overlong",
     (envelope(ping(b"O\xc0\xa7Brien")),
      raw_fault("ESTRUTURA_INVALIDA", "overlong C0 A7 (an apostrophe in disguise)")))

case("015-utf8-overlong-menor",
     (envelope(ping(b"a\xc0\xbcscript")),
      raw_fault("ESTRUTURA_INVALIDA", "overlong C0 BC (a '<' in disguise)")))

case("016-utf8-ff-fe",
     (envelope(ping(b"a\xff\xfeb")),
      raw_fault("ESTRUTURA_INVALIDA", "lone FF FE bytes: never valid in UTF-8")))

case("017-utf8-surrogate",
     (envelope(ping(b"a\xed\xa0\x80b")),
      raw_fault("ESTRUTURA_INVALIDA", "ED A0 80: the surrogate U+D800 encoded as UTF-8")))

case("018-utf8-sequencia-incompleta",
     (envelope(ping(b"pre\xe2\x82o")),
      raw_fault("ESTRUTURA_INVALIDA", "E2 82 followed by an ASCII byte: an incomplete sequence")))

case("019-utf8-continuacao-solta",
     (envelope(ping(b"a\x80\x80b")),
      raw_fault("ESTRUTURA_INVALIDA", "continuation bytes without a lead byte")))

# ---- raw control characters ----------------------------------------------------
case("020-controle-0x01",
     (envelope(ping(b"a\x01b")),
      raw_fault("ESTRUTURA_INVALIDA", "a raw 0x01 in text")))

case("021-controle-em-atributo",
     (envelope(b'<ws:Ping x="a\x07b"><ws:Texto>x</ws:Texto></ws:Ping>'),
      raw_fault("ESTRUTURA_INVALIDA", "a raw 0x07 (bell) in an attribute value")))

# ---- sizes and shapes --------------------------------------------------------------
_attrs = b" ".join(b'a%d="%d"' % (i, i) for i in range(3000))
case("022-3000-atributos",
     (envelope(b"<ws:Ping " + _attrs + b"><ws:Texto>x</ws:Texto></ws:Ping>"),
      raw_fault("ESTRUTURA_INVALIDA", "3000 attributes on one element (quadratic CPU in the parser)")))

case("023-aninhamento-200-cabecalho",
     (envelope(ping("x"), header=b'<x:n xmlns:x="urn:hostil">' + b"<x:n>" * 199 + b"</x:n>" * 200),
      raw_fault("ESTRUTURA_INVALIDA", "200 levels of nesting in an unknown header block (max_depth 32)")))

case("024-aninhamento-200-corpo",
     (envelope(b"<ws:Ping><ws:Texto>x</ws:Texto>" + b"<ws:n>" * 200 + b"</ws:n>" * 200 + b"</ws:Ping>"),
      raw_fault("ESTRUTURA_INVALIDA", "200 levels of nesting inside the operation element")))

case("025-elemento-duplicado",
     (envelope("<ws:Ping><ws:Texto>um</ws:Texto><ws:Texto>dois</ws:Texto></ws:Ping>"),
      raw_fault("ESTRUTURA_INVALIDA", "an element the contract allows once, sent twice")))

case("026-cabecalho-duplicado",
     (envelope("<ws:ListarOrigensContato><ws:Cabecalho/><ws:Cabecalho><ws:Empresa>02</ws:Empresa>"
               "</ws:Cabecalho></ws:ListarOrigensContato>"),
      "# Cabecalho twice: which branch would apply?\nraw\nauth basic\nfault ESTRUTURA_INVALIDA\n"))

case("027-elemento-desconhecido",
     (envelope(prospect("Elemento Desconhecido", "{{MSG:p}}", extra=b"<ws:Apelido>x</ws:Apelido>")),
      "# an element the contract does not have, inside Prospect: refused, nothing stored\n"
      "raw\nauth basic\nfault ESTRUTURA_INVALIDA\n"
      "sql SELECT count(*) FROM request_key WHERE id_mensagem = '{{MSG:p}}' = 0\n"))

case("028-outro-namespace",
     (envelope('<ws:Ping><x:Texto xmlns:x="urn:outro">x</x:Texto></ws:Ping>'),
      raw_fault("ESTRUTURA_INVALIDA", "the right local name in another namespace")))

case("029-segunda-operacao",
     (envelope(prospect("Segunda Operacao {{MSG:p}}", "{{MSG:p}}") + ping("segunda")),
      "# two operation elements in one Body (WS-I BP: exactly one): refused, not half-done\n"
      "raw\nauth basic\nfault ESTRUTURA_INVALIDA\n"
      "sql SELECT count(*) FROM person WHERE name = 'Segunda Operacao {{MSG:p}}' = 0\n"))

case("030-mustunderstand-desconhecido",
     (envelope(ping("x"), header=b'<x:Transacao xmlns:x="urn:hostil" soap:mustUnderstand="1">1</x:Transacao>'),
      raw_fault("ESTRUTURA_INVALIDA", "a header block the server must understand but does not know")))

case("031-envelope-namespace-errado",
     (envelope(ping("x"), env="urn:nao-e-soap"),
      raw_fault("ESTRUTURA_INVALIDA", "an Envelope in an unknown namespace (VersionMismatch)")))

case("032-codificacao-desconhecida",
     (envelope(ping("x"), decl=b'<?xml version="1.0" encoding="KOI8-R"?>\n'),
      raw_fault("ESTRUTURA_INVALIDA", "an encoding the server does not accept")))

# ---- text fields: lengths, types, dates -------------------------------------------
case("033-campo-longo",
     (envelope(ping("x" * 101)),
      raw_fault("TAMANHO_EXCEDIDO", "Texto is Texto100: 101 characters")))

case("034-limite-em-caracteres",
     (envelope(ping("ç" * 100)),
      "# 100 characters (200 bytes) fit Texto100: lengths count characters\nraw\nuser none\n"
      "status Sucesso\nxpath //ws:Eco = %s\n" % ("ç" * 100)),
     (envelope(ping("ç" * 101)),
      raw_fault("TAMANHO_EXCEDIDO", "101 characters do not")))

case("035-nome-longo-prospect",
     (envelope(prospect("N" * 101, "{{MSG:p}}")),
      "# Nome is Texto100: refused whole, never cut\nraw\nauth basic\nfault TAMANHO_EXCEDIDO\n"
      "sql SELECT count(*) FROM request_key WHERE id_mensagem = '{{MSG:p}}' = 0\n"))

case("036-campo-enorme",
     (envelope(ping("y" * 100000)),
      raw_fault("TAMANHO_EXCEDIDO", "100 000 characters in a 100-character field")))

case("037-inteiro-invalido",
     (envelope("<ws:ListarOrigensContato><ws:Cabecalho/><ws:Paginacao><ws:MaxItens>abc</ws:MaxItens>"
               "</ws:Paginacao></ws:ListarOrigensContato>"),
      "# MaxItens is xs:int\nraw\nauth basic\nfault VALOR_INVALIDO\n"))

case("038-inteiro-estouro",
     (envelope("<ws:ListarOrigensContato><ws:Cabecalho/><ws:Paginacao><ws:MaxItens>99999999999999999999"
               "</ws:MaxItens></ws:Paginacao></ws:ListarOrigensContato>"),
      "# beyond xs:int\nraw\nauth basic\nfault VALOR_INVALIDO\n"))

case("039-id-invalido",
     (envelope("<ws:ConsultarAtendimento><ws:Cabecalho/><ws:IdAtendimento>1 OR 1=1</ws:IdAtendimento>"
               "</ws:ConsultarAtendimento>"),
      "# an xs:long with SQL after it\nraw\nauth basic\nfault VALOR_INVALIDO\n"))

case("040-datahora-sem-fuso",
     (envelope("<ws:ListarOrigensContato><ws:Cabecalho><ws:DataHoraEnvio>2026-11-22T10:00:00"
               "</ws:DataHoraEnvio></ws:Cabecalho></ws:ListarOrigensContato>"),
      "# a dateTime without offset is ambiguous: VALOR_INVALIDO in Resultado (DataHora)\n"
      "raw\nauth basic\nstatus Falha\nmessage VALOR_INVALIDO Cabecalho/DataHoraEnvio\n"))

case("041-datahora-lixo",
     (envelope("<ws:ListarOrigensContato><ws:Cabecalho><ws:DataHoraEnvio>ontem à tarde"
               "</ws:DataHoraEnvio></ws:Cabecalho></ws:ListarOrigensContato>"),
      "# not a dateTime at all\nraw\nauth basic\nstatus Falha\nmessage VALOR_INVALIDO Cabecalho/DataHoraEnvio\n"))

# ---- SQL injection: stored literally, harmlessly -------------------------------------
_inj = "'; DROP TABLE person; --"
_inj_notes = "' OR '1'='1; DELETE FROM audit_log; --"
case("042-sql-injecao",
     (envelope(prospect(_inj, "{{MSG:p}}",
                        extra="<ws:Observacao>%s</ws:Observacao>" % _inj_notes)),
      "# SQL in text fields is data: stored as sent, every table still there\n"
      "raw\nauth basic\nstatus Sucesso\n"
      "xpath //ws:Pessoa/ws:Nome = %s\n"
      "capture PID = //ws:Pessoa/ws:Id\n" % _inj),
     ("<ws:ConsultarPessoa><ws:Cabecalho/><ws:Filtro><ws:Id>{{PID}}</ws:Id></ws:Filtro></ws:ConsultarPessoa>\n",
      "# stored as sent, every table still there; read back through the service: the same text\n"
      "sql SELECT name FROM person WHERE tenant_id = {{TENANT:demo}} AND person_id = {{PID}} = %s\n"
      # md5: the text itself has '=' signs, and `sql` splits at the last one
      "sql SELECT md5(notes) FROM person WHERE tenant_id = {{TENANT:demo}} AND person_id = {{PID}} "
      "= %s\n"
      "sql SELECT count(*) FROM pg_tables WHERE tablename IN ('person', 'audit_log') = 2\n"
      "status Sucesso\ncount //ws:Pessoa = 1\n"
      "xpath //ws:Pessoa/ws:Nome = %s\n" % (_inj, hashlib.md5(_inj_notes.encode()).hexdigest(), _inj)),
     ("<ws:Ping><ws:Texto>%s</ws:Texto></ws:Ping>\n" % _inj.replace("'", "&apos;"),
      "user none\nstatus Sucesso\nxpath //ws:Eco = %s\n" % _inj))

# ---- legacy encodings ----------------------------------------------------------------
_cp = "€ “aspas” ‘simples’ – travessão — fim…"
_cp_decl = b'<?xml version="1.0" encoding="windows-1252"?>\n'
case("043-windows-1252",
     (envelope(ping(_cp.encode("cp1252")), decl=_cp_decl),
      "# a body declared windows-1252: € and curly quotes come back as the right UTF-8\n"
      "raw\nuser none\ncontent-type text/xml; charset=windows-1252\nstatus Sucesso\n"
      "xpath //ws:Eco = %s\n" % _cp),
     (envelope(prospect("Conceição “Ção” Ltda – €", "hostil-cp1252-prospect-v1",
                        extra="<ws:Observacao>%s</ws:Observacao>" % _cp).decode("utf-8").encode("cp1252"),
               decl=_cp_decl),
      "# and is stored as UTF-8 (fixed IdMensagem: a rerun is a replay of the same answer)\n"
      "raw\nauth basic\ncontent-type text/xml; charset=windows-1252\nstatus Sucesso\n"
      "xpath //ws:Pessoa/ws:Nome = Conceição “Ção” Ltda – €\n"
      "capture PID = //ws:Pessoa/ws:Id\n"),
     after="sql SELECT name || '|' || notes FROM person WHERE tenant_id = {{TENANT:demo}} AND person_id = {{PID}} "
     "= Conceição “Ção” Ltda – €|%s\n" % _cp)

_latin_decl = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
case("044-iso-8859-1",
     (envelope(ping("ç ã".encode("latin-1")), decl=_latin_decl),
      "# a body declared ISO-8859-1 (legacy ERPs)\nraw\nuser none\n"
      "content-type text/xml; charset=ISO-8859-1\nstatus Sucesso\nxpath //ws:Eco = ç ã\n"),
     (envelope(prospect("José Conceição Açaí", "hostil-latin1-prospect-v1").decode("utf-8")
               .encode("latin-1"), decl=_latin_decl),
      "# stored as UTF-8\nraw\nauth basic\ncontent-type text/xml; charset=ISO-8859-1\nstatus Sucesso\n"
      "xpath //ws:Pessoa/ws:Nome = José Conceição Açaí\ncapture PID = //ws:Pessoa/ws:Id\n"),
     after="sql SELECT name FROM person WHERE tenant_id = {{TENANT:demo}} AND person_id = {{PID}} "
     "= José Conceição Açaí\n")

case("045-latin1-declarado-utf8",
     (envelope(ping("ação".encode("latin-1"))),
      raw_fault("ESTRUTURA_INVALIDA", "Latin-1 bytes in a body declared UTF-8: refused, not guessed")))

# ---- SOAP 1.2 ------------------------------------------------------------------------------
case("046-soap12-dtd",
     (envelope(ping("&xxe;"), env=SOAP12, decl=b'<?xml version="1.0" encoding="UTF-8"?>\n'
               b'<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'),
      "# the same DTD rule under SOAP 1.2\nraw\nuser none\ncontent-type application/soap+xml; charset=utf-8\n"
      "fault ESTRUTURA_INVALIDA\n"))

case("047-soap12-utf8-invalido",
     (envelope(ping(b"a\xc0\xa7b"), env=SOAP12),
      "# invalid UTF-8 under SOAP 1.2\nraw\nuser none\ncontent-type application/soap+xml; charset=utf-8\n"
      "fault ESTRUTURA_INVALIDA\n"))


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    for name, steps in CASES:
        d = OUT / name
        d.mkdir(parents=True)
        for i, (xml, expect) in enumerate(steps, 1):
            (d / ("%02d.xml" % i)).write_bytes(xml if isinstance(xml, bytes) else xml.encode("utf-8"))
            (d / ("%02d.expect" % i)).write_text(expect, encoding="utf-8")
    print("%d cases in %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
