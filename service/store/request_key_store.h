/* SPDX-License-Identifier: GPL-2.0-or-later */
/* request_key_store.h - SQL of the idempotency keys (table request_key). */
#ifndef WSATEND_REQUEST_KEY_STORE_H
#define WSATEND_REQUEST_KEY_STORE_H

#include "core/db.h"
#include "core/request.h"

struct stored_outcome {
	const char *operation;
	const char *request_hash;
	const char *status;        /* NULL while the first execution is still running */
	const char *response_xml;
	const char *processed_at;  /* xsd:dateTime */
};

/* Claims (tenant, IdMensagem) inside the current transaction. *first true: ours,
 * go on; false: it exists (a concurrent twin has committed meanwhile, as the INSERT
 * waited for it), and *stored holds it. */
enum db_status request_key_claim(struct request *req, const char *hash, bool *first,
				 struct stored_outcome *stored);

/* Records the outcome of our claim (same transaction). */
enum db_status request_key_finish(struct request *req, const char *status, const char *xml);

/* Looks up any IdMensagem of the tenant (ConsultarSituacaoMensagem). */
enum db_status request_key_find(struct request *req, const char *id_mensagem, bool *found,
				struct stored_outcome *stored);

#endif
