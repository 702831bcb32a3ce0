# SPDX-License-Identifier: GPL-2.0-or-later
"""test_client_venda.py - `wsatend venda` against a running server: a sale from the
stock to the closed atendimento, every verb once, money as typed.

Same environment as test_client.py (WSATEND_TEST_URL, WSATEND_TEST_USUARIO,
WSATEND_TEST_SENHA); the gerente's verbs run as gerente@demo with the same password.
"""
import json
import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest

URL = os.environ.get("WSATEND_TEST_URL")
USUARIO = os.environ.get("WSATEND_TEST_USUARIO", "integracao@demo")
SENHA = os.environ.get("WSATEND_TEST_SENHA")

needs_server = pytest.mark.skipif(
    not (URL and SENHA),
    reason="no server: set WSATEND_TEST_URL, WSATEND_TEST_USUARIO and WSATEND_TEST_SENHA")


@pytest.fixture
def ws(run):
    def _ws(*args, usuario=None):
        env = {"WSATEND_URL": URL, "WSATEND_USUARIO": usuario or USUARIO, "WSATEND_SENHA": SENHA,
               "WSATEND_EMPRESA": "01"}
        r = run("--formato", "json", *args, env=env)
        return r, (json.loads(r.stdout) if r.stdout else None)
    return _ws


def as_list(v):
    return v if isinstance(v, list) else [v]


def in_days(n):
    return (datetime.now(timezone(timedelta(hours=-3))) + timedelta(days=n)).replace(microsecond=0).isoformat()


def ok(res):
    r, doc = res
    assert r.returncode == 0, r.stdout + r.stderr
    assert doc["Resultado"]["Status"] in ("Sucesso", "SucessoComAvisos"), doc
    return doc


@needs_server
def test_venda_do_estoque_ao_encerramento(ws):
    tag = uuid.uuid4().hex[:6]
    v = ok(ws("venda", "estoque-incluir", "--deposito", "NOVOS", "--marca", "Hyundai", "--modelo", "Creta Cli " + tag,
              "--ano-modelo", "2027", "--preco", "134990.00", "--custo", "120000.00"))["VeiculoEstoque"]
    sid = as_list(v)[0]["Id"]
    found = ok(ws("venda", "estoque", "--modelo", "creta cli " + tag + "%"))["VeiculoEstoque"]
    assert as_list(found)[0]["Id"] == sid

    r, doc = ws("venda", "estoque", "--modelo", "%")
    assert r.returncode == 1
    assert [m["Codigo"] for m in as_list(doc["Resultado"]["Mensagem"])] == ["PESQUISA_SEM_PREFIXO"]

    at = ok(ws("atendimento", "incluir", "--prospect-nome", "Cliente Venda CLI", "--prospect-telefone", "11987654321",
               "--natureza", "VENDA_NOVO", "--origem", "SHOWROOM", "--canal", "PRESENCIAL"))["Atendimento"]
    aid = at["Id"]
    ok(ws("venda", "interesse", "--id-atendimento", aid, "--id-veiculo-estoque", sid))
    res = ok(ws("venda", "reservar", "--id-atendimento", aid, "--id-veiculo-estoque", sid, "--prazo", "2",
                "--unidade", "DIAS"))["Reserva"]
    ok(ws("venda", "cancelar-reserva", "--id", res["Id"], "--motivo", "teste do cliente"))

    av = ok(ws("venda", "avaliacao", "--id-atendimento", aid, "--placa", "ABC1D23", "--marca", "Fiat",
               "--modelo", "Uno", "--motivo", "troca"))["Avaliacao"]
    ok(ws("venda", "avaliacao-resultado", "--id", av["Id"], "--valor", "20000.00", "--reparos", "500.00"))
    assert ok(ws("venda", "consultar-avaliacao", "--id", av["Id"]))["Avaliacao"]["Situacao"] == "APROVADA"

    p = ok(ws("venda", "proposta", "--id-atendimento", aid, "--id-veiculo-estoque", sid, "--desconto", "10000",
              "--forma", "FINANCIAMENTO", "--entrada", "30000", "--parcelas", "36",
              "--id-avaliacao-troca", av["Id"]))["Proposta"]
    assert p["Situacao"] == "AGUARDANDO_APROVACAO" and p["ValorAPagar"] == "104990.00"
    r, _ = ws("venda", "aprovar", "--id", p["Id"])
    assert r.returncode != 0, "integracao is not a gerente"
    assert ok(ws("venda", "aprovar", "--id", p["Id"], usuario="gerente@demo"))["Proposta"]["Situacao"] == "APROVADA"
    assert ok(ws("venda", "consultar-proposta", "--id", p["Id"]))["Proposta"]["DecididoPor"] == "gerente"
    listed = ok(ws("venda", "propostas", "--id-atendimento", aid))["Proposta"]
    assert isinstance(listed, list) and listed[0]["Id"] == p["Id"]
    ok(ws("atendimento", "encerrar", "--id", aid, "--desfecho", "SUCESSO", "--id-proposta", p["Id"]))
    assert ok(ws("venda", "consultar-proposta", "--id", p["Id"]))["Proposta"]["Situacao"] == "VENDIDA"


@needs_server
def test_prorrogar_e_reprovar(ws):
    tag = uuid.uuid4().hex[:6]
    sid = ok(ws("venda", "estoque-incluir", "--deposito", "SEMINOVOS", "--marca", "Fiat", "--modelo", "Argo Cli " + tag,
                "--ano-modelo", "2022", "--preco", "70000", "--custo", "66000"))["VeiculoEstoque"][0]["Id"]
    aid = ok(ws("atendimento", "incluir", "--prospect-nome", "Cliente Reprova CLI", "--prospect-telefone",
                "11987654322", "--natureza", "VENDA_SEMINOVO", "--origem", "SITE", "--canal", "SITE"))["Atendimento"]["Id"]
    p = ok(ws("venda", "proposta", "--id-atendimento", aid, "--id-veiculo-estoque", sid, "--forma", "A_VISTA"))
    assert p["Proposta"]["Situacao"] == "AGUARDANDO_APROVACAO"   # margin 5.71 % < 6 %
    pid = p["Proposta"]["Id"]
    ext = ok(ws("venda", "prorrogar", "--id", pid, "--nova-validade", in_days(10), "--motivo", "feriado",
                usuario="gerente@demo"))["Proposta"]
    assert ext["Versao"] == "2"
    assert ok(ws("venda", "reprovar", "--id", pid, "--observacao", "margem", usuario="gerente@demo"))[
        "Proposta"]["Situacao"] == "REPROVADA"
