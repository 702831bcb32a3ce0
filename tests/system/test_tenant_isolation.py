# SPDX-License-Identifier: GPL-2.0-or-later
"""test_tenant_isolation.py - the isolation matrix: no id, document, plate or key of
tenant `outra` reaches or changes anything when tenant `demo` sends it.

As integracao@outra we create a customer, a prospect, a vehicle and an atendimento
(branch 01 of outra) with a contact, a next contact and consents. As integracao@demo
we then try every operation that takes an id or a lookup key with outra's values:
every answer must be NAO_ENCONTRADO or an empty list, no answer may carry outra's
data, and a checksum of all outra rows (psql) must be unchanged afterwards. The count
of cross-tenant reads or changes is reported as a figure (it must be 0).

Rule to know: a leak is counted, not asserted at once, so one run shows the whole
matrix; the last test asserts the count and the checksum.
"""
import uuid

import pytest

import wsatend_sys as ws
from wsatend_sys import call, header, ok, psql

TABLES = ["person", "person_phone", "person_email", "consent", "message_outbox", "vehicle",
          "contact", "contact_interaction", "next_contact", "audit_log", "request_key"]
LEAKS = []       # (attempt, why)
ATTEMPTS = []


def snapshot(tenant):
    out = {}
    for t in TABLES:
        out[t] = psql("SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) "
                      "FROM %s x WHERE tenant_id = %s" % (t, tenant))
    return out


@pytest.fixture(scope="module")
def outra():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    u = ws.OTHER_USER
    marker = "Secreta" + uuid.uuid4().hex[:10]
    cpf, plate, vin = ws.cpf(), ws.plate(), ws.vin()
    email = "%s@outra.example" % marker.lower()
    phone = "(21) 9%04d-%04d" % (uuid.uuid4().int % 10000, uuid.uuid4().int % 9999)
    p = ok(call("<ws:IncluirPessoa>%s<ws:Pessoa><ws:IdExterno>EXT-%s</ws:IdExterno><ws:Documento>%s</ws:Documento>"
                "<ws:Nome>Pessoa %s</ws:Nome><ws:Telefone><ws:Numero>%s</ws:Numero><ws:WhatsApp>true</ws:WhatsApp>"
                "</ws:Telefone><ws:Email><ws:Endereco>%s</ws:Endereco></ws:Email></ws:Pessoa></ws:IncluirPessoa>"
                % (header(ws.msg_id()), marker, cpf, marker, phone, email), user=u), "outra IncluirPessoa")
    pid = p.text("//ws:Pessoa/ws:Id")
    pr = ok(call("<ws:IncluirProspect>%s<ws:Prospect><ws:Nome>Prospect %s</ws:Nome><ws:Email>p%s</ws:Email>"
                 "</ws:Prospect></ws:IncluirProspect>" % (header(ws.msg_id()), marker, email), user=u),
            "outra IncluirProspect")
    v = ok(ws.incluir_veiculo(pid, user=u, p=plate, v=vin), "outra IncluirVeiculo")
    vid = v.text("//ws:Veiculo/ws:Id")
    idmsg_at = ws.msg_id()
    a = ok(call("<ws:IncluirAtendimento>%s<ws:Atendimento><ws:IdExterno>AT-%s</ws:IdExterno><ws:IdPessoa>%s"
                "</ws:IdPessoa><ws:Natureza>VENDA_NOVO</ws:Natureza><ws:Canal>TELEFONE</ws:Canal>"
                "<ws:Descricao>Atendimento %s</ws:Descricao><ws:IdVeiculo>%s</ws:IdVeiculo></ws:Atendimento>"
                "</ws:IncluirAtendimento>" % (header(idmsg_at), marker, pid, marker, vid), user=u),
           "outra IncluirAtendimento")
    aid = a.text("//ws:Atendimento/ws:Id")
    ok(call("<ws:RegistrarContato>%s<ws:IdAtendimento>%s</ws:IdAtendimento><ws:Contato><ws:Canal>TELEFONE</ws:Canal>"
            "<ws:ResultadoContato>CONTATO_REALIZADO</ws:ResultadoContato><ws:Texto>Contato %s</ws:Texto></ws:Contato>"
            "</ws:RegistrarContato>" % (header(ws.msg_id()), aid, marker), user=u), "outra RegistrarContato")
    due = ws.xsd_time(86400)
    ag = ok(call("<ws:AgendarProximoContato>%s<ws:IdAtendimento>%s</ws:IdAtendimento><ws:ProximoContato>"
                 "<ws:DataHora>%s</ws:DataHora><ws:Tipo>LIGACAO</ws:Tipo><ws:Observacao>Agenda %s</ws:Observacao>"
                 "</ws:ProximoContato></ws:AgendarProximoContato>" % (header(ws.msg_id()), aid, due, marker), user=u),
            "outra AgendarProximoContato")
    ok(call("<ws:AtualizarConsentimento>%s<ws:IdPessoa>%s</ws:IdPessoa><ws:Consentimento><ws:Canal>WHATSAPP"
            "</ws:Canal><ws:Finalidade>MARKETING</ws:Finalidade><ws:Permitido>true</ws:Permitido></ws:Consentimento>"
            "</ws:AtualizarConsentimento>" % (header(ws.msg_id()), pid), user=u), "outra AtualizarConsentimento")
    world = {
        "marker": marker, "cpf": cpf, "plate": plate, "vin": vin, "email": email, "phone": phone,
        "pid": pid, "prospect": pr.text("//ws:Pessoa/ws:Id"), "prospect_versao": pr.text("//ws:Pessoa/ws:Versao"),
        "vid": vid, "aid": aid, "idmsg_at": idmsg_at, "due": due,
        "responsavel": ag.text("//ws:ItemAgenda/ws:Responsavel"),
        "tenant": ws.tenant_id("outra"),
    }
    assert world["tenant"] and world["tenant"] != ws.tenant_id("demo")
    world["snapshot"] = snapshot(world["tenant"])
    return world


def fill(template, w):
    return template.format(h=header(ws.msg_id()), hr=header(None), **w)


# Reads: (name, request template). Each must find nothing.
READS = [
    ("ConsultarPessoa/Id", "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:Id>{pid}</ws:Id></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarPessoa/Documento",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:Documento>{cpf}</ws:Documento></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarPessoa/Placa",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:Placa>{plate}</ws:Placa></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarPessoa/Chassi",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:Chassi>{vin}</ws:Chassi></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarPessoa/IdExterno",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:IdExterno>EXT-{marker}</ws:IdExterno></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarPessoa/NomePrefixo",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:NomePrefixo>Pessoa {marker}</ws:NomePrefixo></ws:Filtro>"
     "</ws:ConsultarPessoa>"),
    ("ConsultarPessoa/Email",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:Email>{email}</ws:Email></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarPessoa/Telefone",
     "<ws:ConsultarPessoa>{hr}<ws:Filtro><ws:Telefone>{phone}</ws:Telefone></ws:Filtro></ws:ConsultarPessoa>"),
    ("ConsultarVeiculo/Id",
     "<ws:ConsultarVeiculo>{hr}<ws:Filtro><ws:Id>{vid}</ws:Id></ws:Filtro></ws:ConsultarVeiculo>"),
    ("ConsultarVeiculo/Placa",
     "<ws:ConsultarVeiculo>{hr}<ws:Filtro><ws:Placa>{plate}</ws:Placa></ws:Filtro></ws:ConsultarVeiculo>"),
    ("ConsultarVeiculo/Chassi",
     "<ws:ConsultarVeiculo>{hr}<ws:Filtro><ws:Chassi>{vin}</ws:Chassi></ws:Filtro></ws:ConsultarVeiculo>"),
    ("ConsultarVeiculo/IdProprietario",
     "<ws:ConsultarVeiculo>{hr}<ws:Filtro><ws:IdProprietario>{pid}</ws:IdProprietario></ws:Filtro>"
     "</ws:ConsultarVeiculo>"),
    ("ConsultarAtendimento/Id",
     "<ws:ConsultarAtendimento>{hr}<ws:IdAtendimento>{aid}</ws:IdAtendimento></ws:ConsultarAtendimento>"),
    ("ConsultarAtendimento/IdExterno",
     "<ws:ConsultarAtendimento>{hr}<ws:IdExterno>AT-{marker}</ws:IdExterno></ws:ConsultarAtendimento>"),
    ("ListarAtendimentos/IdPessoa",
     "<ws:ListarAtendimentos>{hr}<ws:Filtro><ws:IdPessoa>{pid}</ws:IdPessoa></ws:Filtro></ws:ListarAtendimentos>"),
    ("ListarAtendimentos/recentes",
     "<ws:ListarAtendimentos>{hr}<ws:Filtro><ws:AlteradoDesde>{since}</ws:AlteradoDesde></ws:Filtro>"
     "<ws:Paginacao><ws:MaxItens>500</ws:MaxItens></ws:Paginacao></ws:ListarAtendimentos>"),
    ("ListarAgenda/Responsavel",
     "<ws:ListarAgenda>{hr}<ws:Responsavel>{responsavel}</ws:Responsavel><ws:Paginacao><ws:MaxItens>500"
     "</ws:MaxItens></ws:Paginacao></ws:ListarAgenda>"),
    ("ConsultarSituacaoMensagem",
     "<ws:ConsultarSituacaoMensagem>{hr}<ws:IdMensagemConsultada>{idmsg_at}</ws:IdMensagemConsultada>"
     "</ws:ConsultarSituacaoMensagem>"),
]

# Changes: each must be refused with NAO_ENCONTRADO. Versao 1 is stale for outra's
# rows: an answer of CONFLITO_VERSAO would reveal that the row exists.
CHANGES = [
    ("AlterarPessoa", "<ws:AlterarPessoa>{h}<ws:Pessoa><ws:Id>{pid}</ws:Id><ws:Nome>Invadido</ws:Nome>"
                      "<ws:Versao>1</ws:Versao></ws:Pessoa></ws:AlterarPessoa>"),
    ("ConverterProspectEmCliente",
     "<ws:ConverterProspectEmCliente>{h}<ws:Pessoa><ws:Id>{prospect}</ws:Id><ws:Documento>{newcpf}</ws:Documento>"
     "<ws:Versao>{prospect_versao}</ws:Versao></ws:Pessoa></ws:ConverterProspectEmCliente>"),
    ("AtualizarConsentimento",
     "<ws:AtualizarConsentimento>{h}<ws:IdPessoa>{pid}</ws:IdPessoa><ws:Consentimento><ws:Canal>WHATSAPP</ws:Canal>"
     "<ws:Finalidade>MARKETING</ws:Finalidade><ws:Permitido>false</ws:Permitido></ws:Consentimento>"
     "</ws:AtualizarConsentimento>"),
    ("IncluirVeiculo/IdProprietario",
     "<ws:IncluirVeiculo>{h}<ws:Veiculo><ws:Placa>{newplate}</ws:Placa><ws:IdProprietario>{pid}</ws:IdProprietario>"
     "</ws:Veiculo></ws:IncluirVeiculo>"),
    ("AlterarVeiculo", "<ws:AlterarVeiculo>{h}<ws:Veiculo><ws:Id>{vid}</ws:Id><ws:Quilometragem>99999"
                       "</ws:Quilometragem><ws:Versao>1</ws:Versao></ws:Veiculo></ws:AlterarVeiculo>"),
    ("IncluirAtendimento/IdPessoa",
     "<ws:IncluirAtendimento>{h}<ws:Atendimento><ws:IdPessoa>{pid}</ws:IdPessoa><ws:Natureza>VENDA_NOVO"
     "</ws:Natureza><ws:Canal>TELEFONE</ws:Canal></ws:Atendimento></ws:IncluirAtendimento>"),
    ("IncluirAtendimento/IdVeiculo",
     "<ws:IncluirAtendimento>{h}<ws:Atendimento><ws:IdPessoa>{demo_pid}</ws:IdPessoa><ws:Natureza>VENDA_NOVO"
     "</ws:Natureza><ws:Canal>TELEFONE</ws:Canal><ws:IdVeiculo>{vid}</ws:IdVeiculo></ws:Atendimento>"
     "</ws:IncluirAtendimento>"),
    ("AlterarNaturezaAtendimento",
     "<ws:AlterarNaturezaAtendimento>{h}<ws:IdAtendimento>{aid}</ws:IdAtendimento><ws:Versao>1</ws:Versao>"
     "<ws:Natureza>INFORMACAO</ws:Natureza><ws:Motivo>x</ws:Motivo></ws:AlterarNaturezaAtendimento>"),
    ("ReatribuirAtendimento",
     "<ws:ReatribuirAtendimento>{h}<ws:IdAtendimento>{aid}</ws:IdAtendimento><ws:Versao>1</ws:Versao>"
     "<ws:Responsavel>BRUNO</ws:Responsavel></ws:ReatribuirAtendimento>"),
    ("RegistrarContato",
     "<ws:RegistrarContato>{h}<ws:IdAtendimento>{aid}</ws:IdAtendimento><ws:Contato><ws:Canal>TELEFONE</ws:Canal>"
     "<ws:ResultadoContato>INVASAO</ws:ResultadoContato></ws:Contato></ws:RegistrarContato>"),
    ("EncerrarAtendimento",
     "<ws:EncerrarAtendimento>{h}<ws:IdAtendimento>{aid}</ws:IdAtendimento><ws:Versao>1</ws:Versao>"
     "<ws:Desfecho>PERDA</ws:Desfecho><ws:MotivoPerda>PRECO</ws:MotivoPerda></ws:EncerrarAtendimento>"),
    ("AgendarProximoContato",
     "<ws:AgendarProximoContato>{h}<ws:IdAtendimento>{aid}</ws:IdAtendimento><ws:ProximoContato><ws:DataHora>"
     "{due}</ws:DataHora></ws:ProximoContato></ws:AgendarProximoContato>"),
]


@pytest.fixture(scope="module")
def demo_person():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    return ok(ws.incluir_pessoa(), "demo IncluirPessoa").text("//ws:Pessoa/ws:Id")


def leaked_data(answer, w):
    """Outra's data in a demo answer: its marker, document, plate or VIN."""
    raw = answer.raw.decode("utf-8", "replace")
    return [k for k in ("marker", "cpf", "plate", "vin", "email") if w[k] in raw]


def values(w, demo_pid):
    d = dict(w)
    d.update(since=ws.xsd_time(-600), newcpf=ws.cpf(), newplate=ws.plate(), demo_pid=demo_pid)
    return d


@pytest.mark.parametrize("name,template", READS, ids=[r[0] for r in READS])
def test_demo_reads_nothing_of_outra(outra, demo_person, name, template):
    ATTEMPTS.append(name)
    a = call(fill(template, values(outra, demo_person)))
    assert a.fault is None, "%s: %r" % (name, a)
    why = []
    # Ids are compared per entity: ids of different tables share values (a demo
    # atendimento may well have the number of outra's person).
    by_kind = [(a.all("//ws:Pessoa"), "Id", {outra["pid"], outra["prospect"]}),
               (a.all("//ws:Veiculo"), "Id", {outra["vid"]}),
               (a.all("//ws:Atendimento"), "Id", {outra["aid"]}),
               (a.all("//ws:ItemAgenda"), "IdAtendimento", {outra["aid"]})]
    hits = [e for found, tag, ids in by_kind for e in found if e.findtext("{%s}%s" % (ws.NS, tag)) in ids]
    if hits:
        why.append("returned %d of outra's rows" % len(hits))
    if leaked_data(a, outra):
        why.append("answer carries outra's %s" % leaked_data(a, outra))
    if a.text("//ws:Encontrada") == "true" or a.all("//ws:Resposta"):
        why.append("found outra's message")
    if a.status not in ("Sucesso", "SucessoComAvisos", "Falha"):
        why.append("status %s" % a.status)
    if a.status == "Falha" and "NAO_ENCONTRADO" not in a.codes:
        why.append("refused with %s instead of NAO_ENCONTRADO or an empty list" % a.codes)
    if hits or leaked_data(a, outra):
        LEAKS.append((name, why))
    assert not why, "%s: %s\n%r" % (name, why, a)


@pytest.mark.parametrize("name,template", READS, ids=[r[0] for r in READS])
def test_control_outra_finds_its_own(outra, demo_person, name, template):
    """The same requests as outra find the rows: the empty answers above are isolation,
    not a request that finds nothing for anyone."""
    a = ok(call(fill(template, values(outra, demo_person)), user=ws.OTHER_USER), name)
    ids = {outra["pid"], outra["vid"], outra["aid"]}
    found = set(a.texts("//ws:Pessoa/ws:Id") + a.texts("//ws:Veiculo/ws:Id") + a.texts("//ws:Atendimento/ws:Id")
                + a.texts("//ws:ItemAgenda/ws:IdAtendimento"))
    assert found & ids or a.text("//ws:Encontrada") == "true", "%s as outra found nothing: %r" % (name, a)


@pytest.mark.parametrize("name,template", CHANGES, ids=[c[0] for c in CHANGES])
def test_demo_changes_nothing_of_outra(outra, demo_person, name, template):
    ATTEMPTS.append(name)
    a = call(fill(template, values(outra, demo_person)))
    assert a.fault is None, "%s: %r" % (name, a)
    if a.status != "Falha":
        LEAKS.append((name, "accepted (%s)" % a.status))
    if leaked_data(a, outra):
        LEAKS.append((name, "answer carries outra's %s" % leaked_data(a, outra)))
    assert a.status == "Falha" and "NAO_ENCONTRADO" in a.codes, "%s: %r" % (name, a)
    assert not leaked_data(a, outra), "%s: %r" % (name, a)


def test_same_document_plate_and_keys_are_free_in_demo(outra):
    """Existence in another tenant must not show: outra's CPF, plate, VIN and external
    ids are simply new in demo (not JA_EXISTENTE naming outra's id)."""
    ATTEMPTS.append("IncluirPessoa/Documento de outra")
    p = call("<ws:IncluirPessoa>%s<ws:Pessoa><ws:IdExterno>EXT-%s</ws:IdExterno><ws:Documento>%s</ws:Documento>"
             "<ws:Nome>Homonimo Demo</ws:Nome><ws:Email><ws:Endereco>h%s</ws:Endereco></ws:Email></ws:Pessoa>"
             "</ws:IncluirPessoa>" % (header(ws.msg_id()), outra["marker"], outra["cpf"], outra["email"]))
    if p.status == "Falha":
        LEAKS.append(("IncluirPessoa/Documento de outra", p.codes))
    ok(p, "IncluirPessoa with outra's CPF in demo")
    assert p.text("//ws:Pessoa/ws:Id") != outra["pid"]
    ATTEMPTS.append("IncluirVeiculo/Placa de outra")
    v = ws.incluir_veiculo(p.text("//ws:Pessoa/ws:Id"), p=outra["plate"], v=outra["vin"])
    if v.status == "Falha":
        LEAKS.append(("IncluirVeiculo/Placa de outra", v.codes))
    ok(v, "IncluirVeiculo with outra's plate and VIN in demo")
    assert v.text("//ws:Veiculo/ws:Id") != outra["vid"]


def test_outra_rows_unchanged_and_no_cross_tenant_access(outra):
    after = snapshot(outra["tenant"])
    changed = [t for t in TABLES if after[t] != outra["snapshot"][t]]
    for t in changed:
        LEAKS.append(("table " + t, "outra rows changed"))
    ws.figure("isolation_attempts", len(ATTEMPTS))
    ws.figure("isolation_cross_tenant_reads_or_changes", len(LEAKS))
    assert not changed, "outra rows changed in %s" % changed
    assert not LEAKS, "cross-tenant reads/changes: %s" % LEAKS
    # And outra still sees its own data, untouched.
    a = ok(call("<ws:ConsultarAtendimento>%s<ws:IdAtendimento>%s</ws:IdAtendimento></ws:ConsultarAtendimento>"
                % (header(None), outra["aid"]), user=ws.OTHER_USER), "outra ConsultarAtendimento")
    assert a.text("//ws:Atendimento/ws:Situacao") == "ABERTO"
    assert a.text("//ws:Atendimento/ws:Natureza") == "VENDA_NOVO"
