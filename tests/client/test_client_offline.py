# SPDX-License-Identifier: GPL-2.0-or-later
"""test_client_offline.py - bin/wsatend without the real server: command line, help,
configuration, the request on the wire (WS-Security header, Cabecalho), the output
formats and the exit-code mapping, against tests/client/wsatend_fake.py.

Run: /usr/bin/python3 -m pytest tests/client   (WSATEND_BIN=... for another binary)
"""
import json
import os
import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

from wsatend_fake import NS, SOAP11, FakeSoapServer, envelope, fault, free_port, resultado

REPO = pathlib.Path(__file__).resolve().parents[2]
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
PASSWORD_TEXT = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-username-token-profile-1.0#PasswordText")
XS = "{http://www.w3.org/2001/XMLSchema}"
CREDS = {"WSATEND_USUARIO": "integracao@demo", "WSATEND_SENHA": "s3nh@<&>"}

AREAS = {
    "integracao": ["ping", "versao", "situacao-mensagem"],
    "alteracoes": ["puxar"],
    "referencia": ["naturezas", "origens", "consultores", "motivos-perda"],
    "pessoa": ["incluir", "incluir-prospect", "converter", "alterar", "consultar", "consentimento"],
    "veiculo": ["incluir", "alterar", "consultar"],
    "atendimento": ["incluir", "consultar", "listar", "alterar-natureza", "reatribuir",
                    "registrar-contato", "encerrar", "agendar-proximo", "agenda"],
    # issue 4
    "venda": ["estoque-incluir", "estoque", "interesse", "reservar", "cancelar-reserva", "proposta", "aprovar",
              "reprovar", "prorrogar", "consultar-proposta", "propostas", "avaliacao", "avaliacao-resultado",
              "consultar-avaliacao"],
    # issue 5: batch synchronisation
    "lote": ["enviar", "situacao"],
    # issue 3
    "oficina": ["servicos", "tipos-os", "tipos-agendamento", "produtivos", "horarios", "agendar", "reagendar",
                "confirmar", "cancelar", "no-show", "converter-os", "agendamentos", "agendamento",
                "abrir-os", "prorrogar-os", "resposta-cliente", "encerrar-os", "os", "listar-os",
                "orcamento", "aprovar-orcamento", "aprovar-desconto", "converter-orcamento", "consultar-orcamento",
                "carregar-campanha", "campanhas", "historico", "frota"],
}


@pytest.fixture
def srv():
    with FakeSoapServer() as s:
        yield s


def body_of(raw):
    """The Body's first element of a posted envelope."""
    env = ET.fromstring(raw)
    assert env.tag == f"{{{SOAP11}}}Envelope"
    return list(env.find(f"{{{SOAP11}}}Body"))[0]


# --- command line and help ----------------------------------------------------

def test_help_documents_exit_codes(run):
    r = run("--help")
    assert r.returncode == 0
    for code in ("0  sucesso", "1  erro de negócio", "2  erro de uso", "3  sem resposta",
                 "4  autenticação", "5  o servidor recusou"):
        assert code in r.stdout


def test_no_arguments_is_usage_error(run):
    r = run()
    assert r.returncode == 2 and "uso: wsatend" in r.stderr


def test_every_operation_of_the_contract_has_a_command(run):
    wsdl = ET.parse(REPO / "wsdl" / "WSAtendimentoCadastroWeb.wsdl")
    port = wsdl.find("{http://schemas.xmlsoap.org/wsdl/}portType")
    ops = {o.get("name") for o in port.findall("{http://schemas.xmlsoap.org/wsdl/}operation")}
    found = set()
    for area, verbs in AREAS.items():
        r = run(area, "--help")
        assert r.returncode == 0, r.stderr
        for verb in verbs:
            # a verb names its operation; "A/B" when it calls either (lote enviar)
            m = re.search(rf"^  {re.escape(verb)} .*\(([\w/]+)\)$", r.stdout, re.M)
            assert m, f"{area} {verb} missing from help"
            found.update(m.group(1).split("/"))
            h = run(area, verb, "--help")
            assert h.returncode == 0 and f"Operação: {m.group(1)}" in h.stdout
    # the foundation alone has 26; every operation the WSDL adds needs a verb
    assert len(ops) >= 26 and found == ops, sorted(ops ^ found)


def test_command_options_never_shadow_global_options(run):
    globals_ = set(re.findall(r"--([a-z-]+)", run("--help").stdout))
    for area, verbs in AREAS.items():
        for verb in verbs:
            opts = run(area, verb, "--help").stdout.split("Opções globais")[0]
            clash = set(re.findall(r"^  --([a-z-]+)", opts, re.M)) & globals_
            assert not clash, f"{area} {verb}: {clash}"


@pytest.mark.parametrize("args, needle", [
    (["pessoa", "incluir", "--nomee", "x"], "opção desconhecida: --nomee"),
    (["pessoa", "consultar", "--id", "abc"], "valor inválido para --id"),
    (["pessoa", "consultar", "--situacao", "VIP"], "PROSPECT|CLIENTE|INATIVO"),
    (["--formato", "yaml", "integracao", "ping"], "tabela|xml|json"),
    (["atendimento", "agenda", "--inicio", "amanhã"], "valor inválido para --inicio"),
    (["pessoa", "xyz"], "verbo desconhecido: xyz"),
    (["xyz"], "área desconhecida: xyz"),
    (["pessoa", "incluir", "--telefone", "11 99999-0000,zap"], "--telefone"),
    (["pessoa", "consentimento", "--consentimento", "WHATSAPP:MARKETING"], "--consentimento"),
    (["--timeout", "0", "integracao", "ping"], "--timeout"),
    (["--id-mensagem", "com espaço", "integracao", "ping"], "--id-mensagem"),
])
def test_usage_errors_exit_2_before_sending(run, srv, args, needle):
    r = run("--url", srv.url, *args, env=CREDS)
    assert r.returncode == 2, r.stderr
    assert needle in r.stderr
    assert srv.requests == []


def test_missing_credentials_is_usage_error(run, srv):
    r = run("--url", srv.url, "pessoa", "consultar", "--documento", "52998224725")
    assert r.returncode == 2 and "credenciais" in r.stderr
    assert srv.requests == []


def test_transport_error_exit_3(run):
    url = f"http://127.0.0.1:{free_port()}/WSAtendimentoCadastroWeb"
    r = run("--url", url, "pessoa", "consultar", "--documento", "1", env=CREDS)
    assert r.returncode == 3
    assert "sem resposta" in r.stderr and "--id-mensagem" in r.stderr


# --- the request on the wire --------------------------------------------------

def test_request_carries_username_token_and_cabecalho(run, srv):
    srv.reply(200, envelope(f"<ws:ConsultarPessoaResponse>{resultado()}</ws:ConsultarPessoaResponse>"))
    r = run("--url", srv.url, "--empresa", "0001", "--operador", "Maria", "--somente-validar",
            "--id-mensagem", "teste-123", "pessoa", "consultar", "--documento", "529.982.247-25",
            env=CREDS)
    assert r.returncode == 0, r.stderr
    headers, raw = srv.last
    assert headers["content-type"].startswith("text/xml")
    assert headers["soapaction"] == f'"{NS}/ConsultarPessoa"'
    env = ET.fromstring(raw)
    sec = env.find(f"{{{SOAP11}}}Header/{{{WSSE}}}Security")
    assert sec is not None and sec.get(f"{{{SOAP11}}}mustUnderstand") == "1"
    assert sec.findtext(f"{{{WSSE}}}UsernameToken/{{{WSSE}}}Username") == "integracao@demo"
    pw = sec.find(f"{{{WSSE}}}UsernameToken/{{{WSSE}}}Password")
    assert pw.text == "s3nh@<&>" and pw.get("Type") == PASSWORD_TEXT
    op = body_of(raw)
    assert op.tag == f"{{{NS}}}ConsultarPessoa"
    cab = list(op)[0]
    assert cab.tag == f"{{{NS}}}Cabecalho"
    assert cab.findtext(f"{{{NS}}}IdMensagem") == "teste-123"
    assert cab.findtext(f"{{{NS}}}Empresa") == "0001"
    assert cab.findtext(f"{{{NS}}}Usuario") == "Maria"
    assert cab.findtext(f"{{{NS}}}SomenteValidar") == "true"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d",
                        cab.findtext(f"{{{NS}}}DataHoraEnvio"))
    assert op.findtext(f"{{{NS}}}Filtro/{{{NS}}}Documento") == "529.982.247-25"


def test_ping_goes_without_credentials_and_with_a_fresh_uuid(run, srv):
    r = run("--url", srv.url, "integracao", "ping", "--texto", "olá", env=CREDS)
    assert r.returncode == 0, r.stderr
    env = ET.fromstring(srv.last[1])
    assert env.find(f"{{{SOAP11}}}Header") is None
    op = body_of(srv.last[1])
    assert op.findtext(f"{{{NS}}}Texto") == "olá"
    assert re.fullmatch(r"[0-9a-f-]{36}", op.findtext(f"{{{NS}}}Cabecalho/{{{NS}}}IdMensagem"))


def test_repeated_options_and_local_datetime(run, srv):
    srv.reply(200, envelope(f"<ws:IncluirPessoaResponse>{resultado()}</ws:IncluirPessoaResponse>"))
    r = run("--url", srv.url, "pessoa", "incluir", "--nome", "João", "--data-nascimento", "01/02/1990",
            "--telefone", "(11) 98765-4321,whatsapp,principal", "--telefone", "1133334444",
            "--email", "a@b.com.br,principal", "--preferencia-contato", "whatsapp",
            env={**CREDS, "TZ": "America/Sao_Paulo"})
    assert r.returncode == 0, r.stderr
    p = body_of(srv.last[1]).find(f"{{{NS}}}Pessoa")
    tels = p.findall(f"{{{NS}}}Telefone")
    assert [t.findtext(f"{{{NS}}}Numero") for t in tels] == ["(11) 98765-4321", "1133334444"]
    assert tels[0].findtext(f"{{{NS}}}WhatsApp") == "true"
    assert tels[1].find(f"{{{NS}}}WhatsApp") is None
    assert p.findtext(f"{{{NS}}}DataNascimento") == "1990-02-01"
    assert p.findtext(f"{{{NS}}}PreferenciaContato") == "WHATSAPP"
    assert p.findtext(f"{{{NS}}}Email/{{{NS}}}Principal") == "true"
    # elements in schema order (gSOAP serialises the struct's order)
    names = [c.tag.split("}")[1] for c in p]
    assert names.index("Nome") < names.index("DataNascimento") < names.index("Telefone")

    srv.reply(200, envelope(f"<ws:ListarAgendaResponse>{resultado()}</ws:ListarAgendaResponse>"))
    r = run("--url", srv.url, "atendimento", "agenda", "--inicio", "2026-12-01 10:00",
            "--fim", "2026-12-01T18:00:00Z", env={**CREDS, "TZ": "America/Sao_Paulo"})
    assert r.returncode == 0, r.stderr
    op = body_of(srv.last[1])
    assert op.findtext(f"{{{NS}}}Inicio") == "2026-12-01T10:00:00-03:00"
    assert op.findtext(f"{{{NS}}}Fim") == "2026-12-01T18:00:00Z"


def test_verbose_never_shows_the_password(run, srv):
    r = run("--url", srv.url, "-vv", "integracao", "situacao-mensagem", "--id", "x", env=CREDS)
    assert "s3nh@" not in r.stderr and "s3nh@&lt;" not in r.stderr
    assert "<wsse:Password" in r.stderr and "***" in r.stderr
    assert "HTTP 200" in r.stderr and "fake-req" in r.stderr


def test_enviar_posts_the_file_unchanged(run, srv, tmp_path):
    raw = (f'<?xml version="1.0"?>\n<e:Envelope xmlns:e="{SOAP11}" xmlns:v="{NS}">'
           "<e:Body><v:Ping><v:Texto>x</v:Texto></v:Ping></e:Body></e:Envelope>\n").encode()
    f = tmp_path / "req.xml"
    f.write_bytes(raw)
    r = run("--url", srv.url, "enviar", str(f))
    assert r.returncode == 0, r.stderr
    assert srv.last[1] == raw
    assert srv.last[0]["soapaction"] == f'"{NS}/Ping"'


# --- output formats -------------------------------------------------------------

LIST = envelope(
    "<ws:ConsultarPessoaResponse>"
    + resultado("SucessoComAvisos", [("PAGINA_LIMITADA", "Info", None, "limitado")])
    + "<ws:Pessoa><ws:Id>42</ws:Id><ws:Nome>João \u009b31m</ws:Nome><ws:Telefone><ws:Numero>+5511987654321"
      "</ws:Numero></ws:Telefone></ws:Pessoa><ws:ProximoCursor>p1.42</ws:ProximoCursor>"
      "</ws:ConsultarPessoaResponse>")


def test_json_output_uses_arrays_for_schema_lists(run, srv):
    srv.reply(200, LIST)
    r = run("--url", srv.url, "--formato", "json", "pessoa", "consultar", "--nome-prefixo", "Jo",
            env=CREDS)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["Resultado"]["Status"] == "SucessoComAvisos"
    assert isinstance(doc["Resultado"]["Mensagem"], list)     # one message, still a list
    assert isinstance(doc["Pessoa"], list) and doc["Pessoa"][0]["Id"] == "42"
    assert doc["Pessoa"][0]["Telefone"][0]["Numero"] == "+5511987654321"
    assert doc["ProximoCursor"] == "p1.42"


def test_xml_output_is_the_response_element(run, srv):
    srv.reply(200, LIST)
    r = run("--url", srv.url, "--formato", "xml", "pessoa", "consultar", "--nome-prefixo", "Jo",
            env=CREDS)
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout.encode())
    assert root.tag == f"{{{NS}}}ConsultarPessoaResponse"
    assert root.findtext(f"{{{NS}}}Pessoa/{{{NS}}}Id") == "42"


def test_table_output_lists_leaves_and_escapes_controls(run, srv):
    srv.reply(200, LIST)
    r = run("--url", srv.url, "pessoa", "consultar", "--nome-prefixo", "Jo", env=CREDS)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("Resultado: SucessoComAvisos")
    assert "Info: PAGINA_LIMITADA: limitado" in out
    assert re.search(r"^Caminho\s+Valor$", out, re.M)
    assert re.search(r"^Pessoa\[1\]/Telefone\[1\]/Numero\s+\+5511987654321$", out, re.M)
    assert "\u009b" not in out and "\\u009b31m" in out


# --- exit codes -------------------------------------------------------------------

@pytest.mark.parametrize("status, code", [
    ("Sucesso", 0), ("SucessoComAvisos", 0), ("Parcial", 1), ("Falha", 1)])
def test_resultado_status_exit_codes(run, srv, status, code):
    srv.reply(200, envelope(f"<ws:ConsultarSituacaoMensagemResponse>{resultado(status)}"
                            "<ws:Encontrada>false</ws:Encontrada></ws:ConsultarSituacaoMensagemResponse>"))
    r = run("--url", srv.url, "integracao", "situacao-mensagem", "--id", "x", env=CREDS)
    assert r.returncode == code, r.stderr


@pytest.mark.parametrize("faultcode, codigo, code", [
    ("soap:Client", "NAO_AUTENTICADO", 4),
    ("soap:Client", "NAO_AUTORIZADO", 4),
    ("soap:Client", "ESTRUTURA_INVALIDA", 5),
    ("soap:Client", "TAMANHO_EXCEDIDO", 5),
    ("soap:Server", "ERRO_SERVIDOR", 3),
    ("soap:Server", "INDISPONIVEL", 3),
    ("soap:Client", None, 5),
    ("soap:Server", None, 3),
])
def test_fault_exit_codes(run, srv, faultcode, codigo, code):
    srv.reply(500, fault(faultcode, codigo, "texto da falha"))
    r = run("--url", srv.url, "pessoa", "consultar", "--documento", "1", env=CREDS)
    assert r.returncode == code, r.stderr
    assert "texto da falha" in r.stderr
    if codigo:
        assert codigo in r.stderr


def test_fault_in_json_format_is_printed(run, srv):
    srv.reply(500, fault("soap:Client", "NAO_AUTENTICADO", "senha errada"))
    r = run("--url", srv.url, "--formato", "json", "pessoa", "consultar", "--documento", "1",
            env=CREDS)
    assert r.returncode == 4
    assert json.loads(r.stdout)["detail"]["Falha"]["Codigo"] == "NAO_AUTENTICADO"


@pytest.mark.parametrize("http, code", [(401, 4), (403, 4), (404, 3), (413, 5), (502, 3), (503, 3)])
def test_http_status_exit_codes(run, srv, http, code):
    srv.reply(http, b"<html>proxy</html>", "text/html")
    r = run("--url", srv.url, "pessoa", "consultar", "--documento", "1", env=CREDS)
    assert r.returncode == code, r.stderr
    assert f"HTTP {http}" in r.stderr


def test_new_optional_element_of_the_contract_is_accepted(run, srv):
    """wsdl/README.md, Versioning: v1 may gain optional elements; old clients go on."""
    srv.reply(200, LIST.replace(b"<ws:ProximoCursor>", b"<ws:Novidade>sim</ws:Novidade><ws:ProximoCursor>")
              .replace(b"<ws:Id>42</ws:Id>", b"<ws:Id>42</ws:Id><ws:Apelido>Jota</ws:Apelido>"))
    r = run("--url", srv.url, "pessoa", "consultar", "--nome-prefixo", "Jo", env=CREDS)
    assert r.returncode == 0, r.stderr
    assert re.search(r"^Novidade\s+sim$", r.stdout, re.M)
    assert re.search(r"^Pessoa\[1\]/Apelido\s+Jota$", r.stdout, re.M)


@pytest.mark.parametrize("old, new", [
    (b"<ws:Id>42</ws:Id>", b"<ws:Id>quarenta</ws:Id>"),                     # bad type
    (b"<ws:Status>SucessoComAvisos</ws:Status>", b"<ws:Status>Talvez</ws:Status>"),
    (b"<ws:Status>SucessoComAvisos</ws:Status>", b""),                      # required
    (b"<ws:ProximoCursor>", b'<x:Alien xmlns:x="urn:x">1</x:Alien><ws:ProximoCursor>'),
])
def test_response_violating_the_contract_exit_3(run, srv, old, new):
    srv.reply(200, LIST.replace(old, new))
    r = run("--url", srv.url, "pessoa", "consultar", "--nome-prefixo", "Jo", env=CREDS)
    assert r.returncode == 3 and "resposta inválida" in r.stderr


def test_answer_outside_the_contract_exit_3(run, srv):
    srv.reply(200, b"<html>not soap</html>", "text/html")
    r = run("--url", srv.url, "integracao", "ping")
    assert r.returncode == 3 and "resposta inválida" in r.stderr


# --- configuration ------------------------------------------------------------

def write_conf(path, text, mode):
    path.write_text(text)
    os.chmod(path, mode)
    return str(path)


def test_config_file_with_password_must_be_private(run, srv, tmp_path):
    conf = write_conf(tmp_path / "w.conf",
                      f"url = {srv.url}\nusuario = cfg@demo\nsenha = do-arquivo\nempresa = 07\n", 0o644)
    r = run("--config", conf, "pessoa", "consultar", "--id", "1")
    assert r.returncode == 2 and "chmod 600" in r.stderr
    assert srv.requests == []
    os.chmod(conf, 0o600)
    srv.reply(200, envelope(f"<ws:ConsultarPessoaResponse>{resultado()}</ws:ConsultarPessoaResponse>"))
    r = run("--config", conf, "pessoa", "consultar", "--id", "1")
    assert r.returncode == 0, r.stderr
    raw = srv.last[1].decode()
    assert "<wsse:Username>cfg@demo</wsse:Username>" in raw and ">do-arquivo</wsse:Password>" in raw
    assert "<ws:Empresa>07</ws:Empresa>" in raw


def test_default_config_location_and_precedence(run, srv, tmp_path):
    (tmp_path / "xdg" / "wsatend").mkdir(parents=True)
    write_conf(tmp_path / "xdg" / "wsatend" / "wsatend.conf",
               f"url = {srv.url}\nempresa = do-arquivo\n", 0o644)
    srv.reply(200, envelope(f"<ws:ConsultarPessoaResponse>{resultado()}</ws:ConsultarPessoaResponse>"))
    r = run("pessoa", "consultar", "--id", "1", env={**CREDS, "WSATEND_EMPRESA": "do-ambiente"})
    assert r.returncode == 0, r.stderr
    assert b"<ws:Empresa>do-ambiente</ws:Empresa>" in srv.last[1]
    r = run("--empresa", "da-opcao", "pessoa", "consultar", "--id", "1",
            env={**CREDS, "WSATEND_EMPRESA": "do-ambiente"})
    assert b"<ws:Empresa>da-opcao</ws:Empresa>" in srv.last[1]


@pytest.mark.parametrize("text, needle", [
    ("[secao]\nusuario = a@b\n", "seções"),
    ("user = a@b\n", "chave desconhecida"),
    ("url = http://x\n  empresa = 01\n", "repetida"),
])
def test_bad_config_file_is_usage_error(run, tmp_path, text, needle):
    conf = write_conf(tmp_path / "bad.conf", text, 0o600)
    r = run("--config", conf, "integracao", "ping")
    assert r.returncode == 2 and needle in r.stderr


def test_password_file_option(run, srv, tmp_path):
    pw = write_conf(tmp_path / "senha", "do-arquivo-de-senha\n", 0o640)
    r = run("--url", srv.url, "--usuario", "a@b", "--senha-arquivo", pw, "pessoa", "consultar", "--id", "1")
    assert r.returncode == 2 and "chmod 600" in r.stderr
    os.chmod(pw, 0o600)
    srv.reply(200, envelope(f"<ws:ConsultarPessoaResponse>{resultado()}</ws:ConsultarPessoaResponse>"))
    r = run("--url", srv.url, "--usuario", "a@b", "--senha-arquivo", pw, "pessoa", "consultar", "--id", "1")
    assert r.returncode == 0, r.stderr
    assert b">do-arquivo-de-senha</wsse:Password>" in srv.last[1]


# --- the printer's list table matches the schema --------------------------------

def schema_lists():
    """(parent element, child element) pairs with maxOccurs > 1 in wsdl/xsd/*.xsd."""
    named, anon, uses = {}, [], {}
    for xsd in (REPO / "wsdl" / "xsd").glob("*.xsd"):
        root = ET.parse(xsd).getroot()
        parents = {c: p for p in root.iter() for c in p}
        for el in root.iter(f"{XS}element"):
            if el.get("type", "").startswith("tns:"):
                uses.setdefault(el.get("type")[4:], set()).add(el.get("name"))
            if el.get("maxOccurs", "1") == "1":
                continue
            ct = parents[parents[el]]              # element < sequence < complexType
            while ct.tag != f"{XS}complexType":
                ct = parents[ct]
            if ct.get("name"):
                named.setdefault(ct.get("name"), set()).add(el.get("name"))
            else:
                anon.append((parents[ct].get("name"), el.get("name")))
    pairs = set(anon)
    for type_name, children in named.items():
        for parent in uses.get(type_name, ()):
            pairs |= {(parent, c) for c in children}
    return pairs


def test_printer_list_table_matches_schema():
    src = (REPO / "client" / "output.c").read_text()
    block = src.split("BEGIN list_elements")[1].split("END list_elements")[0]
    table = set(re.findall(r'\{ "(\w+)", "(\w+)" \}', block))
    assert table == schema_lists()


def test_sample_config_file_is_accepted(run, srv):
    sample = REPO / "client" / "wsatend.conf.sample"
    srv.reply(200, envelope(f"<ws:ConsultarPessoaResponse>{resultado()}</ws:ConsultarPessoaResponse>"))
    r = run("--config", str(sample), "--url", srv.url, "pessoa", "consultar", "--id", "1",
            env={"WSATEND_SENHA": "x"})
    assert r.returncode == 0, r.stderr
    raw = srv.last[1].decode()
    assert "<wsse:Username>integracao@demo</wsse:Username>" in raw
    assert "<ws:Empresa>01</ws:Empresa>" in raw
