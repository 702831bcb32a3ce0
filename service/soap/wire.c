/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wire.c - conversions between generated gSOAP types and plain C (wire.h). */
#include "soap/wire.h"

#include "core/config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* windows-1252 0x80..0x9F; 0 where the code page has no character (kept as is). */
static const unsigned short cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

const char *wire_text(struct request *req, const char *s)
{
	if (!s || !req->cp1252 || !strstr(s, "\xC2"))
		return s;
	/* Each 2-byte C2 80..9F becomes at most 3 bytes. */
	size_t n = strlen(s);
	char *out = req_alloc(req, n * 3 / 2 + 1);
	char *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F && cp1252_c1[p[1] - 0x80]) {
			unsigned c = cp1252_c1[p[1] - 0x80];
			if (c < 0x800) {
				*o++ = (char)(0xC0 | (c >> 6));
				*o++ = (char)(0x80 | (c & 0x3F));
			} else {
				*o++ = (char)(0xE0 | (c >> 12));
				*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
				*o++ = (char)(0x80 | (c & 0x3F));
			}
			p += 2;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return out;
}

bool wire_bool(const enum xsd__boolean *b, bool absent)
{
	return b ? *b == xsd__boolean__true_ : absent;
}

enum xsd__boolean *wire_new_bool(struct request *req, bool v)
{
	enum xsd__boolean *p = req_alloc(req, sizeof *p);
	*p = v ? xsd__boolean__true_ : xsd__boolean__false_;
	return p;
}

int *wire_new_int(struct request *req, int v)
{
	int *p = req_alloc(req, sizeof *p);
	*p = v;
	return p;
}

LONG64 *wire_new_id(struct request *req, int64_t v)
{
	LONG64 *p = req_alloc(req, sizeof *p);
	*p = v;
	return p;
}

int *wire_opt_int(struct request *req, const int *v)
{
	return v ? wire_new_int(req, *v) : NULL;
}

LONG64 *wire_opt_id(struct request *req, const int64_t *v)
{
	return v ? wire_new_id(req, *v) : NULL;
}

const int64_t *wire_id_in(struct request *req, const LONG64 *id)
{
	if (!id)
		return NULL;
	int64_t *v = req_alloc(req, sizeof *v);
	*v = (int64_t)*id;
	return v;
}

char *wire_new_text(struct request *req, const char *s)
{
	return req_strdup(req, s);
}

const char *wire_id_param(struct request *req, const LONG64 *id)
{
	return id ? req_printf(req, "%lld", (long long)*id) : NULL;
}

const char *wire_int_param(struct request *req, const int *v)
{
	return v ? req_printf(req, "%d", *v) : NULL;
}

#define DEFAULT_PAGE 50

enum status wire_page(struct request *req, const struct ws__Paginacao *p, struct page *out)
{
	int cap = req->cfg->max_page_items;
	out->limit = DEFAULT_PAGE < cap ? DEFAULT_PAGE : cap;
	out->after = 0;
	if (!p)
		return STATUS_OK;
	if (p->MaxItens) {
		if (*p->MaxItens < 1)
			return req_fail(req, STATUS_VALOR_INVALIDO, "Paginacao/MaxItens",
					"MaxItens deve ser de 1 a %d.", cap);
		out->limit = *p->MaxItens;
		if (out->limit > cap) {
			req_info(req, STATUS_VALOR_INVALIDO, "Paginacao/MaxItens",
				 "MaxItens limitado a %d.", cap);
			out->limit = cap;
		}
	}
	if (p->Cursor && *p->Cursor) {
		char *end;
		long long v = strncmp(p->Cursor, "p1.", 3) ? -1 : strtoll(p->Cursor + 3, &end, 10);
		if (v <= 0 || *end)
			return req_fail(req, STATUS_VALOR_INVALIDO, "Paginacao/Cursor",
					"Cursor inválido: envie o ProximoCursor recebido, sem alterá-lo.");
		out->after = v;
	}
	return STATUS_OK;
}

char *wire_next_cursor(struct request *req, const struct page *p, int rows, int64_t last_id)
{
	return rows > p->limit ? req_printf(req, "p1.%lld", (long long)last_id) : NULL;
}

const char *wire_page_limit_param(struct request *req, const struct page *p)
{
	return req_printf(req, "%d", p->limit + 1);
}

const char *wire_page_after_param(struct request *req, const struct page *p)
{
	return req_printf(req, "%lld", (long long)p->after);
}

char *wire_now(struct request *req)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return req_strdup(req, buf);
}
