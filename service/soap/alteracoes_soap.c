/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * alteracoes_soap.c - ObterAlteracoes (wsdl/xsd/integracao.xsd), the change feed.
 * ProximoCursor is always answered (the sent one when nothing is new); the rules
 * are in domain/change_feed.c, the completeness argument in sql/007_change_feed.sql
 * (the workshop and sales entities: sql/040).
 */
#include "domain/change_feed.h"
#include "soap/op.h"
#include "soap/wire.h"

#include <string.h>

/* TipoEntidade on the wire <-> the entity names of change_log. */
static const struct {
	enum ws__TipoEntidade wire;
	const char *entity;
} entities[] = {
	{ws__TipoEntidade__PESSOA, "pessoa"},
	{ws__TipoEntidade__VEICULO, "veiculo"},
	{ws__TipoEntidade__ATENDIMENTO, "atendimento"},
	{ws__TipoEntidade__AGENDAMENTO, "agendamento"},
	{ws__TipoEntidade__ORCAMENTO, "orcamento"},
	{ws__TipoEntidade__OS, "os"},
	{ws__TipoEntidade__VEICULO_USCOREESTOQUE, "estoque"},
	{ws__TipoEntidade__RESERVA, "reserva"},
	{ws__TipoEntidade__AVALIACAO, "avaliacao"},
	{ws__TipoEntidade__PROPOSTA, "proposta"},
};
#define N_ENTITIES ((int)(sizeof entities / sizeof entities[0]))

static const char *entity_of(enum ws__TipoEntidade t)
{
	for (int i = 0; i < N_ENTITIES; i++)
		if (entities[i].wire == t)
			return entities[i].entity;
	return NULL;
}

static enum ws__TipoEntidade wire_of(const char *entity)
{
	for (int i = 0; i < N_ENTITIES; i++)
		if (!strcmp(entities[i].entity, entity))
			return entities[i].wire;
	return ws__TipoEntidade__PESSOA;
}

static enum status obter_alteracoes(struct request *req, struct _ws__ObterAlteracoes *in,
				    struct _ws__ObterAlteracoesResponse *out)
{
	const char **types = req_alloc(req, sizeof *types * (size_t)(in->__sizeTipo + 1));
	int n_types = 0;
	for (int i = 0; i < in->__sizeTipo; i++)
		if ((types[n_types] = entity_of(in->Tipo[i])))
			n_types++;
	/* Answer a cursor even on failure: the element is required in the response
	 * (the one sent; "" means the beginning, like an absent one). */
	out->ProximoCursor = in->Cursor ? (char *)wire_text(req, in->Cursor) : "";
	out->MaisItens = xsd__boolean__false_;

	struct feed_page page;
	enum status s = change_feed_read(req, wire_text(req, in->Cursor), types, n_types, in->MaxItens, &page);
	if (s != STATUS_OK)
		return s;
	out->ProximoCursor = (char *)page.next_cursor;
	out->MaisItens = page.more ? xsd__boolean__true_ : xsd__boolean__false_;
	out->__sizeAlteracao = page.n;
	out->Alteracao = soap_new_ws__Alteracao(wire_soap(req), page.n);
	for (int i = 0; i < page.n; i++) {
		const struct change *c = &page.items[i];
		struct ws__Alteracao *w = &out->Alteracao[i];
		w->Tipo = wire_of(c->entity);
		w->Id = c->entity_id;
		soap_s2ws__AcaoAlteracao(wire_soap(req), c->action, &w->Acao);
		w->Versao = c->has_version ? wire_new_int(req, c->version) : NULL;
		w->DataHora = (char *)c->at;
	}
	return STATUS_OK;
}
WS_OPERATION(ObterAlteracoes, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, obter_alteracoes)
