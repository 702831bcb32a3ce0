# SPDX-License-Identifier: GPL-2.0-or-later
"""test_batch_races.py - IncluirAtendimentosLote racing itself and IncluirAtendimento.

Sixteen clients open, at the same instant, an atendimento of the same person in the
same natureza: half through IncluirAtendimentosLote (each call also carrying records
of two other people, in opposite orders), half through IncluirAtendimento. With the
natureza's policy RECUSAR exactly one atendimento is opened and every other answer is
JA_EXISTENTE; with VINCULAR one is opened and every other contact is recorded on it.
No fault, no deadlock, whatever the interleaving.

Rule to know: a bulk call takes the same (tenant, person, natureza) advisory locks as
IncluirAtendimento, all of them in one statement and in one fixed order
(contact_store_lock_person_natures), before it reads the open atendimentos.
"""
import queue

import pytest

import wsatend_sys as ws
from wsatend_sys import call, header, ok, psql

N = 16


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")


def person():
    return int(ok(ws.incluir_pessoa(), "IncluirPessoa").text("//ws:Pessoa/ws:Id"))


def record(person_id, natureza):
    return ("<ws:Registro><ws:Chave>%s</ws:Chave><ws:Atendimento><ws:IdPessoa>%d</ws:IdPessoa>"
            "<ws:Natureza>%s</ws:Natureza><ws:Canal>TELEFONE</ws:Canal>"
            "<ws:Descricao>Contato em lote</ws:Descricao></ws:Atendimento></ws:Registro>"
            % (ws.msg_id(), person_id, natureza))


def bulk(records, session=None):
    body = "<ws:IncluirAtendimentosLote>%s%s</ws:IncluirAtendimentosLote>" % (header(ws.msg_id()), "".join(records))
    return call(body, session=session)


def race(natureza):
    """N clients at once; returns (the contested person, the answers, the outcome of
    the contested record in each answer)."""
    target, a, b = person(), person(), person()
    jobs = queue.Queue()
    for i in range(N):
        if i % 2:
            jobs.put(lambda s, i=i: ("single", ws.call(
                "<ws:IncluirAtendimento>%s<ws:Atendimento><ws:IdPessoa>%d</ws:IdPessoa><ws:Natureza>%s</ws:Natureza>"
                "<ws:Canal>TELEFONE</ws:Canal><ws:Descricao>Contato avulso</ws:Descricao></ws:Atendimento>"
                "</ws:IncluirAtendimento>" % (header(ws.msg_id()), target, natureza), session=s)))
        else:
            others = [record(a, "INFORMACAO"), record(b, "INFORMACAO")]
            if i % 4:
                others.reverse()
            jobs.put(lambda s, others=others: ("bulk", bulk([others[0], record(target, natureza), others[1]], s)))
    answers = ws.concurrently(N, lambda s: jobs.get_nowait()(s))
    assert all(ans.fault is None for _, ans in answers), [ans for _, ans in answers if ans.fault]
    outcomes = []
    for kind, ans in answers:
        if kind == "single":
            outcomes.append(("single", ans.status, ans.codes, ans.text("//ws:Retorno")))
        else:
            outcomes.append(("bulk", ans.text("//ws:ResultadoRegistro[2]/ws:Situacao"),
                             ans.texts("//ws:ResultadoRegistro[2]/ws:Mensagem/ws:Codigo"), None))
            assert ans.text("//ws:ResultadoRegistro[1]/ws:Situacao") == "CRIADO", ans
            assert ans.text("//ws:ResultadoRegistro[3]/ws:Situacao") == "CRIADO", ans
    return target, outcomes


def open_count(person_id, natureza):
    return int(psql("SELECT count(*) FROM contact WHERE tenant_id = %s AND person_id = %d AND nature_code = '%s'"
                    % (ws.tenant_id("demo"), person_id, natureza)))


def test_recusar_bulk_and_single_race_opens_exactly_one():
    target, outcomes = race("RECLAMACAO")
    opened = [o for o in outcomes if o[1] in ("CRIADO", "Sucesso")]
    refused = [o for o in outcomes if o not in opened]
    assert len(opened) == 1, outcomes
    assert all(o[2] == ["JA_EXISTENTE"] for o in refused), outcomes
    assert open_count(target, "RECLAMACAO") == 1
    ws.figure("batch_recusar_race_opened", len(opened))


def test_vincular_bulk_and_single_race_records_every_contact_on_one():
    target, outcomes = race("VENDA_NOVO")
    opened = [o for o in outcomes if o[1] == "CRIADO" or o[3] == "NOVO"]
    assert len(opened) == 1, outcomes
    assert open_count(target, "VENDA_NOVO") == 1
    linked = int(psql("SELECT count(*) FROM contact_interaction i JOIN contact c USING (tenant_id, contact_id)"
                      " WHERE c.tenant_id = %s AND c.person_id = %d AND i.outcome = 'NOVO_CONTATO_VINCULADO'"
                      % (ws.tenant_id("demo"), target)))
    assert linked == N - 1, outcomes
