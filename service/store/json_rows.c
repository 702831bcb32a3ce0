/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_rows.c - JSON text of bulk set parameters (json_rows.h). */
#include "store/json_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_rows_init(struct json_rows *j, size_t hint)
{
	j->len = 0;
	j->cap = hint < 64 ? 64 : hint;
	j->buf = malloc(j->cap);
	j->failed = !j->buf;
}

static bool room(struct json_rows *j, size_t n)
{
	if (j->failed)
		return false;
	if (j->len + n + 1 <= j->cap)
		return true;
	size_t cap = j->cap * 2;
	while (cap < j->len + n + 1)
		cap *= 2;
	char *b = realloc(j->buf, cap);
	if (!b) {
		j->failed = true;
		return false;
	}
	j->buf = b;
	j->cap = cap;
	return true;
}

static void put(struct json_rows *j, const char *s, size_t n)
{
	if (!room(j, n))
		return;
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

void json_rows_raw(struct json_rows *j, const char *text)
{
	put(j, text, strlen(text));
}

void json_rows_str(struct json_rows *j, const char *s)
{
	if (!s) {
		put(j, "null", 4);
		return;
	}
	put(j, "\"", 1);
	const char *run = s;	/* bytes that need no escape go in one copy */
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(j, run, (size_t)(p - run));
		run = p + 1;
		char esc[8];
		switch (c) {
		case '"': put(j, "\\\"", 2); break;
		case '\\': put(j, "\\\\", 2); break;
		case '\b': put(j, "\\b", 2); break;
		case '\f': put(j, "\\f", 2); break;
		case '\n': put(j, "\\n", 2); break;
		case '\r': put(j, "\\r", 2); break;
		case '\t': put(j, "\\t", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put(j, esc, 6);
		}
	}
	put(j, run, strlen(run));
	put(j, "\"", 1);
}

void json_rows_int(struct json_rows *j, long long v)
{
	char n[24];
	int len = snprintf(n, sizeof n, "%lld", v);
	put(j, n, (size_t)len);
}

const char *json_rows_finish(struct json_rows *j, struct request *req)
{
	char *copy = NULL;
	if (!j->failed) {
		j->buf[j->len] = '\0';
		copy = req_alloc(req, j->len + 1);
		if (copy)
			memcpy(copy, j->buf, j->len + 1);
	}
	free(j->buf);
	j->buf = NULL;
	return copy;
}
