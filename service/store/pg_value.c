/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pg_value.c - values between libpq and the stores (pg_value.h). */
#include "store/pg_value.h"

#include "core/db.h"

#include <string.h>

const char *pg_num(struct request *req, long long v)
{
	return req_printf(req, "%lld", v);
}

const char *pg_id_param(struct request *req, const int64_t *v)
{
	return v ? pg_num(req, (long long)*v) : NULL;
}

const char *pg_int_param(struct request *req, const int *v)
{
	return v ? pg_num(req, *v) : NULL;
}

const char *pg_text(struct request *req, const PGresult *res, int row, int col)
{
	const char *v = db_text(res, row, col);
	return v ? req_strdup(req, v) : NULL;
}

const int *pg_int(struct request *req, const PGresult *res, int row, int col)
{
	if (!db_text(res, row, col))
		return NULL;
	int *v = req_alloc(req, sizeof *v);
	*v = db_int(res, row, col);
	return v;
}

const int64_t *pg_id(struct request *req, const PGresult *res, int row, int col)
{
	if (!db_text(res, row, col))
		return NULL;
	int64_t *v = req_alloc(req, sizeof *v);
	*v = db_int64(res, row, col);
	return v;
}

const char *pg_text_array(struct request *req, const char *const *items, int n)
{
	size_t len = 3;
	for (int i = 0; i < n; i++)
		len += (items[i] ? 2 * strlen(items[i]) : 4) + 3;
	char *out = req_alloc(req, len), *o = out;
	*o++ = '{';
	for (int i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		if (!items[i]) {
			memcpy(o, "NULL", 4);
			o += 4;
			continue;
		}
		*o++ = '"';
		for (const char *c = items[i]; *c; c++) {
			if (*c == '"' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

const char **pg_split(struct request *req, const char *joined, int *n)
{
	*n = 0;
	if (!joined || !*joined)
		return NULL;
	int count = 1;
	for (const char *p = joined; *p; p++)
		count += *p == '|';
	const char **items = req_alloc(req, sizeof *items * (size_t)count);
	char *copy = req_strdup(req, joined);
	for (char *save = NULL, *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
		items[(*n)++] = tok;
	return items;
}
