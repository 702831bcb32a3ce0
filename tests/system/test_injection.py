# SPDX-License-Identifier: GPL-2.0-or-later
"""test_injection.py - SQL in text fields is data, and search patterns are literal.

Injection strings go into every text field of a person and come back unchanged
(through the service and in the row). Search filters that the server turns into
prefix or suffix matches (NomePrefixo, the VIN's last 6) must treat LIKE's `%`, `_`
and `\\` as the characters they are: a prefix "_ubens" must not find "Rubens".
No input may turn into a server error (a SQL error surfaces as ERRO_SERVIDOR).
"""
import hashlib
import uuid

import pytest

import wsatend_sys as ws
from wsatend_sys import call, header, ok, psql

INJECTIONS = [
    "'; DROP TABLE person; --",
    "' OR '1'='1",
    "\\'; SELECT pg_sleep(5); --",
    "1); DELETE FROM audit_log WHERE (1=1",
    "$$; DROP TABLE vehicle; $$",
    "%_\\%",
    "Robert'); DROP TABLE students;--",
    "<script>alert(1)</script> & \"aspas\"",
]


@pytest.fixture(autouse=True)
def _env():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")


def consultar(filtro, user=ws.USER):
    a = call("<ws:ConsultarPessoa>%s<ws:Filtro>%s</ws:Filtro><ws:Paginacao><ws:MaxItens>500</ws:MaxItens>"
             "</ws:Paginacao></ws:ConsultarPessoa>" % (header(None), filtro), user=user)
    assert a.fault is None, "%s: %r" % (filtro, a)
    return a


@pytest.mark.parametrize("text", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injection_strings_are_stored_literally(text):
    cpf = ws.cpf()
    e = ws.esc(text)

    def fit(n, other):     # the text itself where it fits the field, else a plain value
        return ws.esc(text) if len(text) <= n else other

    fields = ("<ws:IdExterno>%s</ws:IdExterno><ws:CodigoDMS>%s</ws:CodigoDMS><ws:Documento>%s</ws:Documento>"
              "<ws:Nome>%s</ws:Nome><ws:NomeFantasia>%s</ws:NomeFantasia><ws:Tratamento>%s</ws:Tratamento>"
              "<ws:Endereco><ws:Logradouro>%s</ws:Logradouro><ws:Complemento>%s</ws:Complemento>"
              "<ws:Bairro>%s</ws:Bairro><ws:Cidade>%s</ws:Cidade></ws:Endereco>"
              "<ws:Email><ws:Endereco>inj%s@example.com</ws:Endereco></ws:Email><ws:Observacao>%s</ws:Observacao>"
              % (ws.esc((text + uuid.uuid4().hex[:8])[-60:]), fit(20, "DMS"), cpf, e, e, fit(20, "Sr."),
                 e, e, e, e, cpf, e))
    a = call("<ws:IncluirPessoa>%s<ws:Pessoa>%s</ws:Pessoa></ws:IncluirPessoa>" % (header(ws.msg_id()), fields))
    assert a.fault is None, a
    if a.status == "Falha":     # refused as invalid is acceptable, a server error is not
        assert "ERRO_SERVIDOR" not in a.codes, a
        pytest.skip("refused by validation: %s" % a.codes)
    ok(a, "IncluirPessoa")
    pid = a.text("//ws:Pessoa/ws:Id")
    back = ok(consultar("<ws:Id>%s</ws:Id>" % pid), "ConsultarPessoa")
    for xp in ("ws:Nome", "ws:NomeFantasia", "ws:Observacao", "ws:Endereco/ws:Logradouro",
               "ws:Endereco/ws:Complemento", "ws:Endereco/ws:Bairro", "ws:Endereco/ws:Cidade"):
        assert back.text("//ws:Pessoa/" + xp) == text, "%s changed: %r" % (xp, back.text("//ws:Pessoa/" + xp))
    md5 = psql("SELECT md5(name) || md5(notes) || md5(street) FROM person WHERE person_id = %s" % pid)
    h = hashlib.md5(text.encode()).hexdigest()
    assert md5 == h * 3
    assert psql("SELECT count(*) FROM pg_tables WHERE tablename IN ('person', 'vehicle', 'audit_log')") == "3"


@pytest.fixture(scope="module")
def rubens():
    ws.require("WSATEND_TEST_URL", "WSATEND_TEST_DSN", "WSATEND_TEST_SENHA")
    tag = uuid.uuid4().hex[:8]
    a = ok(ws.incluir_pessoa(name="Rubens Curinga %s" % tag), "IncluirPessoa")
    return {"tag": tag, "pid": a.text("//ws:Pessoa/ws:Id"), "cpf": a.text("//ws:Pessoa/ws:Documento")}


@pytest.mark.parametrize("prefix", ["_ubens Curinga {tag}", "%ubens Curinga {tag}", "R%s Curinga {tag}",
                                    "Rubens_Curinga {tag}", "%%%", "___", "\\%\\", "Rubens Curinga {tag}%"])
def test_name_prefix_is_literal(rubens, prefix):
    p = prefix.format(tag=rubens["tag"])
    a = consultar("<ws:NomePrefixo>%s</ws:NomePrefixo>" % ws.esc(p))
    assert "ERRO_SERVIDOR" not in a.codes, a
    names = a.texts("//ws:Pessoa/ws:Nome")
    wrong = [n for n in names if not n.lower().startswith(p.lower())]
    assert not wrong, "prefix %r matched %s: LIKE wildcards are not escaped" % (p, wrong[:5])
    assert rubens["pid"] not in a.texts("//ws:Pessoa/ws:Id")


def test_name_prefix_still_finds_the_literal_match(rubens):
    a = ok(consultar("<ws:NomePrefixo>rubens curinga %s</ws:NomePrefixo>" % rubens["tag"]), "prefix")
    assert a.texts("//ws:Pessoa/ws:Id") == [rubens["pid"]]


@pytest.mark.parametrize("filtro", [
    "<ws:Email>%@example.com</ws:Email>", "<ws:Email>_%</ws:Email>", "<ws:IdExterno>%</ws:IdExterno>",
    "<ws:CodigoDMS>%</ws:CodigoDMS>", "<ws:Documento>%</ws:Documento>", "<ws:Telefone>%</ws:Telefone>",
    "<ws:Placa>%</ws:Placa>", "<ws:Chassi>%%%%%%</ws:Chassi>", "<ws:Chassi>______</ws:Chassi>"])
def test_exact_filters_do_not_expand_wildcards(filtro):
    a = consultar(filtro)
    assert "ERRO_SERVIDOR" not in a.codes, a
    n = len(a.all("//ws:Pessoa"))
    assert n == 0, "%s returned %d people" % (filtro, n)


@pytest.mark.parametrize("chassi", ["%%%%%%", "______", "%"])
def test_vehicle_vin_suffix_is_literal(chassi):
    a = call("<ws:ConsultarVeiculo>%s<ws:Filtro><ws:Chassi>%s</ws:Chassi></ws:Filtro></ws:ConsultarVeiculo>"
             % (header(None), chassi))
    assert a.fault is None and "ERRO_SERVIDOR" not in a.codes, a
    assert len(a.all("//ws:Veiculo")) == 0, "Chassi %r matched vehicles" % chassi
