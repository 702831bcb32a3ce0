/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * work_order_store.h - every SQL statement about work orders (tables work_order,
 * work_order_item; sql/010).
 *
 * The rule to know: an insert meets the one-open-per-vehicle index with ON CONFLICT
 * DO NOTHING, which waits for a concurrent opener and then inserts nothing, so the
 * domain can name the open work order instead of failing on a unique violation.
 */
#ifndef WSATEND_WORK_ORDER_STORE_H
#define WSATEND_WORK_ORDER_STORE_H

#include "domain/work_order.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

/* Opens the work order of a booking in the booking's branch, with its items and
 * total. *id 0: the vehicle already has an open work order (nothing written). */
enum status work_order_store_from_booking(struct request *req, int64_t booking_id, const char *type,
					  const int *odometer, const char *promised_at, int64_t *id);

/* Opens the work order of a quote in the quote's branch with its items not refused.
 * *id 0: the vehicle already has an open work order. */
enum status work_order_store_from_quote(struct request *req, int64_t quote_id, const int *odometer,
					const char *promised_at, int64_t *id);

/* The open work order of a vehicle: *id 0 if none; else its number and branch code. */
enum status work_order_store_open_of_vehicle(struct request *req, int64_t vehicle_id, int64_t *id,
					     int64_t *number, const char **branch);

enum status work_order_store_type_exists(struct request *req, const char *code, bool *found);

/* A new work order in the request's branch (number from the branch's counter); the
 * "interessa carro novo" flag comes from the atendimento, else from any open one of
 * the customer. *id 0: the vehicle already has an open work order. */
enum status work_order_store_insert(struct request *req, const struct work_order_input *in, int64_t vehicle_id,
				    int64_t person_id, const char *type, int64_t *id);
/* Items (totals computed here) appended after the existing ones; then the total. */
enum status work_order_store_add_items(struct request *req, int64_t id, const struct work_order_item *items, int n);
enum status work_order_store_external_exists(struct request *req, const char *external_id, bool *found);
enum status work_order_store_set_promise(struct request *req, int64_t id, const char *promised_at);
/* Sets the answer on item `item`; *found false when the work order has no such item. */
enum status work_order_store_answer(struct request *req, int64_t id, int item, const char *answer, bool *found);
enum status work_order_store_touch(struct request *req, int64_t id);
enum status work_order_store_close(struct request *req, int64_t id, const char *notes);
/* A vehicle's odometer, written by a work order (version bumped). */
enum status work_order_store_vehicle_odometer(struct request *req, int64_t vehicle_id, int odometer);
/* By id, else by external id. */
enum status work_order_store_find(struct request *req, int64_t id, const char *external_id, struct work_order *out,
				  bool *found);

struct work_order_query {
	const char *plate_key, *vin, *vin_suffix, *status, *changed_since;
	const int64_t *vehicle_id, *person_id;
	const char *branches;     /* bigint[] literal of allowed branches; NULL: all */
};
enum status work_order_store_list(struct request *req, const struct work_order_query *q, int64_t after, int limit,
				  struct work_order **out, int *n);

enum status work_order_store_get(struct request *req, int64_t id, bool lock, struct work_order *out,
				 bool *found);

/* Items in the column order both work orders and quotes select them (number, kind,
 * code, description, quantity, unit price, discount %, total, customer answer). */
/* Items as the six text[] parameters (kind, code, description, quantity, unit price,
 * discount %) the item INSERTs of work orders and quotes unnest. */
void work_order_store_item_params(struct request *req, const struct work_order_item *items, int n,
				  const char *params[6]);
void work_order_store_read_items(struct request *req, const PGresult *res, struct work_order_item **items, int *n);

#endif
