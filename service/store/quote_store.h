/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quote_store.h - every SQL statement about quotes (tables quote, quote_item; sql/010).
 *
 * The rule to know: totals and the AGUARDANDO_APROVACAO decision are computed here,
 * in numeric, from the stored items and the branch's discount limit.
 */
#ifndef WSATEND_QUOTE_STORE_H
#define WSATEND_QUOTE_STORE_H

#include "domain/quote.h"

#include <stdbool.h>
#include <stdint.h>

/* The branch's default validity: *valid_until = its local today + validity days;
 * *today its local today. *configured false: no workshop in the branch. */
enum status quote_store_defaults(struct request *req, const char **valid_until, const char **today,
				 bool *configured);

/* Inserts the quote (number from the branch's counter) with its items, then sets its
 * total and status (AGUARDANDO_APROVACAO when a discount passes the limit). */
enum status quote_store_insert(struct request *req, const struct quote *q, int64_t vehicle_id, int64_t person_id,
			       int64_t *id);

enum status quote_store_set_next(struct request *req, int64_t id, int64_t next_contact_id);

/* By id, else external id; lock: FOR UPDATE. */
enum status quote_store_get(struct request *req, int64_t id, const char *external_id, bool lock,
			    struct quote *out, bool *found);

/* items: bigint[]-style int list literal, NULL for all. Sets status from the answers. */
enum status quote_store_approve(struct request *req, int64_t id, const char *items);
enum status quote_store_approve_discount(struct request *req, int64_t id);
enum status quote_store_set_status(struct request *req, int64_t id, const char *status);

/* Default responsible of an atendimento (its responsible consultant), NULL if none. */
enum status quote_store_contact(struct request *req, int64_t contact_id, const char **responsible, bool *found);

#endif
