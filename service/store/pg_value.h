/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pg_value.h - values between libpq and the stores, in the request arena: statement
 * parameters as text (libpq sends every parameter as text), result cells as C values
 * (NULL for SQL NULL), and timestamps answered as xsd:dateTime in UTC.
 */
#ifndef WSATEND_PG_VALUE_H
#define WSATEND_PG_VALUE_H

#include "core/request.h"

#include <libpq-fe.h>
#include <stdint.h>

/* A select-list expression: the timestamptz column as "YYYY-MM-DDTHH:MI:SSZ". */
#define PG_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* Parameters. */
const char *pg_num(struct request *req, long long v);
const char *pg_id_param(struct request *req, const int64_t *v); /* NULL -> SQL NULL */
const char *pg_int_param(struct request *req, const int *v);     /* NULL -> SQL NULL */

/* Lists as one parameter: a text[] literal the statement unnests, so an insert of n
 * items is one round trip and still never SQL built from strings. {"a","b",NULL}:
 * every element quoted, '"' and '\\' escaped; NULL items are NULL elements. */
const char *pg_text_array(struct request *req, const char *const *items, int n);

/* A text[] the statement rendered with array_to_string(..., '|'), split into the
 * arena; NULL and *n = 0 for NULL or ''. */
const char **pg_split(struct request *req, const char *joined, int *n);

/* Result cells; NULL when the cell is SQL NULL. */
const char *pg_text(struct request *req, const PGresult *res, int row, int col);
const int *pg_int(struct request *req, const PGresult *res, int row, int col);
const int64_t *pg_id(struct request *req, const PGresult *res, int row, int col);

#endif
