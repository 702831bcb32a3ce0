/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_wire.c - a record's values (lote.h) as the contract's Pessoa, Veiculo,
 * Atendimento or Agendamento, and one bulk call per type.
 *
 * The rule to know: values arrive here already checked by their kind
 * (lote_check_values), so numbers, enumerations and date-times convert without
 * failing; an empty value is an absent element, and a nested element (Endereco,
 * Prospect, VeiculoInteresse, ProximoContato) is sent only when one of its fields
 * has a value.
 */
#include "lote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define V(name) lote_value(t, r, name)

static char *text(struct soap *soap, const struct lote_type *t, const struct lote_record *r, const char *name)
{
	const char *s = V(name);
	return s ? soap_strdup(soap, s) : NULL;
}

static int *int_of(struct soap *soap, const char *s)
{
	if (!s)
		return NULL;
	int *p = soap_malloc(soap, sizeof *p);
	*p = (int)strtol(s, NULL, 10);
	return p;
}

static LONG64 *id_of(struct soap *soap, const char *s)
{
	if (!s)
		return NULL;
	LONG64 *p = soap_malloc(soap, sizeof *p);
	*p = strtoll(s, NULL, 10);
	return p;
}

static enum xsd__boolean *bool_of(struct soap *soap, const char *s)
{
	if (!s)
		return NULL;
	enum xsd__boolean *p = soap_malloc(soap, sizeof *p);
	*p = lote_yes(s) ? xsd__boolean__true_ : xsd__boolean__false_;
	return p;
}

/* true when a field under the nested element (path prefix "Prospect/") has a value:
 * the element is sent. The type's table says which fields are under it. */
static bool any_under(const struct lote_type *t, const struct lote_record *r, const char *prefix)
{
	size_t len = strlen(prefix);
	for (int i = 0; t->fields[i].name; i++)
		if (!strncmp(t->fields[i].path, prefix, len) && r->values[i] && *r->values[i])
			return true;
	return false;
}

/* A phone as the people's bulk path sends one: TelefonePessoa{Numero, WhatsApp?}. */
static void phone(struct soap *soap, struct ws__TelefonePessoa *tp, const char *number, const char *whatsapp)
{
	tp->Numero = soap_strdup(soap, number);
	tp->WhatsApp = bool_of(soap, whatsapp);
}

static struct ws__Pessoa *pessoa(struct soap *soap, const struct lote_type *t, const struct lote_record *r)
{
	struct ws__Pessoa *p = soap_new_ws__Pessoa(soap, 1);
	p->IdExterno = text(soap, t, r, "IdExterno");
	p->CodigoDMS = text(soap, t, r, "CodigoDMS");
	if (V("Tipo")) {
		p->Tipo = soap_malloc(soap, sizeof *p->Tipo);
		soap_s2ws__TipoPessoa(soap, V("Tipo"), p->Tipo);
	}
	p->Documento = text(soap, t, r, "Documento");
	p->Nome = text(soap, t, r, "Nome");
	p->NomeFantasia = text(soap, t, r, "NomeFantasia");
	p->Tratamento = text(soap, t, r, "Tratamento");
	p->DataNascimento = text(soap, t, r, "DataNascimento");
	if (any_under(t, r, "Endereco/")) {
		struct ws__Endereco *e = soap_new_ws__Endereco(soap, 1);
		e->Cep = text(soap, t, r, "Cep");
		e->Logradouro = text(soap, t, r, "Logradouro");
		e->Numero = text(soap, t, r, "Numero");
		e->Complemento = text(soap, t, r, "Complemento");
		e->Bairro = text(soap, t, r, "Bairro");
		e->Cidade = text(soap, t, r, "Cidade");
		e->Uf = text(soap, t, r, "Uf");
		p->Endereco = e;
	}
	const char *phones[2] = {V("Telefone"), V("Telefone2")};
	int n = (phones[0] != NULL) + (phones[1] != NULL);
	if (n) {
		p->Telefone = soap_new_ws__TelefonePessoa(soap, n);
		p->__sizeTelefone = 0;
		for (int i = 0; i < 2; i++)
			if (phones[i])
				phone(soap, &p->Telefone[p->__sizeTelefone++], phones[i], i == 0 ? V("WhatsApp") : NULL);
	}
	if (V("Email")) {
		p->__sizeEmail = 1;
		p->Email = soap_new_ws__EmailPessoa(soap, 1);
		p->Email->Endereco = text(soap, t, r, "Email");
	}
	if (V("PreferenciaContato")) {
		p->PreferenciaContato = soap_malloc(soap, sizeof *p->PreferenciaContato);
		soap_s2ws__Canal(soap, V("PreferenciaContato"), p->PreferenciaContato);
	}
	p->Origem = text(soap, t, r, "Origem");
	p->Observacao = text(soap, t, r, "Observacao");
	return p;
}

static struct ws__Veiculo *veiculo(struct soap *soap, const struct lote_type *t, const struct lote_record *r)
{
	struct ws__Veiculo *w = soap_new_ws__Veiculo(soap, 1);
	w->IdExterno = text(soap, t, r, "IdExterno");
	w->Placa = text(soap, t, r, "Placa");
	w->Chassi = text(soap, t, r, "Chassi");
	w->Renavam = text(soap, t, r, "Renavam");
	w->Marca = text(soap, t, r, "Marca");
	w->Modelo = text(soap, t, r, "Modelo");
	w->VersaoModelo = text(soap, t, r, "VersaoModelo");
	w->Cor = text(soap, t, r, "Cor");
	w->AnoFabricacao = int_of(soap, V("AnoFabricacao"));
	w->AnoModelo = int_of(soap, V("AnoModelo"));
	w->Combustivel = text(soap, t, r, "Combustivel");
	w->Quilometragem = int_of(soap, V("Quilometragem"));
	w->IdProprietario = id_of(soap, V("IdProprietario"));
	return w;
}

static struct ws__Atendimento *atendimento(struct soap *soap, const struct lote_type *t, const struct lote_record *r)
{
	struct ws__Atendimento *a = soap_new_ws__Atendimento(soap, 1);
	a->IdExterno = text(soap, t, r, "IdExterno");
	a->IdPessoa = id_of(soap, V("IdPessoa"));
	if (any_under(t, r, "Prospect/")) {
		struct ws__DadosProspect *p = soap_new_ws__DadosProspect(soap, 1);
		p->IdExterno = text(soap, t, r, "ProspectIdExterno");
		p->Nome = text(soap, t, r, "ProspectNome");
		if (V("ProspectTelefone")) {
			p->Telefone = soap_new_ws__TelefonePessoa(soap, 1);
			phone(soap, p->Telefone, V("ProspectTelefone"), V("ProspectWhatsApp"));
		}
		p->Email = text(soap, t, r, "ProspectEmail");
		p->Origem = text(soap, t, r, "ProspectOrigem");
		p->Observacao = text(soap, t, r, "ProspectObservacao");
		a->Prospect = p;
	}
	a->Natureza = text(soap, t, r, "Natureza");
	a->Origem = text(soap, t, r, "Origem");
	if (V("Canal")) {
		a->Canal = soap_malloc(soap, sizeof *a->Canal);
		soap_s2ws__CanalContato(soap, V("Canal"), a->Canal);
	}
	a->Descricao = text(soap, t, r, "Descricao");
	a->IdVeiculo = id_of(soap, V("IdVeiculo"));
	if (any_under(t, r, "VeiculoInteresse/")) {
		struct ws__VeiculoInteresse *vi = soap_new_ws__VeiculoInteresse(soap, 1);
		vi->Modelo = text(soap, t, r, "VeiculoInteresseModelo");
		vi->VersaoModelo = text(soap, t, r, "VeiculoInteresseVersaoModelo");
		vi->Cor = text(soap, t, r, "VeiculoInteresseCor");
		vi->AnoModelo = int_of(soap, V("VeiculoInteresseAnoModelo"));
		a->VeiculoInteresse = vi;
	}
	a->InteresseCarroNovo = bool_of(soap, V("InteresseCarroNovo"));
	a->Responsavel = text(soap, t, r, "Responsavel");
	if (any_under(t, r, "ProximoContato/")) {
		struct ws__ProximoContato *pc = soap_new_ws__ProximoContato(soap, 1);
		pc->DataHora = text(soap, t, r, "ProximoContatoDataHora");
		pc->Responsavel = text(soap, t, r, "ProximoContatoResponsavel");
		if (V("ProximoContatoTipo")) {
			pc->Tipo = soap_malloc(soap, sizeof *pc->Tipo);
			soap_s2ws__TipoProximoContato(soap, V("ProximoContatoTipo"), pc->Tipo);
		}
		pc->Observacao = text(soap, t, r, "ProximoContatoObservacao");
		a->ProximoContato = pc;
	}
	return a;
}

/* "A|B|C" (canonical: lote_check_values) -> its items, in the soap arena; *n = how many. */
static char **split(struct soap *soap, const char *s, int *n)
{
	*n = 0;
	if (!s)
		return NULL;
	int cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == '|';
	char **items = soap_malloc(soap, (size_t)cap * sizeof *items);
	for (const char *p = s;; p++) {
		size_t len = strcspn(p, "|");
		char *item = soap_malloc(soap, len + 1);
		memcpy(item, p, len);
		item[len] = '\0';
		items[(*n)++] = item;
		p += len;
		if (!*p)
			return items;
	}
}

static struct ws__Agendamento *agendamento(struct soap *soap, const struct lote_type *t, const struct lote_record *r)
{
	struct ws__Agendamento *g = soap_new_ws__Agendamento(soap, 1);
	g->IdExterno = text(soap, t, r, "IdExterno");
	g->IdVeiculo = id_of(soap, V("IdVeiculo"));
	g->Placa = text(soap, t, r, "Placa");
	g->Chassi = text(soap, t, r, "Chassi");
	g->IdCliente = id_of(soap, V("IdCliente"));
	g->IdAtendimento = id_of(soap, V("IdAtendimento"));
	g->Quilometragem = int_of(soap, V("Quilometragem"));
	g->DataHora = text(soap, t, r, "DataHora");
	g->Consultor = text(soap, t, r, "Consultor");
	g->TipoAgendamento = text(soap, t, r, "TipoAgendamento");
	int n;
	char **codes = split(soap, V("Servico"), &n);
	if (n) {
		g->Servico = soap_new_ws__ServicoAgendado(soap, n);
		g->__sizeServico = n;
		for (int i = 0; i < n; i++)
			g->Servico[i].Codigo = codes[i];
	}
	char **parts = split(soap, V("Peca"), &n);
	if (n) {
		g->Peca = soap_new_ws__PecaReservada(soap, n);
		g->__sizePeca = n;
		for (int i = 0; i < n; i++) {
			char *colon = strchr(parts[i], ':');	/* canonical_list: "CODIGO:QTD" */
			*colon = '\0';
			g->Peca[i].Codigo = parts[i];
			g->Peca[i].Quantidade = colon + 1;
		}
	}
	g->Observacao = text(soap, t, r, "Observacao");
	return g;
}

/* ---- one call per type ---------------------------------------------------------- */

static char *key_of(struct soap *soap, const struct lote_input *in, const struct lote_record *r)
{
	char key[96];
	snprintf(key, sizeof key, "%s.%d", in->id, r->line);
	return soap_strdup(soap, key);
}

static int *line_of(struct soap *soap, const struct lote_record *r)
{
	int *p = soap_malloc(soap, sizeof *p);
	*p = r->line;
	return p;
}

/* The four operations differ only in their types' names: one body for all. */
#define LOTE_SEND(fn, Op, RegType, Member, build)                                                         \
	int fn(struct soap *soap, const char *url, struct ws__Cabecalho *h, struct ws__InfoLote *lote,       \
	       const struct lote_input *in, const size_t *idx, size_t n, struct lote_reply *out)             \
	{                                                                                                    \
		struct _ws__##Op req = {0};                                                                  \
		struct _ws__##Op##Response resp = {0};                                                       \
		req.Cabecalho = h;                                                                           \
		req.Lote = lote;                                                                             \
		req.__sizeRegistro = (int)n;                                                                 \
		req.Registro = soap_new_ws__##RegType(soap, (int)n);                                        \
		for (size_t k = 0; k < n; k++) {                                                             \
			const struct lote_record *r = &in->rec[idx[k]];                                      \
			req.Registro[k].Chave = key_of(soap, in, r);                                         \
			req.Registro[k].Sequencia = line_of(soap, r);                                        \
			req.Registro[k].Member = build(soap, in->type, r);                                   \
		}                                                                                            \
		int rc = soap_call___ws__##Op(soap, url, NULL, &req, &resp);                                 \
		out->resultado = resp.Resultado;                                                             \
		out->items = resp.ResultadoRegistro;                                                         \
		out->n_items = resp.__sizeResultadoRegistro;                                                 \
		return rc;                                                                                   \
	}

LOTE_SEND(lote_send_pessoas, IncluirPessoasLote, RegistroPessoa, Pessoa, pessoa)
LOTE_SEND(lote_send_veiculos, IncluirVeiculosLote, RegistroVeiculo, Veiculo, veiculo)
LOTE_SEND(lote_send_atendimentos, IncluirAtendimentosLote, RegistroAtendimento, Atendimento, atendimento)
LOTE_SEND(lote_send_agendamentos, IncluirAgendamentosLote, RegistroAgendamento, Agendamento, agendamento)
