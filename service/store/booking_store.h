/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking_store.h - every SQL statement about bookings (tables booking,
 * booking_service, booking_part, booking_slot, booking_event; sql/010).
 *
 * The rule to know: booking_store_occupy is the capacity check. It inserts one
 * booking_slot row per slot with ON CONFLICT DO NOTHING: a concurrent booking of
 * the same productive and slot makes it wait for that transaction and then insert
 * nothing, so "fewer rows than slots" means taken, decided by the database.
 */
#ifndef WSATEND_BOOKING_STORE_H
#define WSATEND_BOOKING_STORE_H

#include "domain/booking.h"

#include <stdbool.h>
#include <stdint.h>

/* What a booking needs to know of its vehicle. */
struct booking_vehicle {
	int64_t id;
	const char *plate, *vin;
	const int64_t *owner_id;
	const int *odometer;
};
/* By id, plate_key (Mercosul form) or VIN: the first non-NULL criterion. */
enum status booking_store_vehicle(struct request *req, const int64_t *id, const char *plate_key,
				  const char *vin, struct booking_vehicle *out, bool *found);

enum status booking_store_contact_exists(struct request *req, int64_t id, bool *found);
enum status booking_store_type_exists(struct request *req, const char *code, bool *found);

/* Inserts the booking row, still without a number, for the request's branch;
 * b->consultant is the first candidate. */
enum status booking_store_insert(struct request *req, const struct booking *b, int64_t vehicle_id,
				 int64_t person_id, const char *ends_at, int64_t *id);

/* Gives the booking its number from the branch's gap-free counter. Call it last in
 * the transaction: the counter row stays locked until commit, serialising the
 * branch's bookings for that long. */
enum status booking_store_number(struct request *req, int64_t id, int64_t *number);

/* Services (codes, with their standard times) and parts of a new booking. */
enum status booking_store_add_services(struct request *req, int64_t id, const struct booked_service *s, int n);
enum status booking_store_add_parts(struct request *req, int64_t id, const struct booked_part *p, int n);

/* Takes n_slots slots of slot_minutes from starts_at for productive; *ok false (and
 * nothing kept) when any of them is taken. */
enum status booking_store_occupy(struct request *req, int64_t id, const char *productive, const char *starts_at,
				 int n_slots, int slot_minutes, bool *ok);
/* Frees every slot of the booking. */
enum status booking_store_release(struct request *req, int64_t id);

/* Row changes; each bumps the version and updated_at. A move (reschedule) leaves
 * the booking AGENDADO: the new time needs a new confirmation. */
enum status booking_store_move(struct request *req, int64_t id, const char *productive, const char *starts_at,
			       const char *ends_at);
/* The productive that got the slots of a new booking, when not the first candidate
 * (no version bump: still the booking's first version). */
enum status booking_store_set_productive(struct request *req, int64_t id, const char *productive);
enum status booking_store_set_status(struct request *req, int64_t id, const char *status);
enum status booking_store_parts_status(struct request *req, int64_t id, const char *from, const char *to);

/* Appends a lifecycle event. */
enum status booking_store_event(struct request *req, int64_t id, const char *kind, const char *from_status,
				const char *to_status, const char *reason, const char *channel,
				const char *old_start, const char *new_start);

/* One booking (lock: FOR UPDATE); details: services, parts, events too. By id, else
 * by external_id. */
enum status booking_store_get(struct request *req, int64_t id, const char *external_id, bool lock,
			      bool details, struct booking *out, bool *found);

enum status booking_store_list(struct request *req, const struct booking_filter *f, int64_t offset, int limit,
			       struct booking **out, int *n);

#endif
