/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * request.h - what one SOAP request carries through the layers.
 *
 * The domain layer sees this and nothing of gSOAP: memory comes from the request's
 * arena (freed in one place when the response has been sent), errors are messages
 * added here with the path of the offending element, and the database is the
 * worker's connection, already inside the request's transaction for writes.
 */
#ifndef WSATEND_REQUEST_H
#define WSATEND_REQUEST_H

#include "core/auth.h"
#include "core/status.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct config;

enum severity { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_INFO };

struct message {
	enum status code;
	enum severity severity;
	const char *field;   /* path of the element: "Pessoa/Telefone[2]/Numero" */
	const char *text;    /* pt-BR */
};

#define REQUEST_MAX_MESSAGES 50

/* The branch (Cabecalho/Empresa) the request acts in; id 0 when none was resolved. */
struct branch {
	int64_t id;
	const char *code;
	const char *time_zone;   /* IANA name */
};

struct request {
	void *arena;                                  /* opaque: the gSOAP context */
	void *(*arena_alloc)(void *arena, size_t n);
	struct db *db;
	const struct config *cfg;
	char id[64];                                  /* X-Request-ID */
	const char *operation;
	const struct principal *principal;            /* NULL before authentication */
	struct branch branch;
	const char *id_mensagem;                      /* Cabecalho/IdMensagem */
	const char *acting_for;                       /* Cabecalho/Usuario */
	bool dry_run;                                 /* Cabecalho/SomenteValidar */
	bool cp1252;                                  /* body was declared windows-1252/latin-1 */
	struct message messages[REQUEST_MAX_MESSAGES];
	size_t n_messages;
	size_t dropped_messages;
	bool has_error;
	bool race;                                    /* the outcome came from a concurrent write */
	bool batch_partial, batch_failed;             /* bulk calls: some / every record rejected */
	const char *tenant_text, *user_text;          /* req_tenant_param/req_user_param, once */
	int last_db_status;                           /* enum db_status of the last req_db_fail */
	/* for the request log line */
	const char *sqlstate;
	bool replayed;
};

/* Arena memory, zeroed; lives until the response is sent. Never NULL (aborts the
 * request with a server fault on exhaustion through the arena's own handling). */
void *req_alloc(struct request *req, size_t n);
char *req_strdup(struct request *req, const char *s);
char *req_printf(struct request *req, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds an error message and returns code, so a check reads
 *     return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Pessoa/Nome", "Informe o nome.");
 * text NULL: the catalog's default text. */
enum status req_fail(struct request *req, enum status code, const char *field,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void req_warn(struct request *req, enum status code, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void req_info(struct request *req, enum status code, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The code of the first error message recorded (VALOR_INVALIDO if none): what a
 * check that collected several errors returns. */
enum status req_first_error(const struct request *req);

/* Maps a database failure to the status the operation returns (a retryable fault
 * for outages and timeouts, ERRO_SERVIDOR for our bugs) and notes the SQLSTATE. */
enum status req_db_fail(struct request *req, int db_status);

/* The outcome was decided by a concurrent request winning a race between our check
 * and our write (a unique index): the operation runs again in a fresh transaction,
 * whose checks then give the deterministic answer. Call it with the req_fail. */
void req_race(struct request *req);

/* The caller's tenant and user as SQL parameters (decimal text in the arena). */
const char *req_tenant_param(struct request *req);
const char *req_user_param(struct request *req);

#endif
