# SPDX-License-Identifier: GPL-2.0-or-later
"""test_idempotency.py - IdMensagem makes every write exactly-once-ish.

The first outcome of each (tenant, IdMensagem) is stored with a hash of the request; a
retry with the same id and content gets that stored answer again (Reprocessado=true)
and changes nothing; the same id with other content is IDEMPOTENCIA_CONFLITO; a dry run
(SomenteValidar) stores nothing; ConsultarSituacaoMensagem returns the stored outcome.
Checked through the service and in the database (psql), including 16 identical
requests racing on separate connections.

Rule to know: answers are compared as canonical XML of the response element without
the two fields that legitimately differ per HTTP request (IdRequisicao, Reprocessado).
"""
import time

import pytest

import wsatend_sys as ws
from wsatend_sys import call, header, ok, psql


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")


def incluir(idmsg, document, name, user=ws.USER, session=None, dry_run=False, sent=None, empresa="01"):
    cab = header(idmsg, empresa=empresa, dry_run=dry_run)
    if sent:
        cab = cab.replace("</ws:Cabecalho>", "<ws:DataHoraEnvio>%s</ws:DataHoraEnvio></ws:Cabecalho>" % sent)
    body = ("<ws:IncluirPessoa>%s<ws:Pessoa><ws:Documento>%s</ws:Documento><ws:Nome>%s</ws:Nome>"
            "<ws:Email><ws:Endereco>p%s@example.com</ws:Endereco></ws:Email></ws:Pessoa></ws:IncluirPessoa>"
            % (cab, document, ws.esc(name), document))
    return call(body, user=user, session=session)


def rows(document, tenant="demo"):
    return int(psql("SELECT count(*) FROM person WHERE tenant_id = %s AND document = '%s'"
                    % (ws.tenant_id(tenant), document)))


def key_rows(idmsg):
    return int(psql("SELECT count(*) FROM request_key WHERE id_mensagem = '%s'" % idmsg))


def same_answer(a, b):
    ea, eb = a.response_element(), b.response_element()
    assert ea is not None and eb is not None, (a, b)
    return ws.canonical(ea) == ws.canonical(eb)


def test_replay_returns_the_stored_answer_and_writes_nothing():
    idmsg, cpf = ws.msg_id(), ws.cpf()
    first = ok(incluir(idmsg, cpf, "Replay Primeiro"), "first")
    assert first.text("//ws:Resultado/ws:Reprocessado") == "false"
    pid = first.text("//ws:Pessoa/ws:Id")
    # A retry later: new send time (not part of the message), otherwise the same request.
    second = incluir(idmsg, cpf, "Replay Primeiro", sent=ws.xsd_time(5))
    assert second.fault is None, second
    assert second.text("//ws:Resultado/ws:Reprocessado") == "true", second
    assert second.text("//ws:Pessoa/ws:Id") == pid
    assert same_answer(first, second), "replay differs:\n%r\n%r" % (first, second)
    assert second.text("//ws:Resultado/ws:IdRequisicao") != first.text("//ws:Resultado/ws:IdRequisicao")
    assert rows(cpf) == 1
    assert key_rows(idmsg) == 1
    audits = psql("SELECT count(*) FROM audit_log WHERE tenant_id = %s AND entity_id = %s AND id_mensagem = '%s'"
                  % (ws.tenant_id("demo"), pid, idmsg))
    assert int(audits) <= 1, "a replay must not audit a second change"


def test_replay_after_a_later_change_still_returns_the_first_answer():
    idmsg, cpf = ws.msg_id(), ws.cpf()
    first = ok(incluir(idmsg, cpf, "Nome Original"), "first")
    pid, versao = first.text("//ws:Pessoa/ws:Id"), first.text("//ws:Pessoa/ws:Versao")
    ok(call("<ws:AlterarPessoa>%s<ws:Pessoa><ws:Id>%s</ws:Id><ws:Nome>Nome Novo</ws:Nome><ws:Versao>%s</ws:Versao>"
            "</ws:Pessoa></ws:AlterarPessoa>" % (header(ws.msg_id()), pid, versao)), "AlterarPessoa")
    again = incluir(idmsg, cpf, "Nome Original")
    assert again.text("//ws:Resultado/ws:Reprocessado") == "true", again
    assert again.text("//ws:Pessoa/ws:Nome") == "Nome Original", "the stored answer, not a new read"
    assert same_answer(first, again)
    assert psql("SELECT name FROM person WHERE tenant_id = %s AND person_id = %s"
                % (ws.tenant_id("demo"), pid)) == "Nome Novo", "the replay changed nothing"


def test_same_id_other_payload_is_a_conflict_and_changes_nothing():
    idmsg, cpf, other = ws.msg_id(), ws.cpf(), ws.cpf()
    first = ok(incluir(idmsg, cpf, "Conflito Original"), "first")
    pid = first.text("//ws:Pessoa/ws:Id")
    snapshot = psql("SELECT md5(p::text) FROM person p WHERE tenant_id = %s AND person_id = %s"
                    % (ws.tenant_id("demo"), pid))
    keys = psql("SELECT md5(k::text) FROM request_key k WHERE id_mensagem = '%s'" % idmsg)
    for answer in (incluir(idmsg, other, "Outro Conteudo"),          # other document
                   incluir(idmsg, cpf, "Conflito Original Mudado"),  # other name
                   call("<ws:IncluirProspect>%s<ws:Prospect><ws:Nome>Outra Operacao</ws:Nome>"
                        "<ws:Email>x@example.com</ws:Email></ws:Prospect></ws:IncluirProspect>"
                        % header(idmsg))):                            # other operation
        assert answer.fault is None, answer
        assert answer.status == "Falha", answer
        assert "IDEMPOTENCIA_CONFLITO" in answer.codes, answer
        assert answer.text("//ws:Resultado/ws:Reprocessado") != "true"
    assert rows(other) == 0
    assert psql("SELECT count(*) FROM person WHERE name IN ('Outra Operacao', 'Conflito Original Mudado')") == "0"
    assert psql("SELECT md5(p::text) FROM person p WHERE tenant_id = %s AND person_id = %s"
                % (ws.tenant_id("demo"), pid)) == snapshot
    assert psql("SELECT md5(k::text) FROM request_key k WHERE id_mensagem = '%s'" % idmsg) == keys


def test_the_key_belongs_to_the_tenant():
    """The same IdMensagem in another tenant is another message, not a replay or conflict."""
    idmsg, cpf = ws.msg_id(), ws.cpf()
    demo = ok(incluir(idmsg, cpf, "Chave Por Tenant"), "demo")
    outra = incluir(idmsg, cpf, "Chave Por Tenant", user=ws.OTHER_USER)
    ok(outra, "outra")
    assert outra.text("//ws:Resultado/ws:Reprocessado") == "false"
    assert outra.text("//ws:Pessoa/ws:Id") != demo.text("//ws:Pessoa/ws:Id")
    assert rows(cpf, "demo") == 1 and rows(cpf, "outra") == 1
    assert key_rows(idmsg) == 2


def test_sixteen_concurrent_identical_requests_make_one_row():
    idmsg, cpf = ws.msg_id(), ws.cpf()
    t0 = time.monotonic()
    answers = ws.concurrently(16, lambda s: incluir(idmsg, cpf, "Corrida Dezesseis", session=s))
    elapsed = time.monotonic() - t0
    ws.figure("idempotency_16_concurrent_wall_ms", elapsed * 1000)
    for a in answers:
        ok(a, "concurrent twin")
    ids = {a.text("//ws:Pessoa/ws:Id") for a in answers}
    assert len(ids) == 1, "16 answers name %d different people: %s" % (len(ids), ids)
    canon = {ws.canonical(a.response_element()) for a in answers}
    assert len(canon) == 1, "answers differ beyond IdRequisicao/Reprocessado: %s" % canon
    replays = [a.text("//ws:Resultado/ws:Reprocessado") for a in answers]
    assert replays.count("false") == 1, "exactly one execution, %s" % replays
    ws.figure("idempotency_16_concurrent_rows", rows(cpf))
    assert rows(cpf) == 1
    assert key_rows(idmsg) == 1


def test_dry_run_writes_nothing_but_answers_what_would_happen():
    idmsg, cpf = ws.msg_id(), ws.cpf()
    before = psql("SELECT count(*) FROM audit_log")
    dry = incluir(idmsg, cpf, "Somente Validar", dry_run=True)
    ok(dry, "SomenteValidar")
    assert dry.text("//ws:Pessoa/ws:Documento") == cpf
    assert dry.text("//ws:Pessoa/ws:Nome") == "Somente Validar"
    assert dry.text("//ws:Resultado/ws:Reprocessado") == "false"
    assert rows(cpf) == 0, "a dry run stored the person"
    assert key_rows(idmsg) == 0, "a dry run stored its IdMensagem"
    assert psql("SELECT count(*) FROM audit_log") == before, "a dry run audited"
    # Dry runs are not remembered: the same id later runs for real, once.
    real = ok(incluir(idmsg, cpf, "Somente Validar"), "real")
    assert real.text("//ws:Resultado/ws:Reprocessado") == "false"
    assert rows(cpf) == 1
    # A dry run of a duplicate answers the refusal it would get.
    dup = incluir(ws.msg_id(), cpf, "Somente Validar", dry_run=True)
    assert dup.status == "Falha" and "JA_EXISTENTE" in dup.codes, dup
    assert rows(cpf) == 1


def test_consultar_situacao_returns_the_stored_outcome():
    idmsg, cpf = ws.msg_id(), ws.cpf()
    first = ok(incluir(idmsg, cpf, "Situacao Mensagem"), "first")
    body = "<ws:ConsultarSituacaoMensagem>%s<ws:IdMensagemConsultada>%s</ws:IdMensagemConsultada>" \
           "</ws:ConsultarSituacaoMensagem>" % (header(None), idmsg)
    sit = ok(call(body), "ConsultarSituacaoMensagem")
    assert sit.text("//ws:Encontrada") == "true", sit
    assert sit.text("//ws:Operacao") == "IncluirPessoa"
    assert sit.text("//ws:StatusOriginal") == first.status
    assert sit.text("//ws:DataHoraProcessamento"), sit
    stored = sit.all("//ws:Resposta/ws:IncluirPessoaResponse")
    assert len(stored) == 1, sit
    assert ws.canonical(stored[0]) == ws.canonical(first.response_element()), \
        "stored response differs from the answer given"
    # Another tenant never sees it.
    other = ok(call(body, user=ws.OTHER_USER), "ConsultarSituacaoMensagem outra")
    assert other.text("//ws:Encontrada") == "false", other
    assert not other.all("//ws:Resposta")


def test_a_business_failure_is_replayed_as_the_same_failure():
    cpf = ws.cpf()
    ok(incluir(ws.msg_id(), cpf, "Duplicado Original"), "original")
    idmsg = ws.msg_id()
    dup = incluir(idmsg, cpf, "Duplicado Segundo")
    assert dup.fault is None and dup.status == "Falha", dup
    assert "JA_EXISTENTE" in dup.codes, dup
    again = incluir(idmsg, cpf, "Duplicado Segundo")
    assert again.status == "Falha", again
    assert again.text("//ws:Resultado/ws:Reprocessado") == "true", again
    assert same_answer(dup, again)
    assert rows(cpf) == 1
    sit = ok(call("<ws:ConsultarSituacaoMensagem>%s<ws:IdMensagemConsultada>%s</ws:IdMensagemConsultada>"
                  "</ws:ConsultarSituacaoMensagem>" % (header(None), idmsg)), "situacao")
    assert sit.text("//ws:Encontrada") == "true" and sit.text("//ws:StatusOriginal") == "Falha", sit


def test_a_write_without_idmensagem_is_refused():
    cpf = ws.cpf()
    a = call("<ws:IncluirPessoa>%s%s</ws:IncluirPessoa>" % (header(None), ws.pessoa_xml(cpf, "Sem Id Mensagem")))
    assert a.fault is None and a.status == "Falha", a
    assert "CAMPO_OBRIGATORIO" in a.codes
    assert rows(cpf) == 0


def test_sixteen_concurrent_identical_refusals_run_once():
    """A refused request's outcome is stored in its own transaction, with the claim's
    lock held: twins wait, then replay the refusal (review M3: a refusal used to
    release the lock first, and waiting twins ran the operation again)."""
    existing, idmsg = ws.cpf(), ws.msg_id()
    ok(incluir(ws.msg_id(), existing, "Dono Do Documento"), "setup")
    answers = ws.concurrently(16, lambda s: incluir(idmsg, existing, "Duplicata Concorrente", session=s))
    assert all(a.text("//ws:Resultado/ws:Status") == "Falha" for a in answers)
    replays = [a.text("//ws:Resultado/ws:Reprocessado") for a in answers]
    assert replays.count("false") == 1, "one execution, then replays: %s" % replays
    assert rows(existing) == 1
    assert key_rows(idmsg) == 1
