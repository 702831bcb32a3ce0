/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * worker.h - what a worker thread owns: its gSOAP context, a scratch context for
 * (de)serialising stored responses, its PostgreSQL connection and the request being
 * served. soap->user points here (server.c sets it; worker_of reads it).
 */
#ifndef WSATEND_WORKER_H
#define WSATEND_WORKER_H

#include "core/guard.h"
#include "core/request.h"
#include "stdsoap2.h"

#include <stdint.h>

struct worker {
	struct soap *soap;
	struct soap *scratch;
	struct db *db;
	struct db *db_read;        /* lag-tolerant reads (a replica); NULL: the primary */
	const struct config *cfg;
	struct request req;
	struct principal principal;
	struct guard guard;
	char peer[64];
	char request_id_in[64];    /* X-Request-ID sent by the client, if acceptable */
	double started;            /* monotonic seconds at request start */
	uint64_t received;         /* bytes of this request seen by the guard */
	const char *fault_code;    /* for the log line */
	int http_status;           /* of the answer, for the log line */
	const char *outcome;
	int index;
};

static inline struct worker *worker_of(struct soap *soap)
{
	return (struct worker *)soap->user;
}

#endif
