# SPDX-License-Identifier: GPL-2.0-or-later
"""test_client.py - bin/wsatend against a running server.

Set WSATEND_TEST_URL (e.g. http://127.0.0.1:8080/WSAtendimentoCadastroWeb),
WSATEND_TEST_USUARIO (integracao@demo) and WSATEND_TEST_SENHA; optionally
WSATEND_TEST_EMPRESA for the branch. Without them the server tests are skipped with
that reason; the transport test runs anyway. The password goes to the client through
its environment (WSATEND_SENHA), never on the command line.

Each run writes new people (a random valid CPF), so the tests can run repeatedly
against the same database.
"""
import json
import os
import sys
import uuid
import xml.etree.ElementTree as ET

import pytest

from wsatend_fake import NS, free_port

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from brgen import cpf  # noqa: E402

URL = os.environ.get("WSATEND_TEST_URL")
USUARIO = os.environ.get("WSATEND_TEST_USUARIO", "integracao@demo")
SENHA = os.environ.get("WSATEND_TEST_SENHA")
EMPRESA = os.environ.get("WSATEND_TEST_EMPRESA")

needs_server = pytest.mark.skipif(
    not (URL and SENHA),
    reason="no server: set WSATEND_TEST_URL, WSATEND_TEST_USUARIO and WSATEND_TEST_SENHA")


@pytest.fixture
def ws(run):
    """ws(*args, senha=SENHA) runs the client against the test server, JSON output."""

    def _ws(*args, senha=None, formato="json"):
        env = {"WSATEND_URL": URL, "WSATEND_USUARIO": USUARIO, "WSATEND_SENHA": senha or SENHA}
        if EMPRESA:
            env["WSATEND_EMPRESA"] = EMPRESA
        return run("--formato", formato, *args, env=env)

    return _ws


def parsed(r):
    assert r.stdout, r.stderr
    return json.loads(r.stdout)


@needs_server
def test_ping(ws):
    r = ws("integracao", "ping", "--texto", "olá, wsatend")
    assert r.returncode == 0, r.stderr
    doc = parsed(r)
    assert doc["Resultado"]["Status"] == "Sucesso"
    assert doc["Eco"] == "olá, wsatend"
    assert doc["DataHoraServidor"]


@needs_server
def test_versao(ws):
    r = ws("integracao", "versao")
    assert r.returncode == 0, r.stderr
    doc = parsed(r)
    assert doc["VersaoContrato"] == "v1"
    assert doc["Namespace"] == NS
    assert int(doc["VersaoBanco"]) > 0


@needs_server
def test_incluir_e_consultar_pessoa(ws):
    doc_cpf = cpf()
    nome = f"Cliente Teste {uuid.uuid4().hex[:8]}"
    r = ws("pessoa", "incluir", "--nome", nome, "--documento", doc_cpf,
           "--telefone", "(11) 98765-4321,whatsapp,principal", "--email", "teste@example.com")
    assert r.returncode == 0, r.stdout + r.stderr
    pessoa = parsed(r)["Pessoa"]
    assert pessoa["Nome"] == nome and pessoa["Id"]

    r = ws("pessoa", "consultar", "--documento", doc_cpf)
    assert r.returncode == 0, r.stdout + r.stderr
    found = parsed(r)["Pessoa"]
    assert isinstance(found, list) and [p["Id"] for p in found] == [pessoa["Id"]]
    assert found[0]["Documento"] == doc_cpf


@needs_server
def test_alteracoes_puxar_walks_several_pages_authenticated(ws, tmp_path):
    # each page is a call of its own, and each must carry the credentials again
    cursor_file = tmp_path / "feed.cursor"
    r = ws("alteracoes", "puxar", "--max", "1000", "--cursor-arquivo", str(cursor_file),
           "--saida", str(tmp_path / "inicio.csv"))
    assert r.returncode == 0, r.stdout + r.stderr
    ids = []
    for n in range(3):
        r = ws("pessoa", "incluir", "--nome", f"Cliente Paginas {n}", "--documento", cpf())
        assert r.returncode == 0, r.stdout + r.stderr
        ids.append(parsed(r)["Pessoa"]["Id"])
    csv = tmp_path / "paginas.csv"
    r = ws("alteracoes", "puxar", "--tipo", "PESSOA", "--max", "1", "--cursor-arquivo", str(cursor_file),
           "--saida", str(csv))
    assert r.returncode == 0, r.stdout + r.stderr
    got = [l.split(";")[1] for l in csv.read_text().splitlines()[1:]]
    assert all(str(i) in got for i in ids), (ids, got)


@needs_server
def test_alteracoes_puxar_stores_cursor_after_data(ws, tmp_path):
    cursor_file = tmp_path / "feed.cursor"
    r = ws("alteracoes", "puxar", "--max", "1000", "--cursor-arquivo", str(cursor_file),
           "--saida", str(tmp_path / "inicio.csv"))
    assert r.returncode == 0, r.stdout + r.stderr
    first = cursor_file.read_text().strip()
    assert first.startswith("f1."), first

    r = ws("pessoa", "incluir", "--nome", "Cliente Feed", "--documento", cpf())
    assert r.returncode == 0, r.stdout + r.stderr
    pid = parsed(r)["Pessoa"]["Id"]

    csv = tmp_path / "lote.csv"
    r = ws("alteracoes", "puxar", "--tipo", "PESSOA", "--max", "1", "--cursor-arquivo", str(cursor_file),
           "--saida", str(csv))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = csv.read_text().splitlines()
    assert lines[0] == "tipo;id;acao;versao;data_hora"
    assert any(l.startswith(f"PESSOA;{pid};CRIADO;1;") for l in lines[1:]), lines
    assert all(l.startswith("PESSOA;") for l in lines[1:])
    second = cursor_file.read_text().strip()
    assert second != first and not (tmp_path / "feed.cursor.tmp").exists()

    xml = tmp_path / "vazio.xml"
    r = ws("alteracoes", "puxar", "--tipo", "PESSOA", "--cursor-arquivo", str(cursor_file), "--saida", str(xml))
    assert r.returncode == 0, r.stdout + r.stderr
    doc = ET.parse(xml).getroot()
    assert doc.tag == f"{{{NS}}}Alteracoes" and doc.get("ProximoCursor")
    assert not [a for a in doc if a.findtext(f"{{{NS}}}Id") == pid]

    # A rejected cursor writes nothing and keeps the stored one.
    cursor_file.write_text("estragado\n")
    r = ws("alteracoes", "puxar", "--cursor-arquivo", str(cursor_file), "--saida", str(tmp_path / "x.csv"))
    assert r.returncode == 1
    assert cursor_file.read_text() == "estragado\n" and not (tmp_path / "x.csv").exists()


@needs_server
def test_retry_with_same_id_mensagem_is_reprocessed(ws):
    idm = f"teste-{uuid.uuid4()}"
    args = ("--id-mensagem", idm, "pessoa", "incluir-prospect",
            "--nome", "Prospect Teste", "--email", f"{idm}@example.com")
    first, second = ws(*args), ws(*args)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert parsed(first)["Pessoa"]["Id"] == parsed(second)["Pessoa"]["Id"]
    assert parsed(second)["Resultado"]["Reprocessado"] == "true"


@needs_server
def test_business_error_exit_1(ws):
    r = ws("pessoa", "incluir", "--nome", "CPF Errado", "--documento", "529.982.247-24")
    assert r.returncode == 1, r.stdout + r.stderr
    res = parsed(r)["Resultado"]
    assert res["Status"] == "Falha"
    assert any(m["Codigo"] == "VALOR_INVALIDO" and "Documento" in m.get("Campo", "")
               for m in res["Mensagem"])


@needs_server
def test_business_error_table_shows_messages(ws):
    r = ws("pessoa", "incluir", "--nome", "CPF Errado", "--documento", "529.982.247-24",
           formato="tabela")
    assert r.returncode == 1
    assert r.stdout.startswith("Resultado: Falha")
    assert "VALOR_INVALIDO" in r.stdout


@needs_server
def test_wrong_password_exit_4(ws):
    r = ws("referencia", "origens", senha="senha-errada-de-proposito")
    assert r.returncode == 4, r.stdout + r.stderr
    assert "NAO_AUTENTICADO" in r.stderr


@needs_server
def test_xml_output_parses(ws):
    r = ws("integracao", "versao", formato="xml")
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout.encode())
    assert root.tag == f"{{{NS}}}ObterVersaoResponse"
    assert root.findtext(f"{{{NS}}}Resultado/{{{NS}}}Status") == "Sucesso"


@needs_server
def test_json_output_parses_lists(ws):
    r = ws("referencia", "naturezas")
    assert r.returncode == 0, r.stderr
    doc = parsed(r)
    assert isinstance(doc.get("Natureza", []), list)
    assert all(n["Codigo"] and n["Area"] for n in doc.get("Natureza", []))


def test_transport_error_exit_3(run):
    url = f"http://127.0.0.1:{free_port()}/WSAtendimentoCadastroWeb"
    r = run("--url", url, "integracao", "ping")
    assert r.returncode == 3
    assert "sem resposta" in r.stderr
