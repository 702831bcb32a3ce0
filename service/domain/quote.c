/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quote.c - the rules of workshop quotes (quote.h).
 *
 * The rule to know: a quote moves ABERTO -> APROVADO / APROVADO_PARCIAL / RECUSADO
 * (the customer) -> CONVERTIDO_OS; AGUARDANDO_APROVACAO (a discount above the limit)
 * blocks both the customer's approval and the conversion until a gerente approves
 * the discount. The validity is a local calendar day of the branch.
 */
#include "domain/quote.h"
#include "domain/agenda.h"
#include "domain/field.h"
#include "domain/workshop.h"

#include "core/validate.h"
#include "store/audit_store.h"
#include "store/booking_store.h"
#include "store/quote_store.h"
#include "store/work_order_store.h"

#include <stdio.h>
#include <string.h>

static enum status reread(struct request *req, int64_t id, struct quote *out)
{
	bool found;
	return quote_store_get(req, id, NULL, false, out, &found);
}

enum status quote_create(struct request *req, const struct quote *in, struct quote *out)
{
	struct quote q = *in;
	q.external_id = workshop_text(req, in->external_id, 60, "Orcamento/IdExterno");
	q.type = workshop_text(req, in->type, 20, "Orcamento/TipoOS");
	if (!q.type)
		q.type = "CLIENTE";
	q.notes = workshop_text(req, in->notes, 2000, "Orcamento/Observacao");
	if (in->delivery_days && (*in->delivery_days < 0 || *in->delivery_days > 365))
		req_fail(req, STATUS_VALOR_INVALIDO, "Orcamento/PrazoEntregaDias", "Prazo de entrega entre 0 e 365 dias.");
	if (in->odometer && *in->odometer < 0)
		req_fail(req, STATUS_VALOR_INVALIDO, "Orcamento/Quilometragem", "A quilometragem não pode ser negativa.");
	if (in->n_items == 0)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Orcamento/Item", "Informe ao menos um item.");
	q.items = work_order_check_items(req, in->items, in->n_items, "Orcamento/Item");
	const char *valid = field_trimmed(req, in->valid_until);
	int y, m, d;
	if (valid && *valid && !date_parse(valid, &y, &m, &d))
		req_fail(req, STATUS_VALOR_INVALIDO, "Orcamento/Validade", "Validade '%s' inválida: AAAA-MM-DD.", valid);
	if (in->next) {
		if (!in->contact_id)
			req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Orcamento/IdAtendimento",
				 "O próximo contato fica na agenda do atendimento: informe IdAtendimento.");
		agenda_check_next(req, in->next, "Orcamento/ProximoContato");
	}
	struct vehicle_key key;
	workshop_vehicle_key(req, in->vehicle_id, in->plate, in->vin, "Orcamento/", &key);
	if (req->has_error)
		return req_first_error(req);

	const char *default_valid, *today;
	bool found;
	enum status s = quote_store_defaults(req, &default_valid, &today, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "Cabecalho/Empresa",
				"A empresa %s não tem oficina configurada.", req->branch.code);
	q.valid_until = valid && *valid ? req_printf(req, "%04d-%02d-%02d", y, m, d) : default_valid;
	if (strcmp(q.valid_until, today) < 0)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Orcamento/Validade", "A validade %s já passou (hoje é %s).",
				q.valid_until, today);

	/* the vehicle, its customer, the atendimento, the type */
	struct booking_vehicle v;
	int64_t person;
	if ((s = workshop_find_vehicle(req, &key, &v, &found)) != STATUS_OK ||
	    (s = workshop_customer(req, in->person_id, found ? &v : NULL, "Orcamento/IdCliente", &person)) != STATUS_OK)
		return s;
	const char *responsible = NULL;
	if (in->contact_id) {
		if ((s = quote_store_contact(req, *in->contact_id, &responsible, &found)) != STATUS_OK)
			return s;
		if (!found)
			req_fail(req, STATUS_NAO_ENCONTRADO, "Orcamento/IdAtendimento", "Atendimento de Id %lld não encontrado.",
				 (long long)*in->contact_id);
	}
	if ((s = work_order_store_type_exists(req, q.type, &found)) != STATUS_OK)
		return s;
	if (!found)
		req_fail(req, STATUS_NAO_ENCONTRADO, "Orcamento/TipoOS", "Tipo de OS '%s' não encontrado.", q.type);
	if (in->odometer && v.odometer && *in->odometer < *v.odometer)
		req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "Orcamento/Quilometragem",
			 "A quilometragem não pode diminuir (registrada: %d km).", *v.odometer);
	if (req->has_error)
		return req_first_error(req);

	int64_t id;
	if ((s = quote_store_insert(req, &q, v.id, person, &id)) != STATUS_OK)
		return s;
	if (in->next) {
		int64_t next_id;
		const char *replaced;
		if ((s = agenda_set_next(req, *in->contact_id, responsible, in->next, "Orcamento/ProximoContato", &next_id,
					 &replaced)) != STATUS_OK ||
		    (s = quote_store_set_next(req, id, next_id)) != STATUS_OK)
			return s;
	}
	if ((s = reread(req, id, out)) != STATUS_OK)
		return s;
	if (!strcmp(out->status, "AGUARDANDO_APROVACAO"))
		req_warn(req, STATUS_AGUARDANDO_APROVACAO, "Orcamento/Item",
			 "Desconto acima do limite da empresa: o orçamento aguarda a aprovação de um gerente "
			 "(AprovarDescontoOrcamento).");
	struct audit_change changes[] = {
		{"Numero", NULL, req_printf(req, "%lld", (long long)out->number)},
		{"Total", NULL, out->total},
		{"Situacao", NULL, out->status},
		{"Validade", NULL, out->valid_until},
	};
	return audit_record(req, "orcamento", id, "incluir", changes, 4);
}

/* Loads a quote for a change: locked, in a branch the caller may act in, at the
 * caller's Versao. */
static enum status load(struct request *req, int64_t id, const int *version, struct quote *q)
{
	if (id <= 0)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdOrcamento", "Informe o Id do orçamento.");
	bool found;
	enum status s = quote_store_get(req, id, NULL, true, q, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !auth_branch_allowed(req->principal, q->branch_id) ||
	    (req->branch.id && req->branch.id != q->branch_id))
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdOrcamento", "Orçamento de Id %lld não encontrado.",
				(long long)id);
	if (!version || q->version != *version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Versao",
				"O orçamento foi alterado depois da sua consulta (versão atual %d).", q->version);
	return STATUS_OK;
}

static enum status not_in(struct request *req, const struct quote *q, const char *verb)
{
	return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdOrcamento", "O orçamento está na situação %s e não pode ser %s.",
			q->status, verb);
}

enum status quote_approve(struct request *req, int64_t id, const int *version, const int *items, int n,
			  struct quote *out)
{
	struct quote q;
	enum status s = load(req, id, version, &q);
	if (s != STATUS_OK)
		return s;
	if (!strcmp(q.status, "AGUARDANDO_APROVACAO"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdOrcamento",
				"O desconto do orçamento aguarda a aprovação de um gerente (AprovarDescontoOrcamento).");
	if (strcmp(q.status, "ABERTO"))
		return not_in(req, &q, "aprovado");
	/* every item listed must exist */
	size_t len = 3;
	for (int i = 0; i < n; i++) {
		bool known = false;
		for (int k = 0; k < q.n_items; k++)
			known = known || q.items[k].number == items[i];
		if (!known)
			req_fail(req, STATUS_NAO_ENCONTRADO, req_printf(req, "ItemAprovado[%d]", i + 1),
				 "O orçamento não tem o item %d.", items[i]);
		len += 12;
	}
	if (req->has_error)
		return req_first_error(req);
	char *list = NULL;
	if (n > 0) {
		list = req_alloc(req, len);
		char *o = list;
		*o++ = '{';
		for (int i = 0; i < n; i++)
			o += sprintf(o, "%s%d", i ? "," : "", items[i]);
		strcpy(o, "}");
	}
	if ((s = quote_store_approve(req, id, list)) != STATUS_OK || (s = reread(req, id, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", q.status, out->status}, {"ItemAprovado", NULL, list ? list : "todos"}};
	return audit_record(req, "orcamento", id, "aprovar", changes, 2);
}

enum status quote_approve_discount(struct request *req, int64_t id, const int *version, struct quote *out)
{
	struct quote q;
	enum status s = load(req, id, version, &q);
	if (s != STATUS_OK)
		return s;
	if (strcmp(q.status, "AGUARDANDO_APROVACAO"))
		return not_in(req, &q, "ter o desconto aprovado");
	if ((s = quote_store_approve_discount(req, id)) != STATUS_OK || (s = reread(req, id, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", q.status, out->status}};
	return audit_record(req, "orcamento", id, "aprovar_desconto", changes, 1);
}

enum status quote_convert(struct request *req, int64_t id, const int *version, const int *odometer,
			  const char *promised_at, struct quote *out, struct work_order *order)
{
	const char *promise = field_trimmed(req, promised_at);
	int64_t epoch;
	int32_t usec;
	if (promise && *promise && !datetime_parse(promise, &epoch, &usec))
		return req_fail(req, STATUS_VALOR_INVALIDO, "PrevisaoEntrega", "Data e hora '%s' inválidas.", promise);
	if (promise && !*promise)
		promise = NULL;
	struct quote q;
	enum status s = load(req, id, version, &q);
	if (s != STATUS_OK)
		return s;
	if (!strcmp(q.status, "AGUARDANDO_APROVACAO"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdOrcamento",
				"O desconto do orçamento aguarda a aprovação de um gerente.");
	if (strcmp(q.status, "ABERTO") && strcmp(q.status, "APROVADO") && strcmp(q.status, "APROVADO_PARCIAL"))
		return not_in(req, &q, "convertido em OS");
	if (q.expired)
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdOrcamento",
				"A validade do orçamento terminou em %s; faça um novo orçamento.", q.valid_until);
	if ((s = work_order_open_from_quote(req, id, *q.vehicle_id, odometer, promise, order)) != STATUS_OK ||
	    (s = quote_store_set_status(req, id, "CONVERTIDO_OS")) != STATUS_OK || (s = reread(req, id, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", q.status, out->status},
					 {"IdOS", NULL, req_printf(req, "%lld", (long long)order->id)}};
	return audit_record(req, "orcamento", id, "converter", changes, 2);
}

enum status quote_get(struct request *req, const int64_t *id, const char *external_id, struct quote *out)
{
	const char *ext = workshop_text(req, external_id, 60, "IdExterno");
	if (!id && !ext)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdOrcamento", "Informe IdOrcamento ou IdExterno.");
	bool found;
	enum status s = quote_store_get(req, id ? *id : 0, ext, false, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !auth_branch_allowed(req->principal, out->branch_id))
		return req_fail(req, STATUS_NAO_ENCONTRADO, id ? "IdOrcamento" : "IdExterno", "Orçamento não encontrado.");
	return STATUS_OK;
}
