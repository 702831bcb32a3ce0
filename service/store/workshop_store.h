/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workshop_store.h - SQL of the workshop's reference data and slots beyond the lists
 * declared in domain/workshop.h (which this store implements directly: they have no
 * rules of their own). Every statement is filtered on the caller's tenant, and the
 * slot statements on the request's branch and its time zone.
 */
#ifndef WSATEND_WORKSHOP_STORE_H
#define WSATEND_WORKSHOP_STORE_H

#include "domain/workshop.h"

#include <libpq-fe.h>
#include <stdbool.h>

/* An active productive by code: its kind and whether it works in the request's branch. */
enum status workshop_store_productive(struct request *req, const char *code, const char **kind,
				      bool *in_branch, bool *found);

/* The active services among codes_joined ('|'-separated), in any order. */
enum status workshop_store_services(struct request *req, const char *codes_joined,
				    struct workshop_service **out, int *n);

/* The day's slots (see workshop_free_slots); shift 1, 2 or 3. */
enum status workshop_store_free_slots(struct request *req, const char *date, int minutes, int shift,
				      const char *kind, const char *productive, struct slot **out, int *n);

/* One start time judged against the branch's hours and staff. */
struct slot_frame {
	bool past, open, aligned;
	int n_slots, slot_minutes;
	const char *ends_at;      /* UTC */
	const char **free;        /* productive codes free for the whole visit, code order */
	int n_free;
};
/* kind/productive: NULL for any. *configured false: the branch has no workshop. */
enum status workshop_store_frame(struct request *req, const char *starts_at, int minutes, const char *kind,
				 const char *productive, struct slot_frame *out, bool *configured);
/* A frame from FRAME_JUDGED's six columns at col, then the '|'-joined productives
 * (workshop_sql.h): the single booking's statement and the bulk one read it alike. */
void workshop_store_read_frame(struct request *req, const PGresult *res, int row, int col, struct slot_frame *f);

/* Upserts the campaign and adds the VINs (a text[] literal); counts as in
 * workshop_load_campaign. */
enum status workshop_store_campaign(struct request *req, const struct campaign *c, const char *starts_on,
				    const char *ends_on, const char *vins, int *added, int *total);

/* The VIN of a vehicle of the tenant; *found false when none (or it has no VIN: *vin NULL). */
enum status workshop_store_vehicle_vin(struct request *req, int64_t vehicle_id, const char **vin, bool *found);

#endif
