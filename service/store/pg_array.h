/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pg_array.h - lists as one SQL parameter: a PostgreSQL text[] literal that the
 * statement unnests, so an insert of n items is one round trip and still never SQL
 * built from strings (the literal is a parameter value).
 */
#ifndef WSATEND_PG_ARRAY_H
#define WSATEND_PG_ARRAY_H

#include "core/request.h"

/* {"a","b",NULL}: every element quoted with '"' and '\\' escaped; NULL items are SQL
 * NULL elements. In the request arena. */
const char *pg_text_array(struct request *req, const char *const *items, int n);

#endif
