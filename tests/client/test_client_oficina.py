# SPDX-License-Identifier: GPL-2.0-or-later
"""test_client_oficina.py - `wsatend oficina` against a running server: the reference
lists, the free slots of a day, and one booking through its lifecycle (agendar,
confirmar, reagendar, cancelar, agendamento, agendamentos), then converting another
booking into a work order. Same environment as test_client.py.

Rule to know: the day is picked at random far ahead and the slot from the server's own
answer (horarios), so the test can run again on a long-lived database.
"""
import datetime
import json
import os
import random
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from brgen import cpf, vin  # noqa: E402

URL = os.environ.get("WSATEND_TEST_URL")
USUARIO = os.environ.get("WSATEND_TEST_USUARIO", "integracao@demo")
SENHA = os.environ.get("WSATEND_TEST_SENHA")

needs_server = pytest.mark.skipif(
    not (URL and SENHA),
    reason="no server: set WSATEND_TEST_URL, WSATEND_TEST_USUARIO and WSATEND_TEST_SENHA")


@pytest.fixture
def ws(run):
    def _ws(*args):
        env = {"WSATEND_URL": URL, "WSATEND_USUARIO": USUARIO, "WSATEND_SENHA": SENHA, "WSATEND_EMPRESA": "01"}
        r = run("--formato", "json", *args, env=env)
        return r.returncode, (json.loads(r.stdout) if r.stdout.strip() else {}), r.stderr

    return _ws


def as_list(v):
    return v if isinstance(v, list) else [v] if v else []


def workday(n):
    day, left = datetime.date.today(), n
    while left:
        day += datetime.timedelta(days=1)
        left -= day.weekday() < 5
    return day.isoformat()


def vehicle(ws):
    rc, doc, err = ws("pessoa", "incluir", "--nome", "Cliente Oficina", "--documento", cpf())
    assert rc == 0, err
    rc, doc, err = ws("veiculo", "incluir", "--chassi", vin(), "--quilometragem", "10000",
                      "--id-proprietario", doc["Pessoa"]["Id"])
    assert rc == 0, err
    return doc["Veiculo"]["Id"]


def free_slots(ws, day, servico="OLEO"):
    rc, doc, err = ws("oficina", "horarios", "--data", day, "--servico", servico)
    assert rc == 0, err
    return [h for h in as_list(doc.get("Horario")) if int(h["Vagas"]) > 0]


@needs_server
def test_reference_lists(ws):
    rc, doc, err = ws("oficina", "servicos")
    assert rc == 0, err
    assert "REV10" in [s["Codigo"] for s in as_list(doc["Servico"])]
    rc, doc, err = ws("oficina", "produtivos", "--tipo", "consultor")
    assert rc == 0, err
    assert [p["Codigo"] for p in as_list(doc["Produtivo"])] == ["CS01", "CS02"]
    for verb, key in (("tipos-os", "TipoOS"), ("tipos-agendamento", "TipoAgendamento")):
        rc, doc, err = ws("oficina", verb)
        assert rc == 0 and as_list(doc[key]), err


@needs_server
def test_booking_lifecycle(ws):
    day = workday(random.randint(100, 600))
    slots = free_slots(ws, day)
    assert len(slots) >= 2
    rc, doc, err = ws("oficina", "agendar", "--id-veiculo", vehicle(ws), "--data-hora", slots[0]["DataHora"],
                      "--servico", "OLEO", "--peca", "FILTRO-OLEO:1")
    assert rc == 0, err
    b = doc["Agendamento"]
    assert b["Situacao"] == "AGENDADO" and b["DataHora"] == slots[0]["DataHora"]
    rc, doc, err = ws("oficina", "confirmar", "--id", b["Id"], "--versao", b["Versao"], "--canal", "whatsapp")
    assert rc == 0 and doc["Agendamento"]["Situacao"] == "CONFIRMADO", err
    rc, doc, err = ws("oficina", "confirmar", "--id", b["Id"], "--versao", "2")
    assert rc == 1 and "OPERACAO_NAO_PERMITIDA" in json.dumps(doc), err
    rc, doc, err = ws("oficina", "reagendar", "--id", b["Id"], "--versao", "2", "--data-hora",
                      slots[-1]["DataHora"], "--motivo", "cliente pediu")
    assert rc == 0 and doc["Agendamento"]["Situacao"] == "AGENDADO", err
    rc, doc, err = ws("oficina", "cancelar", "--id", b["Id"], "--versao", "3")
    assert rc == 1 and "CAMPO_OBRIGATORIO" in json.dumps(doc), err
    rc, doc, err = ws("oficina", "cancelar", "--id", b["Id"], "--versao", "3", "--motivo", "desistiu")
    assert rc == 0 and doc["Agendamento"]["Situacao"] == "CANCELADO", err
    rc, doc, err = ws("oficina", "agendamento", "--id", b["Id"])
    assert rc == 0, err
    assert [e["Tipo"] for e in as_list(doc["Agendamento"]["Evento"])] == [
        "AGENDADO", "CONFIRMADO", "REAGENDADO", "CANCELADO"]
    rc, doc, err = ws("oficina", "agendamentos", "--de", day + "T00:00:00-03:00", "--ate",
                      day + "T23:59:59-03:00", "--situacao", "CANCELADO")
    assert rc == 0, err
    assert b["Id"] in [a["Id"] for a in as_list(doc.get("Agendamento"))]


@needs_server
def test_convert_and_no_show(ws):
    day = workday(random.randint(100, 600))
    slots = free_slots(ws, day, "DIAG")
    rc, doc, err = ws("oficina", "agendar", "--id-veiculo", vehicle(ws), "--data-hora", slots[0]["DataHora"],
                      "--servico", "DIAG")
    assert rc == 0, err
    b = doc["Agendamento"]
    rc, doc, err = ws("oficina", "converter-os", "--id", b["Id"], "--versao", "1", "--tipo-os", "CLIENTE")
    assert rc == 0, err
    assert doc["OrdemServico"]["Situacao"] == "ABERTA" and doc["OrdemServico"]["Total"] == "120.00"
    rc, doc, err = ws("oficina", "agendar", "--id-veiculo", vehicle(ws), "--data-hora", slots[1]["DataHora"])
    assert rc == 0, err
    b = doc["Agendamento"]
    rc, doc, err = ws("oficina", "no-show", "--id", b["Id"], "--versao", "1")
    assert rc == 0 and doc["Agendamento"]["Situacao"] == "NAO_COMPARECEU", err


@needs_server
def test_quote_and_work_order(ws):
    v = vehicle(ws)
    rc, doc, err = ws("oficina", "orcamento", "--id-veiculo", v, "--item", "MAO_DE_OBRA:FREIO:2.5:150:10",
                      "--item", "PECA:PASTILHA:4:45.90")
    assert rc == 0, err
    q = doc["Orcamento"]
    assert q["Situacao"] == "ABERTO" and q["Total"] == "521.10"
    rc, doc, err = ws("oficina", "aprovar-orcamento", "--id", q["Id"], "--versao", "1")
    assert rc == 0 and doc["Orcamento"]["Situacao"] == "APROVADO", err
    rc, doc, err = ws("oficina", "converter-orcamento", "--id", q["Id"], "--versao", "2")
    assert rc == 0, err
    os_ = doc["OrdemServico"]
    assert os_["Total"] == "521.10"
    rc, doc, err = ws("oficina", "resposta-cliente", "--id", os_["Id"], "--versao", "1", "--recusado", "2")
    assert rc == 0, err
    rc, doc, err = ws("oficina", "prorrogar-os", "--id", os_["Id"], "--versao", "2", "--previsao-entrega",
                      "2030-01-10T17:00:00-03:00", "--motivo", "peça")
    assert rc == 0, err
    rc, doc, err = ws("oficina", "encerrar-os", "--id", os_["Id"], "--versao", "3")
    assert rc == 0 and doc["OrdemServico"]["Situacao"] == "ENCERRADA", err
    rc, doc, err = ws("oficina", "os", "--id", os_["Id"])
    assert rc == 0 and [i.get("RespostaCliente") for i in as_list(doc["OrdemServico"]["Item"])] == [
        "APROVADO", "RECUSADO"], err
    rc, doc, err = ws("oficina", "listar-os", "--id-veiculo", v)
    assert rc == 0 and [o["Id"] for o in as_list(doc["OrdemServico"])] == [os_["Id"]], err
    rc, doc, err = ws("oficina", "consultar-orcamento", "--id", q["Id"])
    assert rc == 0 and doc["Orcamento"]["Situacao"] == "CONVERTIDO_OS", err
    rc, doc, err = ws("oficina", "abrir-os", "--id-veiculo", v, "--item", "PECA:X:1:10")
    assert rc == 0 and doc["OrdemServico"]["Situacao"] == "ABERTA", err


@needs_server
def test_vehicle_side(ws):
    rc, doc, err = ws("pessoa", "incluir", "--nome", "Cliente Frota", "--documento", cpf())
    assert rc == 0, err
    owner = doc["Pessoa"]["Id"]
    chassi = vin()
    rc, doc, err = ws("veiculo", "incluir", "--chassi", chassi, "--id-proprietario", owner)
    assert rc == 0, err
    v = doc["Veiculo"]["Id"]
    code = "CLI-%d" % random.randint(1, 10 ** 9)
    rc, doc, err = ws("oficina", "carregar-campanha", "--codigo", code, "--descricao", "Recall teste",
                      "--tipo", "recall", "--inicio", "2026-01-01", "--chassi", chassi)
    assert rc == 0 and doc["ChassisIncluidos"] == "1", err
    rc, doc, err = ws("oficina", "campanhas", "--chassi", chassi)
    assert rc == 0 and code in [c["Codigo"] for c in as_list(doc["Campanha"])], err
    rc, doc, err = ws("oficina", "frota", "--id-cliente", owner)
    assert rc == 0 and [x["Id"] for x in as_list(doc["Veiculo"])] == [v], err
    rc, doc, err = ws("oficina", "abrir-os", "--id-veiculo", v)
    assert rc == 0, err
    rc, doc, err = ws("oficina", "historico", "--chassi", chassi)
    assert rc == 0 and len(as_list(doc["OrdemServico"])) == 1, err
