/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * person_store.h - every SQL statement of people, prospects and consents
 * (domain/person.h). Values arrive already validated and in canonical form; these
 * functions only read and write rows of the caller's tenant.
 *
 * Rule to know: each function returns STATUS_OK or what req_db_fail() gave, except
 * where a unique index is the business rule (document, external id): there
 * STATUS_JA_EXISTENTE comes back without a message, for the domain to word.
 */
#ifndef WSATEND_PERSON_STORE_H
#define WSATEND_PERSON_STORE_H

#include "domain/person.h"

#include <stdbool.h>
#include <stdint.h>


/* Whether the person exists; *status (if not NULL) gets its Situacao. */
enum status person_store_exists(struct request *req, int64_t id, bool *found, const char **status);

/* Id of a person (other than exclude_id, 0 for none) holding the document among the
 * people that are not INATIVO, or holding the external id (any status); 0 if none. */
enum status person_store_id_by_document(struct request *req, const char *document, int64_t exclude_id,
					int64_t *id);
enum status person_store_id_by_external_id(struct request *req, const char *external_id, int64_t exclude_id,
					   int64_t *id);

/* LOCALIZAR_OU_INCLUIR: the best existing person for these keys (document first,
 * then external id, e-mail, phone; see person.c for which candidates count) and the
 * keys it matched, indexed by enum person_match_key. *id 0 when none. */
enum status person_store_match(struct request *req, const struct person *p, int64_t *id,
			       bool keys[PERSON_MATCH_KEYS]);

/* Inserts the person row (not its phones and e-mails); sets p->id. A unique index
 * that refuses the row gives STATUS_JA_EXISTENTE and *conflict the element it
 * protects ("Documento" or "IdExterno"). */
enum status person_store_insert(struct request *req, struct person *p, const char **conflict);

/* Rewrites every column from p where version = expected; *updated false when no row
 * matched (stale version). Bumps version and updated_at. *conflict as for insert. */
enum status person_store_update(struct request *req, const struct person *p, int expected, bool *updated,
				const char **conflict);

/* Replaces the person's phone (e-mail) list with the given one. */
enum status person_store_set_phones(struct request *req, int64_t id, bool is_new,
				    const struct person_phone *phones, int n);
enum status person_store_set_emails(struct request *req, int64_t id, bool is_new,
				    const struct person_email *emails, int n);

/* One person with phones, e-mails and consents; for_update locks the row. */
enum status person_store_get(struct request *req, int64_t id, bool for_update, struct person *out, bool *found);

/* ConsultarPessoa: people matching every given criterion of f (values canonical;
 * name_prefix already a LIKE-escaped prefix; plate a plate search key; vin either
 * the whole VIN or, when vin_is_suffix, its last 6), id > after, by id, at most
 * limit rows, each with phones, e-mails and consents. */
enum status person_store_search(struct request *req, const struct person_filter *f, bool vin_is_suffix,
				int64_t after, int limit, struct person **out, int *n);

/* Upserts one consent; *old_granted gets the previous value (*had false if none). */
enum status person_store_set_consent(struct request *req, int64_t id, const struct person_consent *c,
				     bool *had, bool *old_granted);

/* Marks the person's QUEUED outbox messages of channel PURGED; *n how many. */
enum status person_store_purge_outbox(struct request *req, int64_t id, const char *channel, int *n);

/* Every consent of the person, by channel and purpose. */
enum status person_store_consents(struct request *req, int64_t id, struct person_consent **out, int *n);

/* ---- bulk (IncluirPessoasLote) ------------------------------------------------ */

/* Stored people holding record i's IdExterno or (active ones) its document (NULL:
 * none), locked FOR UPDATE, with their phones and e-mails; found(ctx, i, person)
 * per match. */
typedef void (*person_match_fn)(void *ctx, int i, const struct person *p);
enum status person_store_match_many(struct request *req, int n, const char *const *external_ids,
				    const char *const *documents, person_match_fn found, void *ctx);

/* missing[i]: ids[i] (NULL: none) is not a person of the tenant. */
enum status person_store_missing_many(struct request *req, int n, const int64_t *const *ids, bool *missing);

/* Inserts p[0..n-1] with their phones and e-mails (each p[i]->id set) / updates each
 * p[i] by its id (version + 1), replacing the lists it was given. A constraint
 * failure sets *constraint and leaves the transaction aborted (the caller rolls
 * back to its savepoint). */
enum status person_store_insert_many(struct request *req, struct person *const *p, int n, bool *constraint);
enum status person_store_update_many(struct request *req, const struct person *const *p, int n, bool *constraint);

#endif
