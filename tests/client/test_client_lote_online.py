# SPDX-License-Identifier: GPL-2.0-or-later
"""test_client_lote_online.py - `wsatend lote enviar` of atendimentos
(IncluirAtendimentosLote) and workshop bookings (IncluirAgendamentosLote) against a
running server: a CSV and an XML file of each, what the server stored, the results
file, and a rerun resuming from the journal or, without it, from ConsultarLote.
Same environment as test_client.py (WSATEND_TEST_URL, _USUARIO, _SENHA).

Rule to know: each run uses its own IdExterno prefix, person, vehicle and day, so it
can run again on a long-lived database.
"""
import datetime
import json
import os
import pathlib
import random
import string
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from brgen import cpf, phone, vin  # noqa: E402

from wsatend_fake import NS  # noqa: E402

URL = os.environ.get("WSATEND_TEST_URL")
USUARIO = os.environ.get("WSATEND_TEST_USUARIO", "integracao@demo")
SENHA = os.environ.get("WSATEND_TEST_SENHA")
REPO = pathlib.Path(__file__).resolve().parents[2]

needs_server = pytest.mark.skipif(
    not (URL and SENHA),
    reason="no server: set WSATEND_TEST_URL, WSATEND_TEST_USUARIO and WSATEND_TEST_SENHA")


@pytest.fixture
def ws(run):
    """ws(*args) -> CompletedProcess; the client against the test server, branch 01."""

    def _ws(*args):
        env = {"WSATEND_URL": URL, "WSATEND_USUARIO": USUARIO, "WSATEND_SENHA": SENHA, "WSATEND_EMPRESA": "01"}
        return run("--formato", "json", *args, env=env, timeout=120)

    return _ws


def doc(r):
    assert r.returncode == 0, r.stdout + r.stderr
    return json.loads(r.stdout)


def as_list(v):
    return v if isinstance(v, list) else [v] if v else []


def prefix():
    return "".join(random.choice(string.ascii_uppercase) for _ in range(8))


def enviar(ws, path, *extra):
    return ws("lote", "enviar", str(path), "--tamanho", "3", "--esquema",
              str(REPO / "wsdl" / "xsd"), *extra)


def results(path):
    lines = pathlib.Path(str(path) + ".resultado.csv").read_text(encoding="utf-8").splitlines()
    return {int(l.split(";")[0]): l.split(";") for l in lines[1:]}


def person(ws):
    return doc(ws("pessoa", "incluir", "--nome", "Cliente Lote Online", "--documento", cpf()))["Pessoa"]["Id"]


def later(days):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


# ---- atendimentos ------------------------------------------------------------------

@needs_server
def test_atendimentos_csv_stored_then_resumed_from_journal_and_server(ws, tmp_path):
    pre, pid, tel = prefix(), person(ws), phone()
    path = tmp_path / "leads.csv"
    path.write_text(
        "IdExterno;IdPessoa;ProspectNome;ProspectTelefone;ProspectWhatsApp;ProspectEmail;ProspectOrigem;Natureza;"
        "Origem;Canal;Descricao;Modelo;AnoModelo;InteresseCarroNovo;ProximoContatoDataHora;ProximoContatoTipo\n"
        f"{pre}-1;;Lead {pre};{tel};sim;{pre.lower()}@example.com;SITE;VENDA_NOVO;SITE;WHATSAPP;Quer SUV;Compass;"
        f"2026;sim;{later(3)};LIGACAO\n"                                                  # 2: prospect
        f"{pre}-2;{pid};;;;;;POS_VENDA;;TELEFONE;Barulho no freio;;;;;\n"                 # 3: person
        f"{pre}-3;{pid};;;;;;POS_VENDA;;EMAIL;Mandou e-mail também;;;;;\n"                # 4: VINCULAR 3
        f"{pre}-4;{pid};;;;;;NAO_EXISTE;;SITE;;;;;;\n"                                    # 5: server rejects
        f"{pre}-5;{pid};;;;;;INFORMACAO;;FAX;;;;;;\n"                                     # 6: local reject
        f"{pre}-1;{pid};;;;;;INFORMACAO;;SITE;;;;;;\n",                                   # 7: same IdExterno
        encoding="utf-8")
    r = enviar(ws, path, "--tipo", "atendimento")
    assert r.returncode == 1, r.stderr
    res = results(path)
    assert {k: v[2] for k, v in res.items()} == {2: "CRIADO", 3: "CRIADO", 4: "ATUALIZADO", 5: "REJEITADO",
                                                 6: "REJEITADO", 7: "REJEITADO"}, res
    assert res[4][3] == res[3][3], "VINCULAR: the second record answers the first one's Id"
    assert (res[5][4], res[5][5]) == ("NAO_ENCONTRADO", '"Atendimento/Natureza"'), res[5]
    assert (res[6][4], res[6][5]) == ("VALOR_INVALIDO", '"Atendimento/Canal"'), res[6]
    assert (res[7][4], res[7][5]) == ("JA_EXISTENTE", '"Atendimento/IdExterno"'), res[7]

    lead = doc(ws("atendimento", "consultar", "--id", res[2][3]))["Atendimento"]
    assert lead["IdExterno"] == f"{pre}-1" and lead["Natureza"] == "VENDA_NOVO" and lead["Canal"] == "WHATSAPP"
    assert lead["VeiculoInteresse"] == {"Modelo": "Compass", "AnoModelo": "2026"}
    assert lead["InteresseCarroNovo"] == "true" and lead["ProximoContato"]["Tipo"] == "LIGACAO"
    prospect = as_list(doc(ws("pessoa", "consultar", "--id", lead["IdPessoa"]))["Pessoa"])[0]
    assert prospect["Nome"] == f"Lead {pre}" and prospect["Situacao"] == "PROSPECT"
    t = as_list(prospect["Telefone"])[0]
    assert t["Numero"] == "+55" + "".join(c for c in tel if c.isdigit()) and t["WhatsApp"] == "true"
    assert as_list(prospect["Email"])[0]["Endereco"] == f"{pre.lower()}@example.com"
    other = doc(ws("atendimento", "consultar", "--id", res[3][3]))["Atendimento"]
    assert other["IdPessoa"] == pid and other["Natureza"] == "POS_VENDA"

    # the same command again: the journal has every answer, nothing is sent
    r = enviar(ws, path, "--tipo", "atendimento")
    assert r.returncode == 1 and "retomando; 5 registros" in r.stderr, r.stderr
    assert results(path) == res
    # the journal lost: rebuilt from ConsultarLote, still nothing applied twice
    os.unlink(str(path) + ".diario")
    r = enviar(ws, path, "--tipo", "atendimento")
    assert r.returncode == 1 and "5 registros recuperados do servidor" in r.stderr, r.stderr
    assert {k: v[2:4] for k, v in results(path).items()} == {k: v[2:4] for k, v in res.items()}
    listed = doc(ws("atendimento", "listar", "--id-pessoa", pid))
    assert len(as_list(listed.get("Atendimento"))) == 1, "records 3 and 4 made one atendimento"


@needs_server
def test_atendimentos_xml(ws, tmp_path):
    pre, pid = prefix(), person(ws)
    path = tmp_path / "leads.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ArquivoLote xmlns="{NS}">\n'
        f'<Atendimento><IdExterno>{pre}-1</IdExterno><Prospect><Nome>Lead XML {pre}</Nome>'
        f'<Email>{pre.lower()}.xml@example.com</Email></Prospect><Natureza>VENDA_SEMINOVO</Natureza>'
        '<Canal>SITE</Canal><VeiculoInteresse><Modelo>Onix</Modelo><Cor>Branco</Cor></VeiculoInteresse>'
        '</Atendimento>\n'
        f'<Atendimento><IdExterno>{pre}-2</IdExterno><IdPessoa>{pid}</IdPessoa><Natureza>INFORMACAO</Natureza>'
        f'<Canal>CHATBOT</Canal><ProximoContato><DataHora>{later(2)}</DataHora><Tipo>WHATSAPP</Tipo>'
        '<Observacao>retornar</Observacao></ProximoContato></Atendimento>\n'
        '</ArquivoLote>\n', encoding="utf-8")
    r = enviar(ws, path)
    assert r.returncode == 0, r.stderr
    res = results(path)
    assert [v[2] for v in res.values()] == ["CRIADO", "CRIADO"], res
    a = doc(ws("atendimento", "consultar", "--id", res[3][3]))["Atendimento"]
    assert a["Natureza"] == "VENDA_SEMINOVO" and a["VeiculoInteresse"] == {"Modelo": "Onix", "Cor": "Branco"}
    b = doc(ws("atendimento", "consultar", "--id", res[4][3]))["Atendimento"]
    assert b["ProximoContato"]["Tipo"] == "WHATSAPP" and b["ProximoContato"]["Observacao"] == "retornar"


@needs_server
def test_a_refusal_of_the_call_itself_stops_and_leaves_the_records_pending(ws, run, tmp_path):
    """An unknown branch refuses every call (Falha on Cabecalho/Empresa, no per-record
    results): the job stops at once, nothing is journaled as rejected, and the same
    command with the right branch sends every record."""
    pre, pid = prefix(), person(ws)
    path = tmp_path / "filial.csv"
    path.write_text("IdExterno;IdPessoa;Natureza;Canal\n" + "".join(
        f"{pre}-{i};{pid};INFORMACAO;SITE\n" for i in range(5)), encoding="utf-8")
    env = {"WSATEND_URL": URL, "WSATEND_USUARIO": USUARIO, "WSATEND_SENHA": SENHA, "WSATEND_EMPRESA": "99"}
    r = run("lote", "enviar", str(path), "--tipo", "atendimento", "--tamanho", "2", env=env, timeout=120)
    assert r.returncode == 1, r.stderr
    assert "recusou a chamada inteira (NAO_ENCONTRADO" in r.stderr, r.stderr
    assert {v[2] for v in results(path).values()} == {"PENDENTE"}
    r = enviar(ws, path, "--tipo", "atendimento")
    assert r.returncode == 0, r.stderr
    assert {v[2] for v in results(path).values()} == {"CRIADO"}


# ---- workshop bookings ---------------------------------------------------------------

def workday(n):
    day, left = datetime.date.today(), n
    while left:
        day += datetime.timedelta(days=1)
        left -= day.weekday() < 5
    return day.isoformat()


def vehicle(ws):
    chassi = vin()
    v = doc(ws("veiculo", "incluir", "--chassi", chassi, "--quilometragem", "10000", "--id-proprietario",
               person(ws)))["Veiculo"]
    return v["Id"], chassi


def free_slots(ws, day, servico):
    d = doc(ws("oficina", "horarios", "--data", day, "--servico", servico))
    return [h["DataHora"] for h in as_list(d.get("Horario")) if int(h["Vagas"]) > 0]


@needs_server
def test_agendamentos_csv_stored(ws, tmp_path):
    pre = prefix()
    (vid, chassi), (vid2, _) = vehicle(ws), vehicle(ws)
    day = workday(random.randint(100, 600))
    slots = free_slots(ws, day, "OLEO")
    assert len(slots) >= 2
    path = tmp_path / "agenda.csv"
    path.write_text(
        "IdExterno,IdVeiculo,Chassi,Quilometragem,DataHora,Servico,Peca,Observacao\n"
        f'{pre}-1,{vid},,12000,{slots[0]},OLEO,"FILTRO-OLEO:1",traz a chave reserva\n'    # 2
        f"{pre}-2,,{chassi},,{slots[1]},OLEO|DIAG,,\n"                                    # 3: by VIN
        f"{pre}-3,{vid2},,,{slots[1]},NAO_EXISTE,,\n"                                     # 4: unknown service
        f"{pre}-1,{vid2},,,{slots[0]},OLEO,,\n"                                           # 5: same IdExterno
        f"{pre}-5,{vid2},,,{slots[0]},OLEO,FILTRO,\n",                                    # 6: local reject
        encoding="utf-8")
    r = enviar(ws, path, "--tipo", "agendamento")
    assert r.returncode == 1, r.stderr
    res = results(path)
    assert {k: v[2] for k, v in res.items()} == {2: "CRIADO", 3: "CRIADO", 4: "REJEITADO", 5: "REJEITADO",
                                                 6: "REJEITADO"}, res
    assert "Servico" in res[4][5], res[4]
    assert (res[5][4], res[5][5]) == ("JA_EXISTENTE", '"Agendamento/IdExterno"'), res[5]
    assert (res[6][4], res[6][5]) == ("VALOR_INVALIDO", '"Agendamento/Peca"'), res[6]
    b = doc(ws("oficina", "agendamento", "--id", res[2][3]))["Agendamento"]
    assert b["IdExterno"] == f"{pre}-1" and b["IdVeiculo"] == vid and b["DataHora"] == slots[0]
    assert [s["Codigo"] for s in as_list(b["Servico"])] == ["OLEO"]
    assert [(p["Codigo"], float(p["Quantidade"])) for p in as_list(b["Peca"])] == [("FILTRO-OLEO", 1.0)]
    assert b["Observacao"] == "traz a chave reserva"
    c = doc(ws("oficina", "agendamento", "--id", res[3][3]))["Agendamento"]
    assert c["IdVeiculo"] == vid and sorted(s["Codigo"] for s in as_list(c["Servico"])) == ["DIAG", "OLEO"]

    r = enviar(ws, path, "--tipo", "agendamento")
    assert r.returncode == 1 and "retomando; 4 registros" in r.stderr, r.stderr


@needs_server
def test_agendamentos_xml(ws, tmp_path):
    pre = prefix()
    vid, _ = vehicle(ws)
    slots = free_slots(ws, workday(random.randint(100, 600)), "DIAG")
    path = tmp_path / "agenda.xml"
    path.write_text(
        f'<ArquivoLote xmlns="{NS}">\n'
        f'<Agendamento><IdExterno>{pre}-1</IdExterno><IdVeiculo>{vid}</IdVeiculo><DataHora>{slots[0]}</DataHora>'
        '<Servico><Codigo>DIAG</Codigo></Servico><Peca><Codigo>FILTRO-OLEO</Codigo><Quantidade>2</Quantidade>'
        '</Peca></Agendamento>\n'
        '</ArquivoLote>\n', encoding="utf-8")
    r = enviar(ws, path)
    assert r.returncode == 0, r.stderr
    res = results(path)
    b = doc(ws("oficina", "agendamento", "--id", res[2][3]))["Agendamento"]
    assert [s["Codigo"] for s in as_list(b["Servico"])] == ["DIAG"]
    assert [(p["Codigo"], float(p["Quantidade"])) for p in as_list(b["Peca"])] == [("FILTRO-OLEO", 2.0)]
