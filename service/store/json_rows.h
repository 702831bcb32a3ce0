/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json_rows.h - JSON text of the sets the bulk statements expand
 * (json_to_recordset / jsonb_to_recordset), written straight into one buffer.
 *
 * Why not jansson here: a bulk call sends thousands of rows, and building a jansson
 * tree of them (a malloc per value) and dumping it was a third of the server's CPU
 * in tests/bench/bulk.sh. jansson stays the way to build and read JSON documents;
 * this is only for those set parameters. The caller writes the punctuation; the
 * writer escapes strings exactly as json_dumps does (", \ and control characters;
 * UTF-8 as is, already checked at the SOAP edge).
 */
#ifndef WSATEND_STORE_JSON_ROWS_H
#define WSATEND_STORE_JSON_ROWS_H

#include "core/request.h"

#include <stddef.h>

struct json_rows {
	char *buf;
	size_t len, cap;
	bool failed;	/* out of memory: finish returns NULL */
};

void json_rows_init(struct json_rows *j, size_t hint);
/* Punctuation and keys as given, e.g. "{\"k\":" (no escaping). */
void json_rows_raw(struct json_rows *j, const char *text);
/* A JSON string, or null for NULL. */
void json_rows_str(struct json_rows *j, const char *s);
void json_rows_int(struct json_rows *j, long long v);
/* The text in the request's arena (the buffer freed), or NULL. */
const char *json_rows_finish(struct json_rows *j, struct request *req);

#endif
