/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stock_store.h - every SQL statement about the stock (table stock_vehicle, sql/020).
 *
 * The rule to know: the status returned is computed, RESERVADO when an active
 * reservation exists (reservation.expires_at > now()); every statement is filtered
 * on the caller's tenant and branch.
 */
#ifndef WSATEND_STOCK_STORE_H
#define WSATEND_STOCK_STORE_H

#include "domain/stock.h"

/* IdExterno or Chassi (among unsold vehicles) already held by another vehicle of the
 * tenant: *clash names the field ("IdExterno", "Chassi") or is NULL. */
enum status stock_store_clash(struct request *req, const struct stock_vehicle *v, const char **clash);

/* Inserts v (price and cost in centavos; depot VIRTUAL is stored FUTURO) with the
 * appraisal it comes from (0: none); *inserted false when a unique key was taken
 * meanwhile (nothing written). *out: the stored row. */
enum status stock_store_insert(struct request *req, const struct stock_vehicle *v, int64_t appraisal_id,
			       struct stock_vehicle *out, bool *inserted);

/* The normalised criteria: model_prefix/model_like from the pattern (escaped for
 * LIKE ... ESCAPE '\'), contains_* escaped and wrapped in %. */
struct stock_query {
	const char *depot, *family, *model_prefix, *model_like, *trim_like, *color_like, *status;
	const char *model_year, *price_min, *price_max;   /* decimal text */
};
enum status stock_store_search(struct request *req, const struct stock_query *q, int64_t after, int limit,
			       struct stock_vehicle **out, int *n);

/* One vehicle of the branch, FOR UPDATE when lock. */
enum status stock_store_get(struct request *req, int64_t id, bool lock, struct stock_vehicle *out, bool *found);

/* Marks the vehicle sold (status VENDIDO, sold_at now, version + 1). */
enum status stock_store_mark_sold(struct request *req, int64_t id);

#endif
