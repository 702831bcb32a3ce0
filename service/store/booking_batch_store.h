/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking_batch_store.h - the set-based SQL of IncluirAgendamentosLote
 * (domain/booking_batch.c): each function is one statement for the whole call,
 * the records travelling as one JSON parameter (json_rows.h) and coming back by
 * their position o in the call.
 *
 * The rule to know: booking_batch_store_slots is the capacity check, as
 * booking_store_occupy is for one booking: ON CONFLICT DO NOTHING, so fewer rows
 * than slots means a concurrent request took one after our snapshot.
 */
#ifndef WSATEND_BOOKING_BATCH_STORE_H
#define WSATEND_BOOKING_BATCH_STORE_H

#include "domain/booking.h"
#include "store/booking_store.h"
#include "store/workshop_store.h"

#include <stdbool.h>
#include <stdint.h>

/* The vehicles of the records' keys (IdVeiculo, else plate key, else VIN; a record
 * with none is skipped): found(ctx, o, vehicle) per record that has one. */
typedef void (*booking_vehicle_fn)(void *ctx, int o, const struct booking_vehicle *v);
enum status booking_batch_store_vehicles(struct request *req, int n, const int64_t *const *ids,
					 const char *const *plate_keys, const char *const *vins, booking_vehicle_fn found,
					 void *ctx);

/* What booking_check_references needs, per record (ask[i] false: skipped). */
struct booking_ref_query {
	int64_t person;                /* 0: none */
	const int64_t *contact;
	const char *type, *productive, *external_id;
};
enum status booking_batch_store_references(struct request *req, int n, const struct booking_ref_query *q,
					   const bool *ask, struct booking_found *out);

/* The frame of each record's start (starts[i] NULL: skipped) for minutes[i] (0: one
 * slot), with the staff working then: consultants[i], else every CONSULTOR, in code
 * order; whether they are booked is not asked (booking_batch_store_occupancy).
 * *configured false: the branch has no workshop. */
struct booking_frame {
	struct slot_frame f;           /* free: the working staff */
	int64_t start_epoch;           /* seconds */
	const char *local_start;       /* the start in the branch's time, as stored */
};
enum status booking_batch_store_frames(struct request *req, int n, const char *const *starts, const int *minutes,
				       const char *const *consultants, struct booking_frame *out, bool *configured);

/* The branch's booking_slot rows starting in [from, to) (epoch seconds), by
 * productive and start: slot(ctx, productive, start) for each. */
typedef void (*booking_slot_fn)(void *ctx, const char *productive, int64_t start);
enum status booking_batch_store_occupancy(struct request *req, int64_t from, int64_t to, booking_slot_fn slot,
					  void *ctx);

/* ---- writes (the request's branch) ---- */

struct booking_row {
	const struct booking *b;       /* external_id, contact_id, type, starts_at, odometer, notes */
	int64_t vehicle_id, person_id;
	const char *productive, *ends_at;
};
/* Inserts the bookings without number; ids[k] is rows[k]'s. */
enum status booking_batch_store_insert(struct request *req, const struct booking_row *rows, int n, int64_t *ids,
				       bool *constraint);

/* A booking's line (service code; part code, description, quantity). */
struct booking_line {
	int64_t booking_id;
	const char *code, *description, *quantity;
};
enum status booking_batch_store_services(struct request *req, const struct booking_line *l, int n);
enum status booking_batch_store_parts(struct request *req, const struct booking_line *l, int n);
/* The AGENDADO event of each new booking (starts[k] its start). */
enum status booking_batch_store_events(struct request *req, const int64_t *ids, const char *const *starts, int n);

struct booking_slot_row {
	int64_t booking_id, start;     /* start: epoch seconds */
	const char *productive;
};
/* Inserts the slots (ON CONFLICT DO NOTHING); *inserted: how many were. */
enum status booking_batch_store_slots(struct request *req, const struct booking_slot_row *s, int n, int *inserted);

/* Numbers the bookings ids[0..n) in that order from the branch's counter, moved by
 * n in one statement. Call it last: the counter row stays locked until commit. */
enum status booking_batch_store_numbers(struct request *req, const int64_t *ids, int n);

#endif
