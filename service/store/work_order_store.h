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

#include <stdbool.h>
#include <stdint.h>

/* Opens the work order of a booking in the booking's branch, with its items and
 * total. *id 0: the vehicle already has an open work order (nothing written). */
enum status work_order_store_from_booking(struct request *req, int64_t booking_id, const char *type,
					  const int *odometer, const char *promised_at, int64_t *id);

/* The open work order of a vehicle: *id 0 if none; else its number and branch code. */
enum status work_order_store_open_of_vehicle(struct request *req, int64_t vehicle_id, int64_t *id,
					     int64_t *number, const char **branch);

enum status work_order_store_type_exists(struct request *req, const char *code, bool *found);

enum status work_order_store_get(struct request *req, int64_t id, bool lock, struct work_order *out,
				 bool *found);

#endif
