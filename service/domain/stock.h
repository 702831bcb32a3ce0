/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stock.h - the vehicles a branch has for sale (wsdl/xsd/venda.xsd: VeiculoEstoque,
 * IncluirVeiculoEstoque, PesquisarEstoque) and the check the other sales operations
 * make on a stock vehicle before reserving it or proposing it.
 *
 * The rule to know: RESERVADO is not stored; a vehicle is reserved while it has an
 * active reservation (not cancelled, not used by a sale, before its end), which is
 * evaluated on every read, so a reservation expires by itself. Each operation sees
 * the stock of the request's branch only.
 */
#ifndef WSATEND_STOCK_H
#define WSATEND_STOCK_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

struct stock_vehicle {
	int64_t id;
	const char *external_id, *branch, *depot;
	const char *make, *family, *model, *trim, *color, *vin, *plate;
	const int *year_made, *model_year, *odometer;
	const char *price_in, *cost_in;      /* in: xs:decimal text as sent */
	int64_t price, cost;                 /* out: centavos */
	const char *status;                  /* out: DISPONIVEL, RESERVADO, VENDIDO, FUTURO */
	const char *reserved_until;          /* out: end of the active reservation, UTC */
	int64_t reserved_for_contact;        /* out: its atendimento (0: none) */
	int64_t reserved_for_person;         /* out: its customer (0: none) */
	int version;
};

/* IncluirVeiculoEstoque: n vehicles (1..100), all or nothing; each failure names its
 * "VeiculoEstoque[i]/..." path. *out gets the stored vehicles. */
enum status stock_create(struct request *req, const struct stock_vehicle *in, int n, struct stock_vehicle **out);

/* PesquisarEstoque criteria; NULL: not a criterion. */
struct stock_filter {
	const char *depot, *family, *model_pattern, *trim, *color, *status;
	const int *model_year;
	const char *price_min, *price_max;   /* xs:decimal text */
};

/* Stock of the branch matching f, in id order after `after`, at most `limit` rows
 * (callers pass page size + 1). A model pattern without 2 literal characters before
 * its first % is PESQUISA_SEM_PREFIXO on Filtro/Modelo. */
enum status stock_search(struct request *req, const struct stock_filter *f, int64_t after, int limit,
			 struct stock_vehicle **out, int *n);

/* For reservations and proposals: stock vehicle *id of the branch, its row locked
 * until the transaction ends (so concurrent reservations of one vehicle queue), with
 * its current status. NAO_ENCONTRADO (on `field`) when absent or another tenant's. */
enum status stock_lock(struct request *req, int64_t id, const char *field, struct stock_vehicle *out);

/* An approved trade-in appraisal enters the virtual depot (Situacao FUTURO) with v's
 * description, price and cost; *id the new stock vehicle, 0 when its VIN is already in
 * the unsold stock (nothing written). */
enum status stock_add_future(struct request *req, const struct stock_vehicle *v, int64_t appraisal_id, int64_t *id);

/* The sale: the vehicle becomes VENDIDO (the caller holds its lock). */
enum status stock_mark_sold(struct request *req, int64_t id);

/* Whether the caller's role sees costs and margins (gerente, supervisor, integracao). */
bool stock_sees_cost(const struct request *req);

#endif
