/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wire.h - small conversions between gSOAP's generated types and plain C, used by
 * every adapter in service/soap/. Inputs: NULL means "element absent". Outputs are
 * allocated in the request arena.
 */
#ifndef WSATEND_WIRE_H
#define WSATEND_WIRE_H

#include "core/request.h"
#include "soapH.h"

#include <stdbool.h>
#include <stdint.h>

/* A string from the request as the domain must see it: NULL stays NULL; in a body
 * declared windows-1252 the C1 range (which ISO-8859-1 decoding leaves there) is
 * mapped to the characters windows-1252 means (€, curly quotes, dashes...). */
const char *wire_text(struct request *req, const char *s);

bool wire_bool(const enum xsd__boolean *b, bool absent);
enum xsd__boolean *wire_new_bool(struct request *req, bool v);
int *wire_new_int(struct request *req, int v);
LONG64 *wire_new_id(struct request *req, int64_t v);
char *wire_new_text(struct request *req, const char *s);   /* NULL stays NULL */

/* Optional numbers both ways: NULL (absent) stays NULL. */
int *wire_opt_int(struct request *req, const int *v);
LONG64 *wire_opt_id(struct request *req, const int64_t *v);
const int64_t *wire_id_in(struct request *req, const LONG64 *id);

/* Decimal text of an optional id/int for SQL parameters; NULL when absent. */
const char *wire_id_param(struct request *req, const LONG64 *id);
const char *wire_int_param(struct request *req, const int *v);

/* Paging: MaxItens checked (1..cap; more is capped with an Info message) and the
 * cursor decoded. The cursor is the last id of the previous page ("p1.<id>");
 * anything else is VALOR_INVALIDO. Returns STATUS_OK or the error. */
struct page {
	int limit;
	int64_t after;           /* 0: from the start */
};
enum status wire_page(struct request *req, const struct ws__Paginacao *p, struct page *out);
/* The next cursor when the page was full, else NULL. */
char *wire_next_cursor(struct request *req, const struct page *p, int rows, int64_t last_id);

/* SQL text for the page: limit+1 rows are fetched to know whether more exist. */
const char *wire_page_limit_param(struct request *req, const struct page *p);
const char *wire_page_after_param(struct request *req, const struct page *p);

/* The gSOAP context behind the request (adapters only: the domain never sees it). */
static inline struct soap *wire_soap(struct request *req)
{
	return (struct soap *)req->arena;
}

/* The current time as xsd:dateTime in UTC ("2026-11-22T17:05:00Z"). */
char *wire_now(struct request *req);
/* Enumerations between the wire and the domain's text codes. WIRE_ENUM_OUT(T)
 * defines T_out(req, text): the value for a code out of the database (the CHECK
 * constraints keep them in the contract; an unknown one is left out, NULL).
 * WIRE_ENUM_IN(T) defines T_in(req, value): its code, NULL when absent. */
#define WIRE_ENUM_OUT(TYPE)                                                        \
	static enum ws__##TYPE *TYPE##_out(struct request *req, const char *s)     \
	{                                                                          \
		enum ws__##TYPE *v = s ? req_alloc(req, sizeof *v) : NULL;         \
		if (v && soap_s2ws__##TYPE(wire_soap(req), s, v) != SOAP_OK)       \
			v = NULL;                                                  \
		return v;                                                          \
	}
#define WIRE_ENUM_IN(TYPE)                                                         \
	static const char *TYPE##_in(struct request *req, const enum ws__##TYPE *v) \
	{                                                                          \
		return v ? soap_ws__##TYPE##2s(wire_soap(req), *v) : NULL;         \
	}

#endif
