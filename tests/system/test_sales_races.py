# SPDX-License-Identifier: GPL-2.0-or-later
"""test_sales_races.py - reservations when customers race for one vehicle.

Sixteen consultants reserve the same stock vehicle for sixteen different customers at
the same instant, each on its own connection: exactly one wins, the other fifteen get
VEICULO_RESERVADO, and the database holds one active reservation. Then the same race
between a reservation and proposals of other customers: whatever the order, a proposal
never coexists with another customer's reservation.

Rule to know: the server locks the stock row before checking (sql/020 also has an
exclusion constraint), so the losers are answered with a clean business code, never a
server fault or a second reservation.
"""
import queue
import uuid

import pytest

import wsatend_sys as ws
from wsatend_sys import call, header, ok, psql

N = 16


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")


def stock_vehicle(model):
    body = ("<ws:IncluirVeiculoEstoque>%s<ws:VeiculoEstoque><ws:Deposito>NOVOS</ws:Deposito>"
            "<ws:Marca>Jeep</ws:Marca><ws:Modelo>%s</ws:Modelo><ws:AnoModelo>2027</ws:AnoModelo>"
            "<ws:Chassi>%s</ws:Chassi><ws:Preco>179990.00</ws:Preco><ws:Custo>160000.00</ws:Custo>"
            "</ws:VeiculoEstoque></ws:IncluirVeiculoEstoque>" % (header(ws.msg_id()), model, ws.vin()))
    return int(ok(call(body), "IncluirVeiculoEstoque").text("//ws:VeiculoEstoque/ws:Id"))


def customers(n):
    """n open atendimentos of n different people in branch 01."""
    out = []
    for _ in range(n):
        pid = ok(ws.incluir_pessoa(), "IncluirPessoa").text("//ws:Pessoa/ws:Id")
        out.append(int(ok(ws.incluir_atendimento(pid), "IncluirAtendimento").text("//ws:Atendimento/ws:Id")))
    return out


def reservar(aid, sid, session=None):
    body = ("<ws:ReservarVeiculo>%s<ws:IdAtendimento>%d</ws:IdAtendimento>"
            "<ws:IdVeiculoEstoque>%d</ws:IdVeiculoEstoque><ws:Prazo>2</ws:Prazo>"
            "<ws:UnidadePrazo>DIAS</ws:UnidadePrazo></ws:ReservarVeiculo>" % (header(ws.msg_id()), aid, sid))
    return call(body, session=session)


def incluir_proposta(aid, sid, session=None):
    body = ("<ws:IncluirProposta>%s<ws:Proposta><ws:IdAtendimento>%d</ws:IdAtendimento>"
            "<ws:IdVeiculoEstoque>%d</ws:IdVeiculoEstoque><ws:Pagamento><ws:Forma>A_VISTA</ws:Forma>"
            "</ws:Pagamento></ws:Proposta></ws:IncluirProposta>" % (header(ws.msg_id()), aid, sid))
    return call(body, session=session)


def active_reservations(sid):
    return int(psql("SELECT count(*) FROM reservation WHERE tenant_id = %s AND stock_id = %d"
                    " AND cancelled_at IS NULL AND consumed_at IS NULL AND expires_at > now()"
                    % (ws.tenant_id("demo"), sid)))


def test_16_customers_reserve_one_vehicle_exactly_one_wins():
    sid = stock_vehicle("Compass Corrida " + uuid.uuid4().hex[:6])
    pending = queue.Queue()
    for aid in customers(N):
        pending.put(aid)
    answers = ws.concurrently(N, lambda s: reservar(pending.get_nowait(), sid, session=s))
    assert all(a.fault is None for a in answers), [a for a in answers if a.fault]
    winners = [a for a in answers if a.status == "Sucesso"]
    losers = [a for a in answers if a.status == "Falha"]
    assert len(winners) == 1, answers
    assert len(losers) == N - 1
    assert all(a.codes == ["VEICULO_RESERVADO"] for a in losers), [a.codes for a in losers]
    assert active_reservations(sid) == 1
    assert int(psql("SELECT count(*) FROM reservation WHERE tenant_id = %s AND stock_id = %d"
                    % (ws.tenant_id("demo"), sid))) == 1
    ws.figure("sales_reservation_race_winners", len(winners))


def encerrar_venda(aid, prid, session=None):
    body = ("<ws:EncerrarAtendimento>%s<ws:IdAtendimento>%d</ws:IdAtendimento><ws:Desfecho>SUCESSO</ws:Desfecho>"
            "<ws:IdProposta>%d</ws:IdProposta></ws:EncerrarAtendimento>" % (header(ws.msg_id()), aid, prid))
    return call(body, session=session)


def test_16_proposals_for_a_reserved_vehicle_only_its_customer_gets_one():
    sid = stock_vehicle("Compass Proposta " + uuid.uuid4().hex[:6])
    aids = customers(N)
    ok(reservar(aids[0], sid), "ReservarVeiculo")
    pending = queue.Queue()
    for aid in aids:
        pending.put(aid)
    answers = ws.concurrently(N, lambda s: incluir_proposta(pending.get_nowait(), sid, session=s))
    assert all(a.fault is None for a in answers), [a for a in answers if a.fault]
    assert sum(a.status == "Sucesso" for a in answers) == 1
    assert sorted(c for a in answers if a.status == "Falha" for c in a.codes) == ["VEICULO_RESERVADO"] * (N - 1)
    rows = psql("SELECT string_agg(contact_id::text, ',') FROM proposal WHERE tenant_id = %s AND stock_id = %d"
                % (ws.tenant_id("demo"), sid))
    assert rows == str(aids[0])


def test_16_sales_of_one_vehicle_exactly_one_sells():
    """Sixteen customers each hold an open proposal for the same car and all close
    their atendimento as a sale at once: one sale, the car sold once, the other
    proposals closed, every loser told VEICULO_VENDIDO (no deadlock, no fault)."""
    sid = stock_vehicle("Compass Venda " + uuid.uuid4().hex[:6])
    deals = []
    for aid in customers(N):
        p = ok(incluir_proposta(aid, sid), "IncluirProposta")
        deals.append((aid, int(p.text("//ws:Proposta/ws:Id"))))
    pending = queue.Queue()
    for d in deals:
        pending.put(d)
    answers = ws.concurrently(N, lambda s: encerrar_venda(*pending.get_nowait(), session=s))
    assert all(a.fault is None for a in answers), [a for a in answers if a.fault]
    winners = [a for a in answers if a.status == "Sucesso"]
    assert len(winners) == 1, [a.codes for a in answers]
    assert sorted(c for a in answers if a.status == "Falha" for c in a.codes) == ["VEICULO_VENDIDO"] * (N - 1)
    t = ws.tenant_id("demo")
    assert psql("SELECT status FROM stock_vehicle WHERE tenant_id = %s AND stock_id = %d" % (t, sid)) == "VENDIDO"
    assert psql("SELECT count(*) FILTER (WHERE status = 'VENDIDA') || '/' || count(*) FILTER (WHERE status = 'ENCERRADA')"
                " FROM proposal WHERE tenant_id = %s AND stock_id = %d" % (t, sid)) == "1/%d" % (N - 1)
    ws.figure("sales_sale_race_winners", len(winners))
