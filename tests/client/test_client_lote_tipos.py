# SPDX-License-Identifier: GPL-2.0-or-later
"""test_client_lote_tipos.py - `wsatend lote enviar` for atendimentos
(IncluirAtendimentosLote) and workshop bookings (IncluirAgendamentosLote) without the
real server: CSV and XML input read, mapped onto the contract's elements, bad values
rejected locally with their line, and what goes on the wire, against
tests/client/wsatend_fake.py answering each record CRIADO.

The same run against the real server is tests/client/test_client_lote_online.py.
"""
import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

from wsatend_fake import NS, envelope, resultado, FakeSoapServer

REPO = pathlib.Path(__file__).resolve().parents[2]
XSD = str(REPO / "wsdl" / "xsd")
CREDS = {"WSATEND_USUARIO": "integracao@demo", "WSATEND_SENHA": "s3nh@", "TZ": "America/Sao_Paulo"}
Q = "{%s}" % NS


def bulk_answer(raw):
    """Every record CRIADO with Id 1000 + its Sequencia; ConsultarLote: no such batch."""
    body = list(ET.fromstring(raw).find("{http://schemas.xmlsoap.org/soap/envelope/}Body"))[0]
    op = body.tag.split("}")[1]
    if op == "ConsultarLote":
        return 200, envelope(f"<ws:ConsultarLoteResponse>"
                             f"{resultado('Falha', [('NAO_ENCONTRADO', 'Erro', 'IdLote', 'lote desconhecido')])}"
                             f"</ws:ConsultarLoteResponse>")
    items = []
    for i, reg in enumerate(body.findall(Q + "Registro"), 1):
        seq = reg.findtext(Q + "Sequencia")
        items.append(f"<ws:ResultadoRegistro><ws:Ordem>{i}</ws:Ordem><ws:Chave>{reg.findtext(Q + 'Chave')}"
                     f"</ws:Chave><ws:Sequencia>{seq}</ws:Sequencia><ws:Situacao>CRIADO</ws:Situacao>"
                     f"<ws:Id>{1000 + int(seq)}</ws:Id></ws:ResultadoRegistro>")
    return 200, envelope(f"<ws:{op}Response>{resultado()}{''.join(items)}</ws:{op}Response>")


@pytest.fixture
def srv():
    with FakeSoapServer() as s:
        s.respond_with(bulk_answer)
        yield s


def enviar(run, srv, path, *extra):
    return run("--url", srv.url, "lote", "enviar", str(path), "--conexoes", "1", "--esquema", XSD, *extra,
               env=CREDS)


def sent(srv, op):
    """Registro elements of every call of op, in order."""
    regs = []
    for _, raw in srv.requests:
        body = list(ET.fromstring(raw).find("{http://schemas.xmlsoap.org/soap/envelope/}Body"))[0]
        if body.tag == Q + op:
            regs += body.findall(Q + "Registro")
    return regs


def results(path):
    lines = pathlib.Path(str(path) + ".resultado.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "linha;chave;situacao;id;codigo;campo;mensagem"
    return {int(l.split(";")[0]): l.split(";") for l in lines[1:]}


def text(el, path):
    return el.findtext("/".join(Q + p for p in path.split("/")))


# ---- atendimentos ------------------------------------------------------------------

ATEND_HEADER = ("IdExterno;IdPessoa;ProspectNome;Telefone;WhatsApp;ProspectEmail;ProspectOrigem;"
                "ProspectObservacao;Natureza;Origem;Canal;Descricao;IdVeiculo;Modelo;VeiculoInteresseVersaoModelo;"
                "Cor;AnoModelo;InteresseCarroNovo;Consultor;ProximoContatoDataHora;ProximoContatoTipo;"
                "ProximoContatoObservacao\n")


def test_atendimento_csv_is_mapped_checked_and_sent(run, srv, tmp_path):
    path = tmp_path / "leads.csv"
    rows = [
        # line 2: a lead with an inline prospect, interest, next contact (local time)
        "A-1;;Maria Souza;(11) 98765-4321;sim;maria@example.com;SITE;veio do site;VENDA_NOVO;SITE;WHATSAPP;"
        "Quer um SUV;;Compass;Limited;Preto;2026;S;;2026-12-01 10:00;LIGACAO;ligar de manhã",
        # line 3: an existing person, a vehicle, nothing nested
        "A-2;42;;;;;;;POS_VENDA;;TELEFONE;Barulho no freio;7;;;;;não;C01;;;",
        # lines 4..9: one bad value each
        "A-3;;Ana;11999990000;;;;;VENDA_NOVO;;FAX;;;;;;;;;;;",
        "A-4;abc;;;;;;;VENDA_NOVO;;EMAIL;;;;;;;;;;;",
        "A-5;1;;;;;;;VENDA_NOVO;;EMAIL;;;;;;;talvez;;;;",
        "A-6;1;;;;;;;VENDA_NOVO;;EMAIL;;;;;;;;;amanhã cedo;;",
        "A-7;1;;;;;;;VENDA_NOVO;;EMAIL;;;;;;dois mil;;;;;",
        "A-8;1;;;;;;;VENDA_NOVO;;EMAIL;;;;;;;;;2026-12-01T10:00:00-03:00;FAX;",
        # line 10: a missing column
        "A-9;1;;;",
    ]
    path.write_text(ATEND_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    r = enviar(run, srv, path, "--tipo", "atendimento")
    assert r.returncode == 1, r.stderr
    assert "ignorada" not in r.stderr, r.stderr            # every header was recognised

    regs = sent(srv, "IncluirAtendimentosLote")
    assert [x.findtext(Q + "Sequencia") for x in regs] == ["2", "3"]
    idlote = r.stdout.strip()
    assert re.fullmatch(r"l[0-9a-f]{24}", idlote)
    assert [x.findtext(Q + "Chave") for x in regs] == [f"{idlote}.2", f"{idlote}.3"]

    a = regs[0].find(Q + "Atendimento")
    assert [c.tag.split("}")[1] for c in a] == [
        "IdExterno", "Prospect", "Natureza", "Origem", "Canal", "Descricao", "VeiculoInteresse",
        "InteresseCarroNovo", "ProximoContato"]
    assert text(a, "Prospect/Nome") == "Maria Souza"
    assert text(a, "Prospect/Telefone/Numero") == "(11) 98765-4321"
    assert text(a, "Prospect/Telefone/WhatsApp") == "true"
    assert text(a, "Prospect/Email") == "maria@example.com"
    assert text(a, "Prospect/Origem") == "SITE" and text(a, "Prospect/Observacao") == "veio do site"
    assert text(a, "Canal") == "WHATSAPP" and text(a, "Natureza") == "VENDA_NOVO"
    assert text(a, "VeiculoInteresse/Modelo") == "Compass"
    assert text(a, "VeiculoInteresse/VersaoModelo") == "Limited"
    assert text(a, "VeiculoInteresse/Cor") == "Preto" and text(a, "VeiculoInteresse/AnoModelo") == "2026"
    assert text(a, "InteresseCarroNovo") == "true"
    assert text(a, "ProximoContato/DataHora") == "2026-12-01T10:00:00-03:00"
    assert text(a, "ProximoContato/Tipo") == "LIGACAO"
    assert text(a, "ProximoContato/Observacao") == "ligar de manhã"

    b = regs[1].find(Q + "Atendimento")
    assert [c.tag.split("}")[1] for c in b] == [
        "IdExterno", "IdPessoa", "Natureza", "Canal", "Descricao", "IdVeiculo", "InteresseCarroNovo", "Responsavel"]
    assert text(b, "IdPessoa") == "42" and text(b, "IdVeiculo") == "7"
    assert text(b, "InteresseCarroNovo") == "false" and text(b, "Responsavel") == "C01"

    res = results(path)
    assert len(res) == 9
    assert res[2][2:4] == ["CRIADO", "1002"] and res[3][2:4] == ["CRIADO", "1003"]
    expected = {
        4: ("Atendimento/Canal", "Canal deve ser EMAIL, CHATBOT, TELEFONE, WHATSAPP, SMS, PRESENCIAL ou SITE."),
        5: ("Atendimento/IdPessoa", "IdPessoa deve ser um Id"),
        6: ("Atendimento/InteresseCarroNovo", "InteresseCarroNovo deve ser sim ou não"),
        7: ("Atendimento/ProximoContato/DataHora", "ProximoContatoDataHora deve ser data e hora"),
        8: ("Atendimento/VeiculoInteresse/AnoModelo", "VeiculoInteresseAnoModelo deve ser um número inteiro"),
        9: ("Atendimento/ProximoContato/Tipo", "ProximoContatoTipo deve ser LIGACAO, EMAIL, WHATSAPP, SMS ou VISITA"),
    }
    for line, (campo, msg) in expected.items():
        assert res[line][2] == "REJEITADO" and res[line][4] == "VALOR_INVALIDO", res[line]
        assert res[line][5] == f'"{campo}"' and msg in res[line][6], res[line]
    assert res[10][4] == "ESTRUTURA_INVALIDA" and "Linha 10" in res[10][6]
    assert "2 gravados (2 criados, 0 atualizados), 7 rejeitados (7 na leitura)" in r.stderr


def test_atendimento_csv_with_mapping_file_and_windows_1252(run, srv, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_bytes("COD,CLIENTE_NOME,FONE_CLI,E-MAIL,NAT,CANAL_ORIGEM,OBS\n"
                     "L-1,José Conceição,11 3333-4444,,VENDA_NOVO,TELEFONE,“urgente”\n".encode("cp1252"))
    mapa = tmp_path / "crm.mapa"
    mapa.write_text("COD = IdExterno\nCLIENTE_NOME = ProspectNome\nFONE_CLI = ProspectTelefone\n"
                    "E-MAIL = ProspectEmail\nNAT = Natureza\nCANAL_ORIGEM = Canal\nOBS = Descricao\n")
    r = enviar(run, srv, path, "--tipo", "atendimento", "--mapa", str(mapa))
    assert r.returncode == 0, r.stderr
    assert "windows-1252" in r.stderr
    a = sent(srv, "IncluirAtendimentosLote")[0].find(Q + "Atendimento")
    assert text(a, "Prospect/Nome") == "José Conceição"
    assert text(a, "Prospect/Telefone/Numero") == "11 3333-4444"
    assert a.find(Q + "Prospect/" + Q + "Telefone/" + Q + "WhatsApp") is None
    assert a.find(Q + "Prospect/" + Q + "Email") is None
    assert text(a, "Descricao") == "“urgente”"

    mapa.write_text("NAT = NaturezaX\n")
    r = enviar(run, srv, path, "--tipo", "atendimento", "--mapa", str(mapa))
    assert r.returncode == 2 and "campo desconhecido 'NaturezaX'" in r.stderr


def test_atendimento_xml_type_from_elements_and_schema_per_record(run, srv, tmp_path):
    path = tmp_path / "leads.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ArquivoLote xmlns="{NS}">\n'
        '  <Atendimento><IdExterno>X-1</IdExterno>\n'
        '    <Prospect><Nome>Carla</Nome><Telefone><Numero>11988887777</Numero><WhatsApp>true</WhatsApp>'
        '</Telefone><Email>carla@example.com</Email></Prospect>\n'
        '    <Natureza>VENDA_NOVO</Natureza><Canal>SITE</Canal>\n'
        '    <VeiculoInteresse><Modelo>Kwid</Modelo><AnoModelo>2025</AnoModelo></VeiculoInteresse>\n'
        '    <ProximoContato><DataHora>2026-12-02T09:30:00Z</DataHora><Responsavel>C02</Responsavel>'
        '<Tipo>VISITA</Tipo></ProximoContato>\n'
        '  </Atendimento>\n'
        '  <Atendimento><IdExterno>X-2</IdExterno><IdPessoa>5</IdPessoa><Natureza>VENDA_NOVO</Natureza>'
        '<Canal>FAX</Canal></Atendimento>\n'
        '  <Atendimento><IdExterno>X-3</IdExterno><IdPessoa>5</IdPessoa><Natureza>POS_VENDA</Natureza>'
        '<Canal>SMS</Canal><ProximoContato><DataHora>2026-12-02T09:30:00</DataHora></ProximoContato>'
        '</Atendimento>\n'
        '</ArquivoLote>\n', encoding="utf-8")
    r = enviar(run, srv, path)
    assert r.returncode == 1, r.stderr
    regs = sent(srv, "IncluirAtendimentosLote")
    assert [x.findtext(Q + "Sequencia") for x in regs] == ["3", "10"]
    a = regs[0].find(Q + "Atendimento")
    assert text(a, "Prospect/Nome") == "Carla" and text(a, "Prospect/Telefone/WhatsApp") == "true"
    assert text(a, "Prospect/Email") == "carla@example.com"
    assert text(a, "VeiculoInteresse/Modelo") == "Kwid" and text(a, "VeiculoInteresse/AnoModelo") == "2025"
    assert text(a, "ProximoContato/DataHora") == "2026-12-02T09:30:00Z"
    assert text(a, "ProximoContato/Responsavel") == "C02" and text(a, "ProximoContato/Tipo") == "VISITA"
    # an XML dateTime without offset means local time, as on the command line
    assert text(regs[1].find(Q + "Atendimento"), "ProximoContato/DataHora") == "2026-12-02T09:30:00-03:00"
    res = results(path)
    assert res[9][2] == "REJEITADO" and res[9][4] == "ESTRUTURA_INVALIDA" and "Canal" in res[9][6], res[9]


def test_tipo_given_and_elements_of_another_type(run, srv, tmp_path):
    path = tmp_path / "misto.xml"
    path.write_text(f'<ArquivoLote xmlns="{NS}"><Atendimento><IdExterno>M-1</IdExterno></Atendimento>'
                    '</ArquivoLote>\n')
    r = enviar(run, srv, path, "--tipo", "agendamento")
    assert r.returncode == 5, r.stderr
    res = results(path)
    assert res[1][4] == "ESTRUTURA_INVALIDA" and "num arquivo de agendamentos" in res[1][6]
    assert not sent(srv, "IncluirAgendamentosLote") and not sent(srv, "IncluirAtendimentosLote")


def test_same_file_other_type_is_another_batch(run, srv, tmp_path):
    path = tmp_path / "comum.csv"
    path.write_text("IdExterno;Observacao\nK-1;x\n")
    ids = []
    for tipo in ("atendimento", "agendamento", "atendimento"):
        for f in tmp_path.glob("comum.csv.*"):
            f.unlink()
        r = enviar(run, srv, path, "--tipo", tipo)
        assert r.returncode == 0, r.stderr
        ids.append(r.stdout.strip())
    assert ids[0] == ids[2] != ids[1]
    assert len(sent(srv, "IncluirAtendimentosLote")) == 2 and len(sent(srv, "IncluirAgendamentosLote")) == 1


# ---- agendamentos -------------------------------------------------------------------

def test_agendamento_csv_is_mapped_checked_and_sent(run, srv, tmp_path):
    path = tmp_path / "agenda.csv"
    rows = [
        # line 2: by plate, services and parts (decimal comma), local time
        'B-1,,ABC1D23,,,,45000,2026-12-03 08:30,C01,REVISAO,REV10|ALINH,"FILTRO-OLEO:1|OLEO-5W30:4,5","Revisão, cliente aguarda"',
        # line 3: by ids
        "B-2,7,,,42,99,12000,2026-12-03T09:00:00-03:00,,, TROCA_OLEO | DIAG ,FILTRO : 2,",
        # lines 4..10: one bad value each
        "B-3,,ABC1D23,,,,dez mil,2026-12-03T09:00:00-03:00,,,,,",
        "B-4,,ABC1D23,,,,,2026-13-03T09:00:00-03:00,,,,,",
        "B-5,,ABC1D23,,,,,2026-12-03T09:00:00-03:00,,,,FILTRO,",
        "B-6,,ABC1D23,,,,,2026-12-03T09:00:00-03:00,,,,FILTRO:0,",
        "B-7,,ABC1D23,,,,,2026-12-03T09:00:00-03:00,,,A||B,,",
        "B-8,-1,,,,,,2026-12-03T09:00:00-03:00,,,,,",
        "B-9,,ABC1D23,,,,,2026-12-03T09:00:00-03:00,,," + "|".join("S%d" % i for i in range(51)) + ",,",
    ]
    path.write_text("Codigo,IdVeiculo,Placa,VIN,Cliente,Atendimento,KM,Data,Consultor,Tipo,Servicos,Pecas,"
                    "Observacao\n" + "\n".join(rows) + "\n", encoding="utf-8")
    r = enviar(run, srv, path, "--tipo", "agendamento")
    assert r.returncode == 1, r.stderr
    regs = sent(srv, "IncluirAgendamentosLote")
    assert [x.findtext(Q + "Sequencia") for x in regs] == ["2", "3"]
    g = regs[0].find(Q + "Agendamento")
    assert text(g, "IdExterno") == "B-1" and text(g, "Placa") == "ABC1D23"
    assert text(g, "DataHora") == "2026-12-03T08:30:00-03:00"
    assert text(g, "Consultor") == "C01" and text(g, "TipoAgendamento") == "REVISAO"
    assert [s.findtext(Q + "Codigo") for s in g.findall(Q + "Servico")] == ["REV10", "ALINH"]
    assert [(p.findtext(Q + "Codigo"), p.findtext(Q + "Quantidade")) for p in g.findall(Q + "Peca")] == [
        ("FILTRO-OLEO", "1"), ("OLEO-5W30", "4.5")]
    assert text(g, "Observacao") == "Revisão, cliente aguarda"
    names = [c.tag.split("}")[1] for c in g]
    assert names == ["IdExterno", "Placa", "Quilometragem", "DataHora", "Consultor", "TipoAgendamento",
                     "Servico", "Servico", "Peca", "Peca", "Observacao"], names
    assert text(g, "Quilometragem") == "45000"
    h = regs[1].find(Q + "Agendamento")
    assert (text(h, "IdVeiculo"), text(h, "IdCliente"), text(h, "IdAtendimento"), text(h, "Quilometragem")) == (
        "7", "42", "99", "12000")
    # spaces around the items do not count
    assert [s.findtext(Q + "Codigo") for s in h.findall(Q + "Servico")] == ["TROCA_OLEO", "DIAG"]
    assert [(p.findtext(Q + "Codigo"), p.findtext(Q + "Quantidade")) for p in h.findall(Q + "Peca")] == [
        ("FILTRO", "2")]

    res = results(path)
    expected = {
        4: ("Agendamento/Quilometragem", "Quilometragem deve ser um número inteiro"),
        5: ("Agendamento/DataHora", "DataHora deve ser data e hora"),
        6: ("Agendamento/Peca", "CODIGO:QUANTIDADE"),
        7: ("Agendamento/Peca", "CODIGO:QUANTIDADE"),
        8: ("Agendamento/Servico/Codigo", "até 50 códigos"),
        9: ("Agendamento/IdVeiculo", "IdVeiculo deve ser um Id"),
        10: ("Agendamento/Servico/Codigo", "até 50 códigos"),
    }
    for line, (campo, msg) in expected.items():
        assert res[line][2] == "REJEITADO" and res[line][4] == "VALOR_INVALIDO", res[line]
        assert res[line][5] == f'"{campo}"' and msg in res[line][6], res[line]


def test_agendamento_quilometragem_with_thousands_dot_is_rejected(run, srv, tmp_path):
    # "45.000" (thousands dot) is not an xs:int: only digits are a number here
    path = tmp_path / "km.csv"
    path.write_text("IdExterno;Placa;Quilometragem;DataHora\nK-1;ABC1D23;45.000;2026-12-03T08:30:00-03:00\n")
    r = enviar(run, srv, path, "--tipo", "agendamento")
    assert r.returncode == 5, r.stderr
    assert results(path)[2][5] == '"Agendamento/Quilometragem"'


def test_agendamento_xml_services_and_parts(run, srv, tmp_path):
    path = tmp_path / "agenda.xml"
    path.write_text(
        f'<ArquivoLote xmlns="{NS}">\n'
        '<Agendamento><IdExterno>G-1</IdExterno><Chassi>9BWZZZ377VT004251</Chassi><IdCliente>42</IdCliente>'
        '<DataHora>2026-12-04T14:00:00-03:00</DataHora><TipoAgendamento>REVISAO</TipoAgendamento>'
        '<Servico><Codigo>REV10</Codigo><Descricao>ignorada</Descricao></Servico>'
        '<Servico><Codigo>BALANC</Codigo></Servico>'
        '<Peca><Codigo>PASTILHA</Codigo><Quantidade>2</Quantidade></Peca>'
        '<Peca><Codigo>FLUIDO</Codigo><Quantidade>0.5</Quantidade></Peca>'
        '<Observacao>leva e traz</Observacao></Agendamento>\n'
        '<Agendamento><IdExterno>G-2</IdExterno><Placa>ABC1D23</Placa><Quilometragem>muito</Quilometragem>'
        '</Agendamento>\n'
        '</ArquivoLote>\n')
    r = enviar(run, srv, path)
    assert r.returncode == 1, r.stderr
    regs = sent(srv, "IncluirAgendamentosLote")
    assert [x.findtext(Q + "Sequencia") for x in regs] == ["2"]
    g = regs[0].find(Q + "Agendamento")
    assert text(g, "Chassi") == "9BWZZZ377VT004251" and text(g, "IdCliente") == "42"
    assert [s.findtext(Q + "Codigo") for s in g.findall(Q + "Servico")] == ["REV10", "BALANC"]
    assert g.find(Q + "Servico/" + Q + "Descricao") is None
    assert [(p.findtext(Q + "Codigo"), p.findtext(Q + "Quantidade")) for p in g.findall(Q + "Peca")] == [
        ("PASTILHA", "2"), ("FLUIDO", "0.5")]
    assert text(g, "Observacao") == "leva e traz"
    res = results(path)
    assert res[3][4] == "ESTRUTURA_INVALIDA" and "Quilometragem" in res[3][6]


def test_help_names_the_four_types(run):
    r = run("lote", "enviar", "--help")
    assert r.returncode == 0
    assert "IncluirPessoasLote/IncluirVeiculosLote/IncluirAtendimentosLote/IncluirAgendamentosLote" in r.stdout
    assert "pessoa|veiculo|atendimento|agendamento" in r.stdout or "atendimento ou agendamento" in r.stdout


def refusing(limit):
    """A server that refuses the call itself: Cabecalho/Empresa unknown (limit None), or
    more than `limit` records as TAMANHO_EXCEDIDO; otherwise every record CRIADO."""
    def answer(raw):
        body = list(ET.fromstring(raw).find("{http://schemas.xmlsoap.org/soap/envelope/}Body"))[0]
        op = body.tag.split("}")[1]
        n = len(body.findall(Q + "Registro"))
        if op != "ConsultarLote" and (limit is None or n > limit):
            why = (("NAO_ENCONTRADO", "Erro", "Cabecalho/Empresa", "Empresa '99' não encontrada.") if limit is None
                   else ("TAMANHO_EXCEDIDO", "Erro", "Registro", f"No máximo {limit} registros por chamada."))
            return 200, envelope(f"<ws:{op}Response>{resultado('Falha', [why])}</ws:{op}Response>")
        return bulk_answer(raw)
    return answer


def test_a_refusal_of_the_call_itself_stops_and_leaves_every_record_pending(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("IdPessoa;Natureza;Canal\n" + "".join(f"{i};INFORMACAO;SITE\n" for i in range(1, 6)),
                    encoding="utf-8")
    with FakeSoapServer() as s:
        s.respond_with(refusing(None))
        r = enviar(run, s, path, "--tipo", "atendimento", "--tamanho", "2")
        calls = [raw for _, raw in s.requests if b"IncluirAtendimentosLote>" in raw]
    assert r.returncode == 1, r.stderr
    assert "recusou a chamada inteira (NAO_ENCONTRADO: Empresa '99' não encontrada.)" in r.stderr, r.stderr
    assert len(calls) == 1, "the job stops at the first refusal: no halving, no other chunk"
    assert {v[2] for v in results(path).values()} == {"PENDENTE"}


def test_a_chunk_above_the_servers_limit_is_halved_until_it_fits(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("IdPessoa;Natureza;Canal\n" + "".join(f"{i};INFORMACAO;SITE\n" for i in range(1, 9)),
                    encoding="utf-8")
    with FakeSoapServer() as s:
        s.respond_with(refusing(2))
        r = enviar(run, s, path, "--tipo", "atendimento", "--tamanho", "8")
    assert r.returncode == 0, r.stderr
    assert {v[2] for v in results(path).values()} == {"CRIADO"}
    calls = [len(ET.fromstring(raw).findall(".//" + Q + "Registro")) for _, raw in s.requests
             if b"IncluirAtendimentosLote>" in raw]
    assert calls == [8, 4, 2, 2, 4, 2, 2], calls
