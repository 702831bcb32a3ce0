# SPDX-License-Identifier: GPL-2.0-or-later
"""test_change_feed.py - ObterAlteracoes never skips a change, even of a transaction
that commits after a later one (out-of-order commit).

T1 (a psql session held open) changes person A and does not commit; meanwhile person B
is created through SOAP and commits. A's change_log row has the smaller change_id but
becomes visible later: a feed ordered by change_id alone would hand out B, move the
cursor past A's row and never return it. The feed must not move its cursor past T1
while T1 is open (so B is not returned yet); once T1 commits, pulling from the cursor
returned must give A's change, then B's, each exactly once.

Rule to know: we assert on our own ids only; other tests may write concurrently.
"""
import queue
import subprocess
import threading

import wsatend_sys as ws
from wsatend_sys import call, ok, psql


def page(cursor, max_items=1000):
    cur = "<ws:Cursor>%s</ws:Cursor>" % cursor if cursor else ""
    a = ok(call("<ws:ObterAlteracoes><ws:Cabecalho/>%s<ws:MaxItens>%d</ws:MaxItens></ws:ObterAlteracoes>"
                % (cur, max_items)), "ObterAlteracoes")
    items = [(e.findtext("{%s}Tipo" % ws.NS), e.findtext("{%s}Id" % ws.NS), e.findtext("{%s}Acao" % ws.NS),
              e.findtext("{%s}Versao" % ws.NS)) for e in a.all("//ws:Alteracao")]
    nxt = a.text("//ws:ProximoCursor")
    assert nxt and nxt.startswith("f1."), a
    return items, nxt, a.text("//ws:MaisItens") == "true"


def drain(cursor):
    """Every page from cursor until MaisItens=false: (items, last cursor)."""
    out = []
    for _ in range(10000):
        items, cursor, more = page(cursor)
        out += items
        if not more:
            return out, cursor
    raise AssertionError("the feed never ended")


def cursor_xid(cursor):
    return int(cursor.split(".")[1])


class Session:
    """A psql session on stdin/stdout pipes, to hold a transaction open."""

    def __init__(self):
        self.p = subprocess.Popen(["psql", ws.DSN, "-X", "-At", "-v", "ON_ERROR_STOP=1"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def run(self, sql):
        """Runs sql, returns its output lines (up to a marker echoed after it)."""
        self.p.stdin.write(sql + "\n\\echo __done__\n")
        self.p.stdin.flush()
        out = []
        while True:
            line = self.lines.get(timeout=30)
            assert line is not None, "psql ended: %s" % out
            if line == "__done__":
                return out
            out.append(line)

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def test_out_of_order_commit_is_not_skipped():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    tenant = ws.tenant_id("demo")
    a_id = ok(ws.incluir_pessoa(), "person A").text("//ws:Pessoa/ws:Id")
    seen, cursor0 = drain(None)
    assert ("PESSOA", a_id, "CRIADO", "1") in seen, "A's creation is in the feed from the beginning"

    t1 = Session()
    try:
        t1.run("BEGIN;")
        out = t1.run("UPDATE person SET notes = 'change feed T1', version = version + 1"
                     " WHERE tenant_id = %s AND person_id = %s RETURNING version;"
                     " SELECT pg_current_xact_id();" % (tenant, a_id))
        t1_xid = int(out[-1])
        b_id = ok(ws.incluir_pessoa(), "person B").text("//ws:Pessoa/ws:Id")

        during, cursor1 = drain(cursor0)
        assert ("PESSOA", b_id, "CRIADO", "1") not in during, \
            "B (committed after T1 began) must wait until T1 ends"
        assert not [i for i in during if i[1] == a_id and i[0] == "PESSOA"], "T1 is not committed"
        assert cursor_xid(cursor1) < t1_xid, "the cursor must not pass a transaction in progress"
        # Asking again changes nothing while T1 is open.
        again, cursor1b = drain(cursor1)
        assert ("PESSOA", b_id, "CRIADO", "1") not in again
        assert cursor_xid(cursor1b) < t1_xid

        t1.run("COMMIT;")
    finally:
        t1.close()

    # The race the feed had to survive: A's row was numbered first, B committed first.
    ids = psql("SELECT string_agg(change_id::text, ' ' ORDER BY change_id) FROM change_log"
               " WHERE tenant_id = %s AND entity = 'pessoa' AND ((entity_id = %s AND action = 'ALTERADO')"
               " OR (entity_id = %s AND action = 'CRIADO'))" % (tenant, a_id, b_id)).split()
    a_change = psql("SELECT change_id FROM change_log WHERE tenant_id = %s AND entity = 'pessoa'"
                    " AND entity_id = %s AND action = 'ALTERADO'" % (tenant, a_id))
    assert ids[0] == a_change, "A's change_id precedes B's: the out-of-order case was exercised"

    after, _ = drain(cursor1b)
    everything = during + again + after
    a_alt = [i for i in everything if i[:3] == ("PESSOA", a_id, "ALTERADO")]
    b_new = [i for i in everything if i[:3] == ("PESSOA", b_id, "CRIADO")]
    assert a_alt == [("PESSOA", a_id, "ALTERADO", "2")], "A's change, exactly once: %s" % a_alt
    assert len(b_new) == 1, "B's creation, exactly once"
    assert after.index(a_alt[0]) < after.index(b_new[0]), "in the order of the writing transactions"
    ws.figure("change feed: changes skipped under out-of-order commit", 0)


def test_rolled_back_change_never_appears():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    tenant = ws.tenant_id("demo")
    a_id = ok(ws.incluir_pessoa(), "person A").text("//ws:Pessoa/ws:Id")
    _, cursor0 = drain(None)
    t1 = Session()
    try:
        t1.run("BEGIN;")
        t1.run("UPDATE person SET notes = 'rolled back', version = version + 1"
               " WHERE tenant_id = %s AND person_id = %s;" % (tenant, a_id))
        t1.run("ROLLBACK;")
    finally:
        t1.close()
    b_id = ok(ws.incluir_pessoa(), "person B").text("//ws:Pessoa/ws:Id")
    after, _ = drain(cursor0)
    assert not [i for i in after if i[:2] == ("PESSOA", a_id)], "a rolled-back change is not a change"
    assert ("PESSOA", b_id, "CRIADO", "1") in after


# ---- workshop and sales documents (sql/040) ----------------------------------------
# The system suites run after the request/response cases, which create bookings, quotes,
# work orders, stock, reservations, appraisals and proposals in every state.

FEED_TABLES = {  # entity in change_log -> (table, id column)
    "agendamento": ("booking", "booking_id"),
    "orcamento": ("quote", "quote_id"),
    "os": ("work_order", "work_order_id"),
    "estoque": ("stock_vehicle", "stock_id"),
    "reserva": ("reservation", "reservation_id"),
    "avaliacao": ("appraisal", "appraisal_id"),
    "proposta": ("proposal", "proposal_id"),
}


def test_every_workshop_and_sales_document_is_in_the_feed():
    for entity, (table, key) in FEED_TABLES.items():
        rows, missing = psql(
            "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM change_log c"
            " WHERE c.tenant_id = d.tenant_id AND c.entity = '%s' AND c.entity_id = d.%s"
            " AND c.action = 'CRIADO')) FROM %s d" % (entity, key, table)).split("|")
        assert int(rows) > 0, "the cases created no %s: this test proves nothing" % table
        assert int(missing) == 0, "%s of %s %s rows have no CRIADO change" % (missing, rows, table)


def test_cancelled_bookings_and_reservations_are_cancelado_in_the_feed():
    for table, key, entity, cancelled in (
            ("booking", "booking_id", "agendamento", "d.status = 'CANCELADO'"),
            ("reservation", "reservation_id", "reserva", "d.cancelled_at IS NOT NULL")):
        rows, missing = psql(
            "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM change_log c"
            " WHERE c.tenant_id = d.tenant_id AND c.entity = '%s' AND c.entity_id = d.%s"
            " AND c.action = 'CANCELADO')) FROM %s d WHERE %s" % (entity, key, table, cancelled)).split("|")
        assert int(rows) > 0, "the cases cancelled no %s: this test proves nothing" % table
        assert int(missing) == 0, "%s cancelled %s rows lack a CANCELADO change" % (missing, table)


def test_the_feed_answers_workshop_and_sales_types():
    tid = ws.tenant_id("demo")
    booking = psql("SELECT max(booking_id) FROM booking WHERE tenant_id = %s" % tid)
    proposal = psql("SELECT max(proposal_id) FROM proposal WHERE tenant_id = %s" % tid)
    seen = {}
    cursor = None
    for _ in range(1000):
        cur = "<ws:Cursor>%s</ws:Cursor>" % cursor if cursor else ""
        a = ok(call("<ws:ObterAlteracoes><ws:Cabecalho/>%s<ws:Tipo>AGENDAMENTO</ws:Tipo>"
                    "<ws:Tipo>PROPOSTA</ws:Tipo><ws:MaxItens>1000</ws:MaxItens></ws:ObterAlteracoes>" % cur),
               "ObterAlteracoes")
        for e in a.all("//ws:Alteracao"):
            seen.setdefault(e.findtext("{%s}Tipo" % ws.NS), set()).add(e.findtext("{%s}Id" % ws.NS))
        cursor = a.text("//ws:ProximoCursor")
        if a.text("//ws:MaisItens") != "true":
            break
    assert set(seen) == {"AGENDAMENTO", "PROPOSTA"}, seen.keys()
    assert booking in seen["AGENDAMENTO"] and proposal in seen["PROPOSTA"]
