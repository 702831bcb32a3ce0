/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sale.c - vehicles of interest and reservations (sale.h, CATALOG section 5).
 *
 * The rule to know: a reservation request locks the stock row first (stock_lock), and
 * only then reads whether an active reservation exists, in a statement of its own, so
 * concurrent requests for one vehicle are served one after the other and each later
 * one sees the winner's reservation: VEICULO_RESERVADO, nothing written.
 */
#include "domain/sale.h"

#include "core/validate.h"
#include "domain/contact.h"
#include "domain/field.h"
#include "domain/stock.h"
#include "store/audit_store.h"
#include "store/sale_store.h"

#include <string.h>

#define MAX_NOTES 2000
#define MAX_REASON 200

static enum status length_ok(struct request *req, const char *field, const char *v, size_t max)
{
	if (v && utf8_chars(v) > max)
		return req_fail(req, STATUS_TAMANHO_EXCEDIDO, field, "%s aceita no máximo %zu caracteres.", field, max);
	return STATUS_OK;
}

static const char *id_text(struct request *req, int64_t v)
{
	return req_printf(req, "%lld", (long long)v);
}

/* ---- RegistrarVeiculoInteresse ------------------------------------------------------- */

enum status interest_register(struct request *req, const int64_t *contact_id, const struct vehicle_interest *in,
			      struct vehicle_interest *out)
{
	if (!in)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "InteresseVeiculo", "Informe o veículo de interesse.");
	struct vehicle_interest v = *in;
	v.model = field_trimmed(req, in->model);
	v.trim = field_trimmed(req, in->trim);
	v.color = field_trimmed(req, in->color);
	if (v.model && !*v.model)
		v.model = NULL;
	if (v.trim && !*v.trim)
		v.trim = NULL;
	if (v.color && !*v.color)
		v.color = NULL;
	enum status s;
	if (!v.stock_id && !v.model)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "InteresseVeiculo/Modelo",
				"Informe um veículo do estoque (IdVeiculoEstoque) ou ao menos o Modelo.");
	if (v.model_year && (*v.model_year < 1900 || *v.model_year > 2102))
		return req_fail(req, STATUS_VALOR_INVALIDO, "InteresseVeiculo/AnoModelo", "Ano do modelo inválido.");
	if ((s = length_ok(req, "InteresseVeiculo/Modelo", v.model, 60)) != STATUS_OK ||
	    (s = length_ok(req, "InteresseVeiculo/VersaoModelo", v.trim, 100)) != STATUS_OK ||
	    (s = length_ok(req, "InteresseVeiculo/Cor", v.color, 60)) != STATUS_OK)
		return s;
	struct contact c;
	if ((s = contact_open_for_change(req, contact_id, NULL, &c)) != STATUS_OK)
		return s;
	if (v.stock_id) {
		struct stock_vehicle sv;
		if ((s = stock_lock(req, v.stock_id, "InteresseVeiculo/IdVeiculoEstoque", &sv)) != STATUS_OK)
			return s;
		if (!strcmp(sv.status, "VENDIDO"))
			return req_fail(req, STATUS_VEICULO_VENDIDO, "InteresseVeiculo/IdVeiculoEstoque",
					"O veículo de estoque %lld já foi vendido.", (long long)v.stock_id);
		/* The stock vehicle's description, unless the request gave its own. */
		if (!v.model)
			v.model = sv.model;
		if (!v.trim)
			v.trim = sv.trim;
		if (!v.color)
			v.color = sv.color;
		if (!v.model_year)
			v.model_year = sv.model_year;
	}
	if ((s = sale_store_interest_insert(req, c.id, &v, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"InteresseVeiculo/Id", NULL, id_text(req, out->id)},
		{"InteresseVeiculo/IdVeiculoEstoque", NULL, v.stock_id ? id_text(req, v.stock_id) : NULL},
		{"InteresseVeiculo/Modelo", NULL, v.model},
	};
	return audit_record(req, "atendimento", c.id, "registrar_interesse", changes, 3);
}

enum status interest_list(struct request *req, int64_t contact_id, struct vehicle_interest **out, int *n)
{
	return sale_store_interests(req, contact_id, out, n);
}

/* ---- ReservarVeiculo / CancelarReserva ------------------------------------------------------ */

/* The vehicle may be reserved for person_id: not sold, not a future vehicle, and not
 * actively reserved (for anyone: a second reservation of one's own is refused too). */
static enum status check_available(struct request *req, const struct stock_vehicle *sv, const char *field)
{
	if (!strcmp(sv->status, "VENDIDO"))
		return req_fail(req, STATUS_VEICULO_VENDIDO, field, "O veículo %lld já foi vendido.", (long long)sv->id);
	if (!strcmp(sv->status, "FUTURO"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, field,
				"O veículo %lld ainda não chegou ao estoque (depósito virtual).", (long long)sv->id);
	if (!strcmp(sv->status, "RESERVADO"))
		return req_fail(req, STATUS_VEICULO_RESERVADO, field,
				"O veículo %lld está reservado até %s (atendimento %lld).", (long long)sv->id,
				sv->reserved_until, (long long)sv->reserved_for_contact);
	return STATUS_OK;
}

enum status reservation_create(struct request *req, const int64_t *contact_id, const int64_t *stock_id,
			       const int *term, const char *unit, const char *notes, struct reservation *out)
{
	enum status first = STATUS_OK, s;
	if (!stock_id)
		first = req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdVeiculoEstoque", "Informe o veículo do estoque.");
	if (!term) {
		s = req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Prazo", "Informe o prazo da reserva.");
		first = first ? first : s;
	} else if (*term < 1) {
		s = req_fail(req, STATUS_VALOR_INVALIDO, "Prazo", "O prazo deve ser de ao menos 1.");
		first = first ? first : s;
	}
	if (!unit) {
		s = req_fail(req, STATUS_CAMPO_OBRIGATORIO, "UnidadePrazo", "Informe a unidade do prazo: HORAS ou DIAS.");
		first = first ? first : s;
	}
	if ((s = length_ok(req, "Observacao", notes, MAX_NOTES)) != STATUS_OK)
		first = first ? first : s;
	if (first != STATUS_OK)
		return first;
	struct sales_limits lim;
	if ((s = sale_store_limits(req, &lim)) != STATUS_OK)
		return s;
	int per = !strcmp(unit, "DIAS") ? 24 : 1;
	if (*term > lim.max_reservation_hours / per)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Prazo",
				"O prazo máximo de reserva é de %d horas (%d dias).", lim.max_reservation_hours,
				lim.max_reservation_hours / 24);
	struct contact c;
	if ((s = contact_open_for_change(req, contact_id, NULL, &c)) != STATUS_OK)
		return s;
	struct stock_vehicle sv;
	if ((s = stock_lock(req, *stock_id, "IdVeiculoEstoque", &sv)) != STATUS_OK ||
	    (s = check_available(req, &sv, "IdVeiculoEstoque")) != STATUS_OK)
		return s;
	bool inserted;
	if ((s = sale_store_reservation_insert(req, sv.id, c.id, c.person_id, *term * per, notes, out, &inserted)) !=
	    STATUS_OK)
		return s;
	if (!inserted)   /* the exclusion constraint: cannot happen while the row lock holds */
		return req_fail(req, STATUS_VEICULO_RESERVADO, "IdVeiculoEstoque", "O veículo %lld já está reservado.",
				(long long)sv.id);
	struct audit_change changes[] = {
		{"IdVeiculoEstoque", NULL, id_text(req, sv.id)},
		{"IdAtendimento", NULL, id_text(req, c.id)},
		{"DataHoraFim", NULL, out->expires_at},
	};
	return audit_record(req, "reserva", out->id, "reservar", changes, 3);
}

enum status reservation_cancel(struct request *req, const int64_t *id, const char *reason, struct reservation *out)
{
	if (!id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdReserva", "Informe a reserva.");
	const char *why = field_trimmed(req, reason);
	if (!why || !*why)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Motivo", "Informe o motivo do cancelamento.");
	enum status s = length_ok(req, "Motivo", why, MAX_REASON);
	if (s != STATUS_OK)
		return s;
	struct reservation r;
	bool found;
	if ((s = sale_store_reservation_get(req, *id, true, &r, &found)) != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdReserva", "Reserva %lld não encontrada nesta empresa.",
				(long long)*id);
	if (strcmp(r.status, "ATIVA"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdReserva",
				"A reserva %lld está %s; só uma reserva ATIVA pode ser cancelada.", (long long)*id, r.status);
	if ((s = sale_store_reservation_cancel(req, r.id, why, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", r.status, out->status}, {"Motivo", NULL, why}};
	return audit_record(req, "reserva", r.id, "cancelar", changes, 2);
}
