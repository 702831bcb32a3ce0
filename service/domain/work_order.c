/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * work_order.c - rules of the work orders (work_order.h).
 *
 * The rule to know: "one open work order per vehicle" is decided by the database's
 * partial unique index at insert time, never by a read before it; this file only
 * turns "nothing inserted" into a message naming the open work order.
 */
#include "domain/work_order.h"
#include "domain/booking.h"
#include "domain/field.h"
#include "domain/workshop.h"

#include "core/validate.h"
#include "store/audit_store.h"
#include "store/booking_store.h"
#include "store/work_order_store.h"
#include "store/workshop_store.h"

#include <stdio.h>
#include <string.h>

static enum status open_elsewhere(struct request *req, int64_t vehicle_id, const char *field)
{
	int64_t id, number = 0;
	const char *branch = NULL;
	enum status s = work_order_store_open_of_vehicle(req, vehicle_id, &id, &number, &branch);
	if (s != STATUS_OK)
		return s;
	if (!id)   /* closed meanwhile: a fresh attempt decides */
		req_race(req);
	return req_fail(req, STATUS_JA_EXISTENTE, field,
			"O veículo já tem uma OS aberta (Id %lld, número %lld da empresa %s); encerre-a antes "
			"de abrir outra.", (long long)id, (long long)number, branch ? branch : "?");
}

enum status work_order_open_from_booking(struct request *req, int64_t booking_id, int64_t vehicle_id,
					 const char *type,
					 const int *odometer, const char *promised_at, const char *field,
					 struct work_order *out)
{
	int64_t id;
	enum status s = work_order_store_from_booking(req, booking_id, type, odometer, promised_at, &id);
	if (s != STATUS_OK)
		return s;
	if (!id)
		return open_elsewhere(req, vehicle_id, field);
	bool found;
	if ((s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	char booking_text[24];
	snprintf(booking_text, sizeof booking_text, "%lld", (long long)booking_id);
	struct audit_change changes[] = {
		{"IdAgendamento", NULL, booking_text},
		{"Numero", NULL, req_printf(req, "%lld", (long long)out->number)},
		{"TipoOS", NULL, out->type},
		{"Total", NULL, out->total},
	};
	return audit_record(req, "os", id, "abrir", changes, 4);
}

enum status work_order_get(struct request *req, int64_t id, struct work_order *out, bool *found)
{
	return work_order_store_get(req, id, false, out, found);
}

/* ---- AbrirOS and the changes of an open work order ------------------------------------- */

struct work_order_item *work_order_check_items(struct request *req, const struct work_order_item *items, int n,
					       const char *path)
{
	struct work_order_item *out = req_alloc(req, sizeof *out * (size_t)(n + 1));
	if (n > 200)
		req_fail(req, STATUS_VALOR_INVALIDO, path, "No máximo 200 itens.");
	for (int i = 0; i < n && i < 200; i++) {
		const struct work_order_item *it = &items[i];
		const char *prefix = req_printf(req, "%s[%d]", path, i + 1);
		const char *kind = field_trimmed(req, it->kind);
		if (!kind || (strcmp(kind, "MAO_DE_OBRA") && strcmp(kind, "PECA")))
			req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "Tipo"),
				 "Tipo de item '%s' inválido: MAO_DE_OBRA ou PECA.", kind ? kind : "");
		out[i].kind = kind;
		out[i].code = workshop_text(req, it->code, 30, field_path(req, prefix, "Codigo"));
		if (!out[i].code)
			req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, "Codigo"), "Informe o código do item.");
		out[i].description = workshop_text(req, it->description, 100, field_path(req, prefix, "Descricao"));
		out[i].quantity = workshop_decimal(req, it->quantity, 3, DECIMAL_POSITIVE, true,
						   field_path(req, prefix, "Quantidade"));
		out[i].unit_price = workshop_decimal(req, it->unit_price, 2, DECIMAL_NON_NEGATIVE, true,
						     field_path(req, prefix, "PrecoUnitario"));
		out[i].discount_pct = workshop_decimal(req, it->discount_pct, 2, DECIMAL_PERCENT, false,
						       field_path(req, prefix, "DescontoPercentual"));
	}
	return out;
}

/* The odometer rule: lower than the vehicle's only with a correction and its reason;
 * the work order's odometer becomes the vehicle's, audited on the vehicle. */
static enum status apply_odometer(struct request *req, const struct booking_vehicle *v, const int *km,
				  bool correction, const char *reason)
{
	if (!km)
		return STATUS_OK;
	if (*km < 0)
		return req_fail(req, STATUS_VALOR_INVALIDO, "OrdemServico/Quilometragem",
				"A quilometragem não pode ser negativa.");
	bool lower = v->odometer && *km < *v->odometer;
	if (lower && !correction)
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "OrdemServico/Quilometragem",
				"A quilometragem não pode diminuir (registrada: %d km). Para corrigir, informe "
				"CorrecaoQuilometragem com o motivo.", *v->odometer);
	if (lower && (!reason || !*reason))
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "CorrecaoQuilometragem/Motivo",
				"Informe o motivo da correção da quilometragem.");
	if (v->odometer && *km == *v->odometer)
		return STATUS_OK;
	enum status s = work_order_store_vehicle_odometer(req, v->id, *km);
	if (s != STATUS_OK)
		return s;
	struct audit_change changes[2] = {
		{"Quilometragem", v->odometer ? req_printf(req, "%d", *v->odometer) : NULL, req_printf(req, "%d", *km)},
		{"CorrecaoQuilometragem/Motivo", NULL, reason},
	};
	return audit_record(req, "veiculo", v->id, "alterar", changes, lower ? 2 : 1);
}

static enum status open_from_booking(struct request *req, const struct work_order_input *in,
				     struct work_order *out, struct campaign **campaigns, int *n_campaigns)
{
	struct booking b;
	struct campaign *none;
	int n_none;
	enum status s = booking_get(req, in->booking_id, NULL, &b, &none, &n_none);
	if (s != STATUS_OK) {
		/* booking_get names IdAgendamento; the element here is OrdemServico/IdAgendamento */
		if (req->n_messages && !strcmp(req->messages[req->n_messages - 1].field, "IdAgendamento"))
			req->messages[req->n_messages - 1].field = "OrdemServico/IdAgendamento";
		return s;
	}
	struct booking after;
	return booking_convert(req, b.id, b.version, in->type, in->odometer, in->promised_at, &after, out,
			       campaigns, n_campaigns);
}

enum status work_order_open(struct request *req, const struct work_order_input *in, bool correction,
			    const char *odometer_reason, struct work_order *out, struct campaign **campaigns,
			    int *n_campaigns)
{
	*campaigns = NULL;
	*n_campaigns = 0;
	if (in->booking_id)
		return open_from_booking(req, in, out, campaigns, n_campaigns);
	struct work_order_input w = *in;
	w.external_id = workshop_text(req, in->external_id, 60, "OrdemServico/IdExterno");
	w.type = workshop_text(req, in->type, 20, "OrdemServico/TipoOS");
	if (!w.type)
		w.type = "CLIENTE";
	w.consultant = workshop_text(req, in->consultant, 20, "OrdemServico/Consultor");
	w.promised_at = workshop_instant(req, in->promised_at, "OrdemServico/PrevisaoEntrega", false);
	w.notes = workshop_text(req, in->notes, 2000, "OrdemServico/Observacao");
	const char *reason = workshop_text(req, odometer_reason, 200, "CorrecaoQuilometragem/Motivo");
	struct work_order_item *items = work_order_check_items(req, in->items, in->n_items, "OrdemServico/Item");

	struct vehicle_key key;
	workshop_vehicle_key(req, in->vehicle_id, in->plate, in->vin, "OrdemServico/", &key);
	if (req->has_error)
		return req_first_error(req);
	struct booking_vehicle v;
	bool found;
	int64_t person;
	enum status s = workshop_find_vehicle(req, &key, &v, &found);
	if (s != STATUS_OK ||
	    (s = workshop_customer(req, in->person_id, found ? &v : NULL, "OrdemServico/IdCliente", &person)) != STATUS_OK)
		return s;
	if (in->contact_id) {
		if ((s = booking_store_contact_exists(req, *in->contact_id, &found)) != STATUS_OK)
			return s;
		if (!found)
			req_fail(req, STATUS_NAO_ENCONTRADO, "OrdemServico/IdAtendimento",
				 "Atendimento de Id %lld não encontrado.", (long long)*in->contact_id);
	}
	if ((s = work_order_store_type_exists(req, w.type, &found)) != STATUS_OK)
		return s;
	if (!found)
		req_fail(req, STATUS_NAO_ENCONTRADO, "OrdemServico/TipoOS",
			 "Tipo de OS '%s' não encontrado (consulte ListarTiposOS).", w.type);
	if (w.consultant) {
		const char *kind;
		bool in_branch;
		if ((s = workshop_store_productive(req, w.consultant, &kind, &in_branch, &found)) != STATUS_OK)
			return s;
		if (!found || !in_branch)
			req_fail(req, STATUS_NAO_ENCONTRADO, "OrdemServico/Consultor",
				 "Produtivo '%s' não encontrado na empresa %s.", w.consultant, req->branch.code);
	}
	if (w.external_id) {
		if ((s = work_order_store_external_exists(req, w.external_id, &found)) != STATUS_OK)
			return s;
		if (found)
			req_fail(req, STATUS_JA_EXISTENTE, "OrdemServico/IdExterno",
				 "IdExterno '%s' já usado em outra OS.", w.external_id);
	}
	if (req->has_error)
		return req_first_error(req);
	if ((s = apply_odometer(req, &v, in->odometer, correction, reason)) != STATUS_OK)
		return s;

	int64_t id;
	if ((s = work_order_store_insert(req, &w, v.id, person, w.type, &id)) != STATUS_OK)
		return s;
	if (!id)
		return open_elsewhere(req, v.id, key.field);
	if ((s = work_order_store_add_items(req, id, items, in->n_items)) != STATUS_OK ||
	    (s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"Numero", NULL, req_printf(req, "%lld", (long long)out->number)},
		{"IdVeiculo", NULL, req_printf(req, "%lld", (long long)v.id)},
		{"TipoOS", NULL, out->type},
		{"Total", NULL, out->total},
	};
	if ((s = audit_record(req, "os", id, "abrir", changes, 4)) != STATUS_OK)
		return s;
	return workshop_open_campaigns(req, out->vin, campaigns, n_campaigns);
}

/* Loads an open work order for a change: locked, in a branch the caller may act in,
 * at the caller's Versao, still ABERTA. */
static enum status load_open(struct request *req, int64_t id, const int *version, const char *verb,
			     struct work_order *o)
{
	if (id <= 0)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdOS", "Informe o Id da OS.");
	if (!version)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Versao", "Informe a Versao da OS.");
	bool found;
	enum status s = work_order_store_get(req, id, true, o, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !auth_branch_allowed(req->principal, o->branch_id) ||
	    (req->branch.id && req->branch.id != o->branch_id))
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdOS", "OS de Id %lld não encontrada.", (long long)id);
	if (strcmp(o->status, "ABERTA"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdOS", "A OS está %s e não pode ser %s.", o->status,
				verb);
	if (o->version != *version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Versao",
				"A OS foi alterada depois da sua consulta (versão atual %d, enviada %d).", o->version,
				*version);
	return STATUS_OK;
}

enum status work_order_extend(struct request *req, int64_t id, const int *version, const char *promised_at,
			      const char *reason, struct work_order *out)
{
	const char *when = workshop_instant(req, promised_at, "PrevisaoEntrega", false);
	if (!when && !req->has_error)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "PrevisaoEntrega", "Informe a nova previsão de entrega.");
	const char *why = workshop_text(req, reason, 200, "Motivo");
	if (!why)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Motivo", "Informe o motivo da prorrogação.");
	if (req->has_error)
		return req_first_error(req);
	struct work_order o;
	enum status s = load_open(req, id, version, "prorrogada", &o);
	if (s != STATUS_OK)
		return s;
	bool found;
	if ((s = work_order_store_set_promise(req, id, when)) != STATUS_OK ||
	    (s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"PrevisaoEntrega", o.promised_at, out->promised_at}, {"Motivo", NULL, why}};
	return audit_record(req, "os", id, "prorrogar", changes, 2);
}

enum status work_order_answer(struct request *req, int64_t id, const int *version, const struct item_answer *a,
			      int n, struct work_order *out)
{
	if (n == 0)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Resposta", "Informe ao menos uma resposta.");
	for (int i = 0; i < n; i++) {
		const char *path = req_printf(req, "Resposta[%d]/Resposta", i + 1);
		if (!a[i].answer || (strcmp(a[i].answer, "APROVADO") && strcmp(a[i].answer, "RECUSADO")))
			req_fail(req, STATUS_VALOR_INVALIDO, path, "Resposta inválida: APROVADO ou RECUSADO.");
		for (int j = 0; j < i; j++)
			if (a[j].item == a[i].item)
				req_fail(req, STATUS_VALOR_INVALIDO, req_printf(req, "Resposta[%d]/NumeroItem", i + 1),
					 "O item %d foi respondido mais de uma vez.", a[i].item);
	}
	if (req->has_error)
		return req_first_error(req);
	struct work_order o;
	enum status s = load_open(req, id, version, "respondida", &o);
	if (s != STATUS_OK)
		return s;
	struct audit_change *changes = req_alloc(req, sizeof *changes * (size_t)n);
	for (int i = 0; i < n; i++) {
		bool found;
		if ((s = work_order_store_answer(req, id, a[i].item, a[i].answer, &found)) != STATUS_OK)
			return s;
		if (!found)
			return req_fail(req, STATUS_NAO_ENCONTRADO, req_printf(req, "Resposta[%d]/NumeroItem", i + 1),
					"A OS não tem o item %d.", a[i].item);
		const char *was = NULL;
		for (int k = 0; k < o.n_items; k++)
			if (o.items[k].number == a[i].item)
				was = o.items[k].customer_answer;
		changes[i] = (struct audit_change){req_printf(req, "Item[%d]/RespostaCliente", a[i].item), was, a[i].answer};
	}
	bool found;
	if ((s = work_order_store_touch(req, id)) != STATUS_OK ||
	    (s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	return audit_record(req, "os", id, "resposta_cliente", changes, n);
}

enum status work_order_close(struct request *req, int64_t id, const int *version, const char *notes,
			     struct work_order *out)
{
	const char *text = workshop_text(req, notes, 200, "Observacao");
	if (req->has_error)
		return req_first_error(req);
	struct work_order o;
	enum status s = load_open(req, id, version, "encerrada", &o);
	if (s != STATUS_OK)
		return s;
	bool found;
	if ((s = work_order_store_close(req, id, text)) != STATUS_OK ||
	    (s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", o.status, out->status}};
	return audit_record(req, "os", id, "encerrar", changes, 1);
}

enum status work_order_find(struct request *req, const int64_t *id, const char *external_id,
			    struct work_order *out, struct campaign **campaigns, int *n_campaigns)
{
	*campaigns = NULL;
	*n_campaigns = 0;
	const char *ext = workshop_text(req, external_id, 60, "IdExterno");
	if (!id && !ext)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdOS", "Informe IdOS ou IdExterno.");
	bool found;
	enum status s = work_order_store_find(req, id ? *id : 0, ext, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !auth_branch_allowed(req->principal, out->branch_id))
		return req_fail(req, STATUS_NAO_ENCONTRADO, id ? "IdOS" : "IdExterno", "OS não encontrada.");
	return workshop_open_campaigns(req, out->vin, campaigns, n_campaigns);
}

enum status work_order_list(struct request *req, const struct work_order_filter *f, int64_t after, int limit,
			    struct work_order **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct work_order_query q = {.vehicle_id = f->vehicle_id, .person_id = f->person_id};
	q.status = workshop_text(req, f->status, 20, "Filtro/Situacao");
	q.changed_since = workshop_instant(req, f->changed_since, "Filtro/AlteradoDesde", false);
	const char *plate = field_trimmed(req, f->plate);
	if (plate && *plate) {
		char norm[8], key[8];
		if (plate_normalize(plate, norm) == PLATE_INVALID) {
			req_fail(req, STATUS_VALOR_INVALIDO, "Filtro/Placa", "Placa '%s' inválida.", plate);
		} else {
			plate_search_key(norm, key);
			q.plate_key = req_strdup(req, key);
		}
	}
	const char *vin = field_trimmed(req, f->vin);
	if (vin && *vin) {
		char norm[18], suffix[7];
		if (strlen(vin) == 6 && vin_suffix_valid(vin, suffix))
			q.vin_suffix = req_strdup(req, suffix);
		else if (strlen(vin) == 17 && vin_normalize(vin, norm) != VIN_INVALID)
			q.vin = req_strdup(req, norm);
		else
			req_fail(req, STATUS_VALOR_INVALIDO, "Filtro/Chassi",
				 "Informe o chassi completo (17 caracteres) ou os seus 6 últimos, sem I, O ou Q.");
	}
	if (req->has_error)
		return req_first_error(req);
	if (!q.plate_key && !q.vin && !q.vin_suffix && !q.vehicle_id && !q.person_id && !q.status && !q.changed_since)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Filtro",
				"Informe ao menos um critério: Placa, Chassi, IdVeiculo, IdCliente, Situacao ou AlteradoDesde.");
	/* the request's branch, else every branch the caller may act in */
	const struct principal *p = req->principal;
	if (req->branch.id) {
		q.branches = req_printf(req, "{%lld}", (long long)req->branch.id);
	} else if (!p->all_branches) {
		char *list = req_alloc(req, (size_t)p->n_branches * 22 + 3), *o = list;
		*o++ = '{';
		for (int i = 0; i < p->n_branches; i++)
			o += sprintf(o, "%s%lld", i ? "," : "", (long long)p->branches[i]);
		strcpy(o, "}");
		q.branches = list;
	}
	return work_order_store_list(req, &q, after, limit, out, n);
}

enum status work_order_open_from_quote(struct request *req, int64_t quote_id, int64_t vehicle_id,
				       const int *odometer, const char *promised_at, struct work_order *out)
{
	struct booking_vehicle v;
	bool found;
	enum status s = booking_store_vehicle(req, &vehicle_id, NULL, NULL, &v, &found);
	if (s != STATUS_OK)
		return s;
	if (odometer && v.odometer && *odometer < *v.odometer)
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "Quilometragem",
				"A quilometragem não pode diminuir (registrada: %d km). Para corrigir, use AlterarVeiculo "
				"com CorrecaoQuilometragem.", *v.odometer);
	if ((s = apply_odometer(req, &v, odometer, false, NULL)) != STATUS_OK)
		return s;
	int64_t id;
	if ((s = work_order_store_from_quote(req, quote_id, odometer, promised_at, &id)) != STATUS_OK)
		return s;
	if (!id)
		return open_elsewhere(req, vehicle_id, "IdOrcamento");
	if ((s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"IdOrcamento", NULL, req_printf(req, "%lld", (long long)quote_id)},
		{"Numero", NULL, req_printf(req, "%lld", (long long)out->number)},
		{"Total", NULL, out->total},
	};
	return audit_record(req, "os", id, "abrir", changes, 3);
}

enum status work_order_history(struct request *req, const int64_t *vehicle_id, const char *plate, const char *vin,
			       int64_t after, int limit, struct work_order **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct vehicle_key key;
	workshop_vehicle_key(req, vehicle_id, plate, vin, "", &key);
	struct booking_vehicle v;
	bool found;
	enum status s = workshop_find_vehicle(req, &key, &v, &found);
	if (s != STATUS_OK)
		return s;
	if (req->has_error)
		return req_first_error(req);
	/* the history of the car in the whole group, whatever branch did the work */
	struct work_order_query q = {.vehicle_id = &v.id};
	return work_order_store_list(req, &q, after, limit, out, n);
}
