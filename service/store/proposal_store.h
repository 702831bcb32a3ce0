/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proposal_store.h - every SQL statement about proposals (table proposal, sql/020).
 *
 * The rule to know: money crosses this layer as centavos (bigint) and is stored as
 * numeric(14,2); final price and amounts due are stored as computed by the domain and
 * re-checked by the table's CHECK constraints. Every statement filters on the
 * caller's tenant and branch.
 */
#ifndef WSATEND_PROPOSAL_STORE_H
#define WSATEND_PROPOSAL_STORE_H

#include "domain/proposal.h"

/* p as computed by the domain (status, reasons included); *out the stored row. */
enum status proposal_store_insert(struct request *req, const struct proposal *p, struct proposal *out);

/* One proposal of the branch, FOR UPDATE when lock; expired: valid_until <= now(). */
enum status proposal_store_get(struct request *req, int64_t id, bool lock, struct proposal *out, bool *found,
			       bool *expired);

/* Sets status (and, for a decision, decided_by/at and notes), version + 1. */
enum status proposal_store_decide(struct request *req, int64_t id, const char *status, const char *notes);
enum status proposal_store_extend(struct request *req, int64_t id, const char *valid_until);
enum status proposal_store_set_status(struct request *req, int64_t id, const char *status);

/* The appraisal is the trade-in of a live proposal other than exclude (0: none). */
enum status proposal_store_trade_in_used(struct request *req, int64_t appraisal_id, int64_t *by);

/* Live proposals (ABERTA, AGUARDANDO_APROVACAO, APROVADA) of the vehicle or of the
 * atendimento, except `except`, become ENCERRADA; *n how many. */
enum status proposal_store_close_vehicle(struct request *req, int64_t stock_id, int64_t except, int *n);
enum status proposal_store_close_contact(struct request *req, int64_t contact_id, int64_t except, int *n);

enum status proposal_store_list(struct request *req, const struct proposal_filter *f, int64_t after, int limit,
				struct proposal **out, int *n);

#endif
