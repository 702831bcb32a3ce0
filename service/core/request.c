/* SPDX-License-Identifier: GPL-2.0-or-later */
/* request.c - arena helpers and the message list of a request (request.h). */
#include "core/request.h"

#include "core/db.h"

#include <stdio.h>
#include <string.h>

void *req_alloc(struct request *req, size_t n)
{
	void *p = req->arena_alloc(req->arena, n ? n : 1);
	if (p)
		memset(p, 0, n);
	return p;
}

char *req_strdup(struct request *req, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = req_alloc(req, n);
	if (p)
		memcpy(p, s, n);
	return p;
}

static char *vformat(struct request *req, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *p = req_alloc(req, (size_t)n + 1);
	if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *req_printf(struct request *req, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = vformat(req, fmt, ap);
	va_end(ap);
	return p;
}

static void add(struct request *req, enum severity sev, enum status code, const char *field,
		const char *fmt, va_list ap)
{
	if (sev == SEVERITY_ERROR)
		req->has_error = true;
	if (req->n_messages == REQUEST_MAX_MESSAGES) {
		req->dropped_messages++;
		return;
	}
	struct message *m = &req->messages[req->n_messages++];
	m->code = code;
	m->severity = sev;
	m->field = req_strdup(req, field);
	m->text = fmt ? vformat(req, fmt, ap) : status_info(code)->text;
}

enum status req_fail(struct request *req, enum status code, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(req, SEVERITY_ERROR, code, field, fmt, ap);
	va_end(ap);
	return code;
}

void req_warn(struct request *req, enum status code, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(req, SEVERITY_WARNING, code, field, fmt, ap);
	va_end(ap);
}

void req_info(struct request *req, enum status code, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(req, SEVERITY_INFO, code, field, fmt, ap);
	va_end(ap);
}

enum status req_db_fail(struct request *req, int db_status)
{
	req->sqlstate = req_strdup(req, db_last_sqlstate(req->db));
	req->last_db_status = db_status;
	switch ((enum db_status)db_status) {
	case DB_OK:
		return STATUS_OK;
	case DB_UNAVAILABLE:
	case DB_RETRY:
	case DB_BUSY:
	case DB_READ_ONLY:
		return STATUS_INDISPONIVEL;
	default:
		/* A constraint the domain did not check first is our bug, not the
		 * caller's: it is logged with its SQLSTATE (db.c) and answered as such. */
		return STATUS_ERRO_SERVIDOR;
	}
}

void req_race(struct request *req)
{
	req->race = true;
}

/* Every statement carries the tenant: formatted once per request, not per statement. */
const char *req_tenant_param(struct request *req)
{
	if (!req->tenant_text)
		req->tenant_text = req_printf(req, "%lld", (long long)req->principal->tenant_id);
	return req->tenant_text;
}

const char *req_user_param(struct request *req)
{
	if (!req->user_text)
		req->user_text = req_printf(req, "%lld", (long long)req->principal->user_id);
	return req->user_text;
}

enum status req_first_error(const struct request *req)
{
	for (size_t i = 0; i < req->n_messages; i++)
		if (req->messages[i].severity == SEVERITY_ERROR)
			return req->messages[i].code;
	return STATUS_VALOR_INVALIDO;
}
