/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sale_store.h - SQL of vehicles of interest, reservations and the tenant's sales
 * limits (tables vehicle_interest, reservation, sales_config; sql/020).
 *
 * The rule to know: a reservation's status is computed in SQL from now(), never
 * stored; the insert meets the one-active exclusion constraint with ON CONFLICT DO
 * NOTHING, so a lost race leaves the transaction usable and nothing written.
 */
#ifndef WSATEND_SALE_STORE_H
#define WSATEND_SALE_STORE_H

#include "domain/sale.h"

/* The tenant's limits (defaults when it has no sales_config row). */
struct sales_limits {
	int max_reservation_hours;
	int64_t max_discount_hundredths;   /* of a percent: 500 = 5 % */
	int64_t min_margin_hundredths;
	int64_t repair_hundredths;
	int max_proposal_days;
};
enum status sale_store_limits(struct request *req, struct sales_limits *out);

enum status sale_store_interest_insert(struct request *req, int64_t contact_id, const struct vehicle_interest *v,
				       struct vehicle_interest *out);
enum status sale_store_interests(struct request *req, int64_t contact_id, struct vehicle_interest **out, int *n);

/* *inserted false: another active reservation of the vehicle exists (nothing written). */
enum status sale_store_reservation_insert(struct request *req, int64_t stock_id, int64_t contact_id,
					  int64_t person_id, int hours, const char *notes, struct reservation *out,
					  bool *inserted);
/* A reservation whose vehicle is in the request's branch; FOR UPDATE when lock. */
enum status sale_store_reservation_get(struct request *req, int64_t id, bool lock, struct reservation *out,
				       bool *found);
enum status sale_store_reservation_cancel(struct request *req, int64_t id, const char *reason,
					  struct reservation *out);
/* Marks the vehicle's active reservation as used by a sale (if any). */
enum status sale_store_reservation_consume(struct request *req, int64_t stock_id);

#endif
