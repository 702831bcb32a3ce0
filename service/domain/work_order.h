/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * work_order.h - workshop work orders (ordens de serviço, wsdl/xsd/oficina.xsd).
 *
 * The rule to know: at most one open work order per vehicle in the whole tenant,
 * enforced by a partial unique index (sql/010 work_order_one_open), so two requests
 * racing to open one for the same car end with one work order; the other answers
 * JA_EXISTENTE naming the open one. Numbers are gap-free per branch.
 */
#ifndef WSATEND_WORK_ORDER_H
#define WSATEND_WORK_ORDER_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

struct work_order_item {
	int number;
	const char *kind;         /* MAO_DE_OBRA or PECA */
	const char *code, *description;
	const char *quantity, *unit_price, *discount_pct, *total;   /* decimal text */
	const char *customer_answer;   /* APROVADO, RECUSADO or NULL */
};

struct work_order {
	int64_t id;
	const char *external_id;
	int64_t number;
	const char *branch;
	int64_t branch_id;
	int64_t vehicle_id;
	const char *plate, *vin;
	int64_t person_id;
	const int64_t *contact_id, *booking_id, *quote_id;
	const char *type, *consultant;
	const int *odometer;
	bool wants_new_car;
	const char *promised_at, *status, *total, *notes;
	const char *opened_at, *closed_at, *updated_at;
	int version;
	struct work_order_item *items;
	int n_items;
};

/* Opens the work order of booking `booking_id` (already checked and locked by the
 * caller): its services become labour items at their list price, its reserved parts
 * part items. `field` names the element blamed when the vehicle already has an open
 * work order (JA_EXISTENTE). Audited; *out is the stored work order. */
enum status work_order_open_from_booking(struct request *req, int64_t booking_id, int64_t vehicle_id,
					 const char *type,
					 const int *odometer, const char *promised_at, const char *field,
					 struct work_order *out);

/* AbrirOS input. The vehicle by vehicle_id, plate or vin; booking_id: open from that
 * booking instead (the rest but promised_at, type and odometer is the booking's). */
struct work_order_input {
	const char *external_id;
	const int64_t *vehicle_id, *person_id, *contact_id, *booking_id;
	const char *plate, *vin;
	const char *type, *consultant, *promised_at, *notes;
	const int *odometer;
	const struct work_order_item *items;   /* kind, code, description, quantity, unit_price, discount_pct */
	int n_items;
};

struct campaign;

/* AbrirOS in the request's branch; correction: CorrecaoQuilometragem was sent, with
 * odometer_reason, which alone allows an odometer below the vehicle's. A higher
 * odometer is written to the vehicle too (audited there). */
enum status work_order_open(struct request *req, const struct work_order_input *in, bool correction,
			    const char *odometer_reason, struct work_order *out, struct campaign **campaigns,
			    int *n_campaigns);

/* ProrrogarEntregaOS, RegistrarRespostaCliente, EncerrarOS: on an open work order at
 * the Versao the caller read; each audited. */
enum status work_order_extend(struct request *req, int64_t id, const int *version, const char *promised_at,
			      const char *reason, struct work_order *out);
struct item_answer {
	int item;
	const char *answer;   /* APROVADO or RECUSADO */
};
enum status work_order_answer(struct request *req, int64_t id, const int *version, const struct item_answer *a,
			      int n, struct work_order *out);
enum status work_order_close(struct request *req, int64_t id, const int *version, const char *notes,
			     struct work_order *out);

/* ConsultarOS: by id or external id, with the vehicle's open campaigns. */
enum status work_order_find(struct request *req, const int64_t *id, const char *external_id,
			    struct work_order *out, struct campaign **campaigns, int *n_campaigns);

/* ListarOS criteria (AND, at least one). */
struct work_order_filter {
	const char *plate, *vin;       /* either plate form; whole VIN or last 6 */
	const int64_t *vehicle_id, *person_id;
	const char *status, *changed_since;
};
/* Work orders by id after `after`, at most limit (callers pass page size + 1), of
 * the request's branch or else of every branch the caller may act in. */
enum status work_order_list(struct request *req, const struct work_order_filter *f, int64_t after, int limit,
			    struct work_order **out, int *n);

/* Items as sent (work orders and quotes share them), each element checked under
 * "<path>[i]/...": kind, code, positive quantity, unit price not negative, discount
 * 0..100. Returns the trimmed items; failures are messages. */
struct work_order_item *work_order_check_items(struct request *req, const struct work_order_item *items, int n,
					       const char *path);

/* A quote's work order (ConverterOrcamentoEmOS): its items not refused. Same rules as
 * AbrirOS for the vehicle's one open work order and the odometer. */
enum status work_order_open_from_quote(struct request *req, int64_t quote_id, int64_t vehicle_id,
				       const int *odometer, const char *promised_at, struct work_order *out);

/* ConsultarHistoricoVeiculo: the vehicle's work orders (by id, plate in either form
 * or VIN) in every branch of the tenant, in id order after `after`. */
enum status work_order_history(struct request *req, const int64_t *vehicle_id, const char *plate, const char *vin,
			       int64_t after, int limit, struct work_order **out, int *n);

/* One work order by id with its items; *found false if none in the tenant. */
enum status work_order_get(struct request *req, int64_t id, struct work_order *out, bool *found);

#endif
