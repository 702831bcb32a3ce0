/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sale.h - what a customer wants before the proposal: the vehicles of interest of an
 * atendimento (RegistrarVeiculoInteresse) and reservations of stock vehicles
 * (ReservarVeiculo, CancelarReserva), plus the closing of an atendimento as a sale.
 *
 * The rule to know: a reservation is active while not cancelled, not used by a sale
 * and before its end, evaluated whenever read; at most one is active per vehicle
 * (the stock row is locked while checking, and an exclusion constraint in sql/020
 * backs it), so of two customers racing for one car exactly one gets it.
 */
#ifndef WSATEND_SALE_H
#define WSATEND_SALE_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

struct vehicle_interest {
	int64_t id;
	int64_t stock_id;                    /* 0: a description, not a stock vehicle */
	const char *model, *trim, *color;
	const int *model_year;
	const char *created_at;              /* out, UTC */
};

/* RegistrarVeiculoInteresse on an open atendimento of the branch: a stock vehicle of
 * the branch or a description with at least Modelo. Audited on the atendimento. */
enum status interest_register(struct request *req, const int64_t *contact_id, const struct vehicle_interest *in,
			      struct vehicle_interest *out);

/* The vehicles of interest of atendimento contact_id, oldest first. */
enum status interest_list(struct request *req, int64_t contact_id, struct vehicle_interest **out, int *n);

struct reservation {
	int64_t id, stock_id, contact_id, person_id;
	const char *starts_at, *expires_at;   /* UTC */
	const char *status;                   /* ATIVA, EXPIRADA, CANCELADA, CONCLUIDA */
	const char *notes;
};

/* ReservarVeiculo: unit is "HORAS" or "DIAS"; the term may not exceed the tenant's
 * maximum. A sold vehicle is VEICULO_VENDIDO, a reserved one VEICULO_RESERVADO. */
enum status reservation_create(struct request *req, const int64_t *contact_id, const int64_t *stock_id,
			       const int *term, const char *unit, const char *notes, struct reservation *out);

/* CancelarReserva: only an ATIVA reservation of the branch. */
enum status reservation_cancel(struct request *req, const int64_t *id, const char *reason,
			       struct reservation *out);

#endif
