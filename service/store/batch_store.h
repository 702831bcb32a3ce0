/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * batch_store.h - SQL of the batch bookkeeping (tables batch, batch_item; sql/030).
 * Sets of records travel as one JSON parameter (jsonb_to_recordset), so each
 * function is one round trip whatever the number of records.
 */
#ifndef WSATEND_BATCH_STORE_H
#define WSATEND_BATCH_STORE_H

#include "core/db.h"
#include "domain/batch.h"

/* Creates the batch row unless it exists (the first declared total wins). */
enum status batch_store_open(struct request *req, const struct batch *b);

/* Stored outcomes of the items' keys. For each row found, calls found(ctx, key,
 * operation, hash, stored) with stored's outcome, entity_id and messages filled. */
typedef void (*batch_found_fn)(void *ctx, const char *key, const char *operation, const char *hash,
			       const struct batch_item *stored);
enum status batch_store_lookup(struct request *req, const struct batch *b, batch_found_fn found, void *ctx);

/* Inserts the outcome rows of every item whose key is not `known`. A key taken
 * meanwhile by a concurrent call is a race (req_race, STATUS_INDISPONIVEL): the
 * call runs again and then replays it. */
enum status batch_store_record(struct request *req, const struct batch *b);

/* Savepoints of a bulk write: the set-based statements run under "bulk"; when one
 * meets a constraint, the records are written again one by one, each under "item",
 * so a failure costs only its record. "plan" holds writes planned over a snapshot
 * (booking_batch.c): when a concurrent request's rows are met there, they are
 * undone and the plan is made again over a fresh snapshot. */
enum batch_savepoint { BATCH_SAVEPOINT_BULK, BATCH_SAVEPOINT_ITEM, BATCH_SAVEPOINT_PLAN };
enum status batch_store_savepoint(struct request *req, enum batch_savepoint which);
enum status batch_store_rollback_to(struct request *req, enum batch_savepoint which);
enum status batch_store_release(struct request *req, enum batch_savepoint which);

/* The outcome of a set-based write under the "bulk" savepoint. A constraint failure
 * sets *constraint and is left to the caller: JA_EXISTENTE for a unique key (a
 * concurrent writer), VALOR_INVALIDO for a check, foreign key or bad data (the
 * records are then written one by one); anything else is req_db_fail'ed. */
enum status batch_store_write_status(struct request *req, enum db_status s, bool *constraint);

/* Which ids of a set are not rows of the tenant: st takes $1 the tenant and $2 a
 * json array of ids and answers the missing ones. missing[i] for ids[i] (NULL: not
 * asked). One round trip whatever n. */
enum status batch_store_ids_missing(struct request *req, const struct db_stmt *st, int n, const int64_t *const *ids,
				    bool *missing);

/* ConsultarLote. */
enum status batch_store_get(struct request *req, const char *id, struct batch_info *info, bool *found);
enum status batch_store_items(struct request *req, const char *id, bool only_rejected, int64_t after,
			      int limit, struct batch_item **items, int *n);

#endif
