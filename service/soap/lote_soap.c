/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_soap.c - batch synchronisation (wsdl/xsd/lote.xsd): IncluirPessoasLote,
 * IncluirVeiculosLote, IncluirAtendimentosLote, IncluirAgendamentosLote and
 * ConsultarLote. gSOAP structs to domain/batch.h and back.
 *
 * The rule to know: a bulk call's Resultado is about the call (Parcial when some
 * records were rejected); each record's own outcome and messages travel in its
 * ResultadoRegistro, in the order of the request.
 */
#include "domain/batch.h"
#include "domain/booking_batch.h"
#include "domain/contact_batch.h"
#include "domain/person_batch.h"
#include "domain/vehicle_batch.h"
#include "soap/atendimento_soap.h"
#include "soap/oficina_soap.h"
#include "soap/op.h"
#include "soap/pessoa_soap.h"
#include "soap/veiculo_soap.h"
#include "soap/wire.h"

#define BULK_ROLES ROLES_FULL_EDIT

static const enum ws__SituacaoRegistro outcome_wire[] = {
	[BATCH_CREATED] = ws__SituacaoRegistro__CRIADO,
	[BATCH_UPDATED] = ws__SituacaoRegistro__ATUALIZADO,
	[BATCH_REPLAYED] = ws__SituacaoRegistro__REPROCESSADO,
	[BATCH_REJECTED] = ws__SituacaoRegistro__REJEITADO,
};

static void batch_in(struct request *req, const struct ws__InfoLote *lote, const char *operation, int n,
		     struct batch *b)
{
	*b = (struct batch){.operation = operation, .n = n};
	if (lote) {
		b->id = wire_text(req, lote->IdLote);
		b->declared_total = lote->TotalDeclarado;
	}
	b->items = req_alloc(req, sizeof *b->items * (size_t)(n ? n : 1));
}

static void item_out(struct request *req, const struct batch_item *it, int ordinal, struct ws__ResultadoRegistro *r)
{
	struct soap *soap = wire_soap(req);
	r->Ordem = ordinal;
	r->Chave = (char *)it->key;
	r->Sequencia = (int *)it->sequence;
	r->Situacao = outcome_wire[it->outcome];
	if (it->outcome == BATCH_REPLAYED) {
		r->SituacaoOriginal = soap_malloc(soap, sizeof *r->SituacaoOriginal);
		*r->SituacaoOriginal = outcome_wire[it->original];
	}
	r->Id = it->entity_id ? wire_new_id(req, it->entity_id) : NULL;
	r->__sizeMensagem = it->n_messages;
	r->Mensagem = it->n_messages ? soap_new_ws__Mensagem(soap, it->n_messages) : NULL;
	for (int k = 0; k < it->n_messages; k++) {
		const struct message *m = &it->messages[k];
		struct ws__Mensagem *wm = &r->Mensagem[k];
		wm->Codigo = (char *)status_code(m->code);
		wm->Severidade = m->severity == SEVERITY_ERROR     ? ws__Severidade__Erro
				 : m->severity == SEVERITY_WARNING ? ws__Severidade__Aviso
								   : ws__Severidade__Info;
		wm->Campo = (char *)m->field;
		wm->Texto = (char *)m->text;
		wm->Retentavel = status_info(m->code)->retryable ? xsd__boolean__true_ : xsd__boolean__false_;
	}
}

static struct ws__TotaisLote *totals_out(struct request *req, int received, int created, int updated, int replayed,
					 int rejected)
{
	struct ws__TotaisLote *t = soap_new_ws__TotaisLote(wire_soap(req), 1);
	t->Recebidos = received;
	t->Criados = created;
	t->Atualizados = updated;
	t->Reprocessados = replayed;
	t->Rejeitados = rejected;
	return t;
}

/* The response of a bulk call: totals and one result per record, in request order. */
static void results_out(struct request *req, const struct batch *b, struct ws__TotaisLote **totals, int *size,
			struct ws__ResultadoRegistro **results)
{
	*totals = totals_out(req, b->n, b->created, b->updated, b->replayed, b->rejected);
	*size = b->n;
	*results = soap_new_ws__ResultadoRegistro(wire_soap(req), b->n);
	for (int i = 0; i < b->n; i++)
		item_out(req, &b->items[i], i + 1, &(*results)[i]);
}

static enum status incluir_veiculos_lote(struct request *req, struct _ws__IncluirVeiculosLote *in,
					 struct _ws__IncluirVeiculosLoteResponse *out)
{
	struct batch b;
	int n = in->__sizeRegistro;
	batch_in(req, in->Lote, "IncluirVeiculosLote", n, &b);
	struct vehicle *records = req_alloc(req, sizeof *records * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		b.items[i].key = wire_text(req, in->Registro[i].Chave);
		b.items[i].sequence = in->Registro[i].Sequencia;
		vehicle_in(req, in->Registro[i].Veiculo, &records[i]);
	}
	enum status s = vehicle_batch_upsert(req, &b, records);
	if (s == STATUS_OK)
		results_out(req, &b, &out->Totais, &out->__sizeResultadoRegistro, &out->ResultadoRegistro);
	return s;
}
WS_OPERATION(IncluirVeiculosLote, OP_WRITE, BULK_ROLES, BRANCH_OPTIONAL, incluir_veiculos_lote)

static enum status incluir_pessoas_lote(struct request *req, struct _ws__IncluirPessoasLote *in,
					struct _ws__IncluirPessoasLoteResponse *out)
{
	struct batch b;
	int n = in->__sizeRegistro;
	batch_in(req, in->Lote, "IncluirPessoasLote", n, &b);
	struct person *records = req_alloc(req, sizeof *records * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		b.items[i].key = wire_text(req, in->Registro[i].Chave);
		b.items[i].sequence = in->Registro[i].Sequencia;
		person_in(req, in->Registro[i].Pessoa, &records[i]);
	}
	enum status s = person_batch_upsert(req, &b, records);
	if (s == STATUS_OK)
		results_out(req, &b, &out->Totais, &out->__sizeResultadoRegistro, &out->ResultadoRegistro);
	return s;
}
WS_OPERATION(IncluirPessoasLote, OP_WRITE, BULK_ROLES, BRANCH_OPTIONAL, incluir_pessoas_lote)

static enum status consultar_lote(struct request *req, struct _ws__ConsultarLote *in,
				  struct _ws__ConsultarLoteResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct batch_info info;
	struct batch_item *items;
	int n;
	s = batch_find(req, wire_text(req, in->IdLote), wire_bool(in->SomenteRejeitados, false), page.after,
		       page.limit + 1, &info, &items, &n);
	if (s != STATUS_OK)
		return s;
	struct ws__SituacaoLote *l = soap_new_ws__SituacaoLote(wire_soap(req), 1);
	l->IdLote = (char *)info.id;
	l->Operacao = (char *)info.operation;
	l->TotalDeclarado = (int *)info.declared_total;
	int done = info.created + info.updated + info.rejected;
	l->Totais = totals_out(req, done, info.created, info.updated, 0, info.rejected);
	l->Completo = info.declared_total && done >= *info.declared_total ? xsd__boolean__true_ : xsd__boolean__false_;
	l->DataHoraCriacao = (char *)info.created_at;
	l->DataHoraAlteracao = (char *)info.updated_at;
	out->Lote = l;
	int shown = n > page.limit ? page.limit : n;
	out->__sizeResultadoRegistro = shown;
	out->ResultadoRegistro = shown ? soap_new_ws__ResultadoRegistro(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		item_out(req, &items[i], 0, &out->ResultadoRegistro[i]);
	out->ProximoCursor = wire_next_cursor(req, &page, n, shown ? items[shown - 1].item_no : 0);
	return STATUS_OK;
}
WS_OPERATION(ConsultarLote, OP_READ, BULK_ROLES, BRANCH_OPTIONAL, consultar_lote)

static enum status incluir_atendimentos_lote(struct request *req, struct _ws__IncluirAtendimentosLote *in,
					     struct _ws__IncluirAtendimentosLoteResponse *out)
{
	struct batch b;
	int n = in->__sizeRegistro;
	batch_in(req, in->Lote, "IncluirAtendimentosLote", n, &b);
	struct contact *records = req_alloc(req, sizeof *records * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		b.items[i].key = wire_text(req, in->Registro[i].Chave);
		b.items[i].sequence = in->Registro[i].Sequencia;
		contact_in(req, in->Registro[i].Atendimento, &records[i]);
	}
	enum status s = contact_batch_create(req, &b, records);
	if (s == STATUS_OK)
		results_out(req, &b, &out->Totais, &out->__sizeResultadoRegistro, &out->ResultadoRegistro);
	return s;
}
WS_OPERATION(IncluirAtendimentosLote, OP_WRITE, BULK_ROLES, BRANCH_REQUIRED, incluir_atendimentos_lote)

static enum status incluir_agendamentos_lote(struct request *req, struct _ws__IncluirAgendamentosLote *in,
					     struct _ws__IncluirAgendamentosLoteResponse *out)
{
	struct batch b;
	int n = in->__sizeRegistro;
	batch_in(req, in->Lote, "IncluirAgendamentosLote", n, &b);
	struct booking *records = req_alloc(req, sizeof *records * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		b.items[i].key = wire_text(req, in->Registro[i].Chave);
		b.items[i].sequence = in->Registro[i].Sequencia;
		booking_in(req, in->Registro[i].Agendamento, &records[i]);
	}
	enum status s = booking_batch_create(req, &b, records);
	if (s == STATUS_OK)
		results_out(req, &b, &out->Totais, &out->__sizeResultadoRegistro, &out->ResultadoRegistro);
	return s;
}
WS_OPERATION(IncluirAgendamentosLote, OP_WRITE, BULK_ROLES, BRANCH_REQUIRED, incluir_agendamentos_lote)
