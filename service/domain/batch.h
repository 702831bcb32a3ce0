/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * batch.h - what every bulk operation shares (wsdl/xsd/lote.xsd, issue 5): per-record
 * keys and results, the batch's bookkeeping, and capturing one record's messages.
 *
 * The rule to know: a bulk call never fails because of one record. Each record is
 * validated with the same domain checks as its single operation, but its messages
 * are moved from the request into the record's result (batch_take), so the request
 * itself stays error-free and its transaction commits; the response's status is
 * Parcial when some records were rejected. A record's key (Chave) that already has a
 * stored outcome is a replay: nothing runs again for it.
 *
 * Use, in a <thing>_batch.c domain file:
 *   batch_hash_*    the record's content hash, for each item
 *   batch_begin     limits, duplicate keys in the call, replays, the batch row
 *   for each undecided record: m = batch_mark(req); <checks>; batch_take(req, m, it)
 *   batch_reject_duplicates   on the natural keys, set-based checks, the writes
 *   batch_finish    records every new outcome (same transaction) and the summary
 */
#ifndef WSATEND_BATCH_H
#define WSATEND_BATCH_H

#include "core/request.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum batch_outcome { BATCH_CREATED, BATCH_UPDATED, BATCH_REPLAYED, BATCH_REJECTED };

struct batch_item {
	const char *key;              /* Chave */
	const int *sequence;          /* Sequencia, NULL when absent */
	char hash[65];                /* SHA-256 (hex) of the record as sent */
	enum batch_outcome outcome;
	enum batch_outcome original;  /* with BATCH_REPLAYED: the first outcome */
	int64_t entity_id;            /* the person/vehicle written; 0 when rejected */
	struct message *messages;     /* errors (rejected) or warnings */
	int n_messages;
	bool decided;                 /* replayed or rejected: nothing more to do */
	bool known;                   /* its key is not ours to record (replay, conflict) */
	int64_t item_no;              /* ConsultarLote: arrival number (the cursor) */
};

struct batch {
	const char *operation;        /* "IncluirVeiculosLote" */
	const char *id;               /* Lote/IdLote, NULL when absent */
	const int *declared_total;
	struct batch_item *items;
	int n;
	int created, updated, replayed, rejected;   /* set by batch_finish */
};

/* Content hash of one record: every input value in a fixed order, NULL distinct
 * from "". begin allocates, end frees (out of memory: all zeros). */
struct batch_hash;
struct batch_hash *batch_hash_begin(void);
void batch_hash_text(struct batch_hash *h, const char *s);
void batch_hash_end(struct batch_hash *h, char out[65]);

/* Checks the call's size (1..bulk_max_records), rejects keys repeated within the
 * call, marks replays and IDEMPOTENCIA_CONFLITO from the stored outcomes, and
 * creates the batch row when IdLote is given. Each item's key and hash must be set.
 * Returns STATUS_OK, or an error of the whole call (req_fail'ed). */
enum status batch_begin(struct request *req, struct batch *b);

/* Capturing one record's messages: mark before its checks, take after. batch_take
 * moves the messages added since mark into the item (the request is left as it was)
 * and, if one is an error, rejects the item. Returns true when it was rejected. */
size_t batch_mark(const struct request *req);
bool batch_take(struct request *req, size_t mark, struct batch_item *it);

/* Rejects one item with a message of its own. */
void batch_reject(struct request *req, struct batch_item *it, enum status code, const char *field,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Rejects (JA_EXISTENTE on field) every undecided item whose value in keys[i]
 * (NULL: none) was already claimed by an earlier undecided item of the call. */
void batch_reject_duplicates(struct request *req, struct batch *b, const char *const *keys,
			     const char *field, const char *what);

/* Writes items idx[0..n-1] set-based: write(req, ctx, idx, n, &constraint) is one
 * statement for them all, run under a savepoint. When it meets a constraint (a key
 * a concurrent request took after our checks, a value the schema refuses), the
 * savepoint is rolled back and the items are written one by one, each under its
 * own savepoint: only the failing ones are rejected (VALOR_INVALIDO on `field`).
 * A unique key taken by a concurrent request is a race instead (req_race: the call
 * runs again, and its checks name the other row). idx is updated to the items
 * actually written (*n). */
typedef enum status (*batch_write_fn)(struct request *req, void *ctx, const int *idx, int n, bool *constraint);
enum status batch_write(struct request *req, struct batch *b, int *idx, int *n, batch_write_fn write, void *ctx,
			const char *field);

/* Something a concurrent request took between our checks and our write (a unique
 * key, the last capacity): the call runs again in a fresh transaction (req_race);
 * returns the status to hand back (INDISPONIVEL should the races go on). */
enum status batch_race(struct request *req);

/* Records the outcome of every item decided in this call (batch_item rows), counts
 * them and sets the response's summary (Parcial / Falha). */
enum status batch_finish(struct request *req, struct batch *b);

/* n items of size bytes in the request arena (a valid pointer also for n = 0). */
void *batch_array(struct request *req, int n, size_t size);

/* The end of an upsert: the audit of what was written ("alterar" for the items in
 * upd, "incluir" for those in ins, with each item's changes) in one statement, then
 * batch_finish. changes / n_changes are indexed by item. */
struct audit_change;
enum status batch_audit_and_finish(struct request *req, struct batch *b, const char *entity, const int *upd,
				   int n_upd, const int *ins, int n_ins, struct audit_change *const *changes,
				   const int *n_changes);

/* ConsultarLote ---------------------------------------------------------------- */

struct batch_info {
	const char *id, *operation;
	const int *declared_total;
	int created, updated, rejected;
	const char *created_at, *updated_at;   /* xsd:dateTime UTC */
};

/* The batch (STATUS_NAO_ENCONTRADO on "IdLote" when the tenant has none by that id)
 * and a page of its items in arrival order after item_no `after` (0: first), at
 * most limit of them. */
enum status batch_find(struct request *req, const char *id, bool only_rejected, int64_t after, int limit,
		       struct batch_info *info, struct batch_item **items, int *n);

#endif
